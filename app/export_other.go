//go:build !(js && wasm)

package app

import "sync"

// Natively there is no browser to download to: the last file is kept for
// tests.
var lastDownload struct {
	sync.Mutex
	data       []byte
	name, mime string
}

func download(data []byte, name, mime string) error {
	lastDownload.Lock()
	defer lastDownload.Unlock()
	lastDownload.data, lastDownload.name, lastDownload.mime = data, name, mime
	return nil
}
