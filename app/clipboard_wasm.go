//go:build js && wasm

package app

import (
	"errors"

	"github.com/hack-pad/safejs"
)

// copyText puts text on the clipboard. It waits for the browser's answer,
// so it must not run on the UI goroutine. A browser may refuse: a frame
// without clipboard permission, a page not focused.
func copyText(text string) error {
	nav, err := safejs.Global().Get("navigator")
	if err != nil {
		return err
	}
	clip, err := nav.Get("clipboard")
	if err != nil {
		return err
	}
	if clip.IsUndefined() {
		return errors.New("this browser gives no clipboard here")
	}
	promise, err := clip.Call("writeText", text)
	if err != nil {
		return err
	}
	_, err = await(promise)
	return err
}
