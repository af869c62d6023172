//go:build js && wasm

package app

import (
	"runtime"

	"github.com/hack-pad/safejs"

	"chanlab/i18n"
)

// reportStuckUI says that the UI goroutine has stopped (see watchUI): on
// the console, as an error, with every goroutine's stack, and at the top
// of the page, in language l. It cannot go through go-app, whose loop is
// the goroutine that stopped.
func reportStuckUI(l i18n.Lang) {
	stacks := make([]byte, 1<<20)
	stacks = stacks[:runtime.Stack(stacks, true)]
	global := safejs.Global()
	if console, err := global.Get("console"); err == nil {
		_, _ = console.Call("error", "chanlab: the UI goroutine has stopped answering; a panic on it leaves go-app waiting for ever. Every goroutine:\n"+string(stacks))
	}
	doc, err := global.Get("document")
	if err != nil {
		return
	}
	note, err := doc.Call("createElement", "div")
	if err != nil {
		return
	}
	_ = note.Set("className", "card notice")
	_, _ = note.Call("setAttribute", "role", "alert")
	_ = note.Set("textContent", tr(l, "chanlab stopped working because of a bug. Reload the page to go on."))
	if body, err := doc.Get("body"); err == nil {
		_, _ = body.Call("prepend", note)
	}
}
