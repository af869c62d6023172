//go:build !(js && wasm)

package app

import "sync"

// Natively there is no clipboard: the last text copied is kept for tests.
var lastCopied struct {
	sync.Mutex
	text string
}

func copyText(text string) error {
	lastCopied.Lock()
	defer lastCopied.Unlock()
	lastCopied.text = text
	return nil
}
