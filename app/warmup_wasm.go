//go:build js && wasm

package app

import (
	"errors"
	"sync"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// warmUp is a warm-up under way: the hidden frame that runs the flood, and
// the listener for its messages.
type warmUp struct {
	window, frame safejs.Value
	origin        string
	onMsg         safejs.Func
	timer         *time.Timer

	mu   sync.Mutex
	over bool
}

// startWarmUp starts a warm-up that embeds src, unless this browser has
// warmed this build before (nil, nil), the page is hidden (errHidden) or
// the page has no storage of its own.
func startWarmUp(src string) (*warmUp, error) {
	window := safejs.Global()
	doc, err := window.Get("document")
	if err != nil {
		return nil, err
	}
	if vis, err := doc.Get("visibilityState"); err == nil {
		if s, _ := vis.String(); s == "hidden" {
			return nil, errHidden
		}
	}
	origin, err := window.Get("origin")
	if err != nil {
		return nil, err
	}
	o, err := origin.String()
	if err != nil {
		return nil, err
	}
	if o == "null" {
		showWarmUp(warmNone)
		return nil, errors.New("an opaque origin's storage is not its own")
	}
	// Looked up and recorded in one stretch of Go, with no wait between:
	// embeds of one site share their page's thread and storage, so the
	// first of them to get here is the only one to warm.
	first, err := recordWarmUp(window, app.Getenv("GOAPP_VERSION"))
	if err != nil {
		showWarmUp(warmNone)
		return nil, err
	}
	if !first {
		showWarmUp(warmSkipped)
		return nil, nil
	}

	w := &warmUp{window: window, origin: o}
	if w.frame, err = doc.Call("createElement", "iframe"); err != nil {
		return nil, err
	}
	for name, value := range map[string]string{
		"hidden": "", "aria-hidden": "true", "tabindex": "-1",
		"title": "chanlab warming up", "src": src,
	} {
		if _, err := w.frame.Call("setAttribute", name, value); err != nil {
			return nil, err
		}
	}
	if w.onMsg, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		w.receive(arg(args))
		return nil
	}); err != nil {
		return nil, err
	}
	if _, err := window.Call("addEventListener", "message", w.onMsg); err != nil {
		w.onMsg.Release()
		return nil, err
	}
	body, err := doc.Get("body")
	if err == nil {
		_, err = body.Call("appendChild", w.frame)
	}
	if err != nil {
		_, _ = window.Call("removeEventListener", "message", w.onMsg)
		w.onMsg.Release()
		return nil, err
	}
	showWarmUp(warmRunning)
	w.timer = time.AfterFunc(warmLimit, func() { w.end(warmTimeout) })
	return w, nil
}

// recordWarmUp records in localStorage that this browser warms build
// version, and reports whether it had not before.
func recordWarmUp(window safejs.Value, version string) (first bool, err error) {
	store, err := window.Get("localStorage")
	if err != nil {
		return false, err
	}
	was, err := store.Call("getItem", warmKey)
	if err != nil {
		return false, err
	}
	if s, _ := was.String(); !was.IsNull() && s == version {
		return false, nil
	}
	if _, err := store.Call("setItem", warmKey, version); err != nil {
		return false, err
	}
	return true, nil
}

// receive handles a message to the page: the frame's ready starts its run,
// and its finished ends the warm-up. Other windows' messages are not ours.
func (w *warmUp) receive(ev safejs.Value) {
	src, err := ev.Get("source")
	if err != nil {
		return
	}
	frameWindow, err := w.frame.Get("contentWindow")
	if err != nil || !src.Equal(frameWindow) {
		return
	}
	if from, err := ev.Get("origin"); err != nil {
		return
	} else if o, _ := from.String(); o != w.origin {
		return
	}
	data, err := ev.Get("data")
	if err != nil {
		return
	}
	kind, err := data.Get("type")
	if err != nil {
		return
	}
	switch s, _ := kind.String(); s {
	case msgReady:
		_, _ = frameWindow.Call("postMessage", map[string]any{"type": msgRun}, w.origin)
	case msgFinished:
		w.end(warmDone)
	}
}

// stop ends the warm-up early: the learner pressed Run, or left.
func (w *warmUp) stop() {
	if w != nil {
		w.end(warmStopped)
	}
}

// end removes the frame, which ends its Go program and its worker, and
// says how the warm-up went.
func (w *warmUp) end(how string) {
	w.mu.Lock()
	over := w.over
	w.over = true
	w.mu.Unlock()
	if over {
		return
	}
	w.timer.Stop()
	_, _ = w.window.Call("removeEventListener", "message", w.onMsg)
	// Allowed while the callback runs, which may be what called end.
	w.onMsg.Release()
	_, _ = w.frame.Call("remove")
	showWarmUp(how)
}

// showWarmUp puts how the warm-up went on the root element (data-warm-up).
func showWarmUp(how string) {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return
	}
	root, err := doc.Get("documentElement")
	if err != nil {
		return
	}
	_, _ = root.Call("setAttribute", "data-warm-up", how)
}
