//go:build js && wasm

package app

import "github.com/hack-pad/safejs"

// replaceURL puts path (with its query) in the address bar without a new
// history entry, so a reload or a copied link restores the same knobs. It
// goes through safejs: a browser that refuses (a sandboxed frame may) costs
// the permalink, not the app.
func replaceURL(path string) {
	history, err := safejs.Global().Get("history")
	if err != nil {
		return
	}
	_, _ = history.Call("replaceState", safejs.Null(), "", path)
}
