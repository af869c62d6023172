//go:build js && wasm

package app

import (
	"context"
	"time"

	"github.com/hack-pad/safejs"
)

// These talk to the page's service worker registration. They wait for
// promises, so none may run on the UI goroutine.

// serviceWorkers returns navigator.serviceWorker, read through
// Reflect.get: in a frame with an opaque origin the property's getter
// throws, and a throwing getter read directly would kill the Go program.
// It is undefined where there are no service workers (an insecure origin).
func serviceWorkers() (safejs.Value, bool) {
	global := safejs.Global()
	reflect, err := global.Get("Reflect")
	if err != nil {
		return safejs.Undefined(), false
	}
	nav, err := global.Get("navigator")
	if err != nil {
		return safejs.Undefined(), false
	}
	sw, err := reflect.Call("get", nav, "serviceWorker")
	if err != nil || sw.IsUndefined() || sw.IsNull() {
		return safejs.Undefined(), false
	}
	return sw, true
}

// registration returns the page's service worker registration, if any.
func registration() (sws, reg safejs.Value, ok bool) {
	sws, ok = serviceWorkers()
	if !ok {
		return sws, safejs.Undefined(), false
	}
	p, err := sws.Call("getRegistration")
	if err != nil {
		return sws, safejs.Undefined(), false
	}
	reg, err = await(p)
	if err != nil || reg.IsUndefined() || reg.IsNull() {
		return sws, safejs.Undefined(), false
	}
	return sws, reg, true
}

// present reports whether v.name holds an object.
func present(v safejs.Value, name string) bool {
	x, err := v.Get(name)
	return err == nil && !x.IsUndefined() && !x.IsNull()
}

// updateWaiting reports whether a new version is installed and waiting
// while an older one serves this page. (On a first visit the worker
// installs with no older one: nothing to offer.)
func updateWaiting() bool {
	sws, reg, ok := registration()
	return ok && present(sws, "controller") && present(reg, "waiting")
}

// checkForUpdates asks the server for a new version every interval and
// whenever the network comes back, until ctx is done; a new version then
// installs and go-app reports it (OnAppUpdate). A failed check (offline,
// the server down) waits for the next one.
func checkForUpdates(ctx context.Context, every time.Duration) {
	window := safejs.Global()
	online := make(chan struct{}, 1)
	onOnline, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		select { // never block a JavaScript callback
		case online <- struct{}{}:
		default:
		}
		return nil
	})
	if err != nil {
		return
	}
	defer onOnline.Release()
	if _, err := window.Call("addEventListener", "online", onOnline); err != nil {
		return
	}
	defer window.Call("removeEventListener", "online", onOnline)

	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-online:
		}
		if _, reg, ok := registration(); ok {
			if p, err := reg.Call("update"); err == nil {
				_, _ = await(p)
			}
		}
	}
}

// activateTimeout bounds the wait for the new worker to take over: past
// it, the page reloads anyway (and offers the update again if it is still
// waiting).
const activateTimeout = 10 * time.Second

// applyUpdate tells the waiting worker to take over, then reloads the page
// once it controls the page, so that the reload runs the new version. A
// plain reload would not do: a page's worker stays while the page
// reloads.
func applyUpdate() {
	defer reload()
	sws, reg, ok := registration()
	if !ok {
		return
	}
	waiting, err := reg.Get("waiting")
	if err != nil || waiting.IsNull() || waiting.IsUndefined() {
		return
	}
	changed := make(chan struct{}, 1)
	onChange, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		select {
		case changed <- struct{}{}:
		default:
		}
		return nil
	})
	if err != nil {
		return
	}
	defer onChange.Release()
	if _, err := sws.Call("addEventListener", "controllerchange", onChange); err != nil {
		return
	}
	defer sws.Call("removeEventListener", "controllerchange", onChange)
	if _, err := waiting.Call("postMessage", map[string]any{"chanlab": "activate"}); err != nil {
		return
	}
	select {
	case <-changed:
	case <-time.After(activateTimeout):
	}
}

func reload() {
	if loc, err := safejs.Global().Get("location"); err == nil {
		_, _ = loc.Call("reload")
	}
}
