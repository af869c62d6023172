//go:build js && wasm

package app

import (
	"time"

	"github.com/hack-pad/safejs"
)

// download hands data to the browser as a file called name: a Blob behind
// a temporary object URL, clicked through a detached link.
func download(data []byte, name, mime string) error {
	global := safejs.Global()
	u8, err := global.Get("Uint8Array")
	if err != nil {
		return err
	}
	bytes, err := u8.New(len(data))
	if err != nil {
		return err
	}
	if _, err := safejs.CopyBytesToJS(bytes, data); err != nil {
		return err
	}
	blobType, err := global.Get("Blob")
	if err != nil {
		return err
	}
	blob, err := blobType.New([]any{bytes}, map[string]any{"type": mime})
	if err != nil {
		return err
	}
	url, err := global.Get("URL")
	if err != nil {
		return err
	}
	href, err := url.Call("createObjectURL", blob)
	if err != nil {
		return err
	}
	doc, err := global.Get("document")
	if err != nil {
		return err
	}
	a, err := doc.Call("createElement", "a")
	if err != nil {
		return err
	}
	if err := a.Set("href", href); err != nil {
		return err
	}
	if err := a.Set("download", name); err != nil {
		return err
	}
	if _, err := a.Call("click"); err != nil {
		return err
	}
	// The browser has taken the file once the click is handled; the URL
	// only holds the blob alive after that.
	time.AfterFunc(time.Minute, func() { url.Call("revokeObjectURL", href) })
	return nil
}
