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
	version       string
	onMsg         safejs.Func
	timer         *time.Timer
	then          func() // after the frame's run, or the limit

	endOnce sync.Once
}

// startWarmUp starts a warm-up that embeds src, and calls then once its
// frame has gone after its run or after warmLimit (not when stopped). It
// returns nil and no error when this browser warmed this build before,
// errHidden while the page is hidden, and an error when the page cannot
// warm (no storage of its own).
func startWarmUp(src string, then func()) (*warmUp, error) {
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
	w := &warmUp{window: window, version: app.Getenv("GOAPP_VERSION"), then: then}
	if w.origin, err = pageOrigin(window); err != nil {
		showWarmUp(warmNone)
		return nil, err
	}
	if warmed, err := w.warmedBefore(); err != nil {
		showWarmUp(warmNone)
		return nil, err
	} else if warmed {
		showWarmUp(warmSkipped)
		return nil, nil
	}

	if err := w.mount(doc, src); err != nil {
		showWarmUp(warmNone)
		return nil, err
	}
	showWarmUp(warmRunning)
	w.timer = time.AfterFunc(warmLimit, func() { w.end(warmTimeout) })
	return w, nil
}

// mount adds the hidden frame that embeds src, and listens for its
// messages.
func (w *warmUp) mount(doc safejs.Value, src string) error {
	var err error
	if w.frame, err = doc.Call("createElement", "iframe"); err != nil {
		return err
	}
	for _, a := range [][2]string{
		{"hidden", ""}, {"aria-hidden", "true"}, {"tabindex", "-1"}, {"title", "chanlab"},
		// The embed finds its parent's origin in location.ancestorOrigins,
		// which not every browser has, or else in the referrer, which
		// chanlab's Referrer-Policy (no-referrer) would leave empty.
		{"referrerpolicy", "same-origin"},
		{"src", src},
	} {
		if _, err := w.frame.Call("setAttribute", a[0], a[1]); err != nil {
			return err
		}
	}
	if w.onMsg, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		w.receive(arg(args))
		return nil
	}); err != nil {
		return err
	}
	if _, err := w.window.Call("addEventListener", "message", w.onMsg); err != nil {
		w.onMsg.Release()
		return err
	}
	body, err := doc.Get("body")
	if err == nil {
		_, err = body.Call("appendChild", w.frame)
	}
	if err != nil {
		_, _ = w.window.Call("removeEventListener", "message", w.onMsg)
		w.onMsg.Release()
		return err
	}
	return nil
}

// pageOrigin is the page's origin, if its storage is its own: a page with
// an opaque origin ("null") has storage that forgets (web/sandbox.js).
func pageOrigin(window safejs.Value) (string, error) {
	o, err := windowOrigin(window)
	if err != nil {
		return "", err
	}
	if o == "null" {
		return "", errors.New("an opaque origin's storage is not its own")
	}
	return o, nil
}

// warmedBefore reports whether this browser has warmed this build (warmKey):
// false if it cannot tell.
func warmedBefore() bool {
	w := &warmUp{window: safejs.Global(), version: app.Getenv("GOAPP_VERSION")}
	warmed, err := w.warmedBefore()
	return warmed && err == nil
}

// warmedBefore reports whether localStorage says this browser warmed this
// build.
func (w *warmUp) warmedBefore() (bool, error) {
	store, err := w.window.Get("localStorage")
	if err != nil {
		return false, err
	}
	was, err := store.Call("getItem", warmKey)
	if err != nil {
		return false, err
	}
	s, _ := was.String()
	return !was.IsNull() && s == w.version, nil
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
	from, err := ev.Get("origin")
	if err != nil {
		return
	}
	if o, _ := from.String(); o != w.origin {
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
		outcome, _ := data.Get("outcome")
		if s, _ := outcome.String(); s != "done" {
			w.end(warmFailed)
			return
		}
		// Recorded only now: a warm-up cut short warms again next time.
		if store, err := w.window.Get("localStorage"); err == nil {
			_, _ = store.Call("setItem", warmKey, w.version)
		}
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
	w.endOnce.Do(func() {
		w.timer.Stop()
		_, _ = w.window.Call("removeEventListener", "message", w.onMsg)
		// Allowed while the callback runs, which may be what called end.
		w.onMsg.Release()
		_, _ = w.frame.Call("remove")
		// The page keeps w: let go of the frame, whose window holds its
		// program's memory until nothing refers to it.
		w.frame = safejs.Null()
		showWarmUp(how)
		if how != warmStopped && w.then != nil {
			go w.then()
		}
	})
}

// showWarmUp puts how the warm-up went on the root element (data-warm-up).
func showWarmUp(how string) {
	root, err := documentRoot()
	if err != nil {
		return
	}
	_, _ = root.Call("setAttribute", "data-warm-up", how)
}
