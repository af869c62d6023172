//go:build !(js && wasm)

package app

// replaceURL has no address bar to update outside the browser.
func replaceURL(string) {}
