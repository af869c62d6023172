//go:build !(js && wasm)

package app

// replaceURL has no address bar to update outside the browser.
func replaceURL(string) {}

// browserLangs has no browser to ask outside one: the server's pre-rendered
// page takes its language from the address alone.
func browserLangs() []string { return nil }
