//go:build js && wasm

package app

import "github.com/hack-pad/safejs"

// showTheme puts theme on the document's root element (data-theme), where
// chanlab.css reads it; auto removes it. The root is outside go-app's
// components, and web/theme.js set it first, from the URL the page loaded
// with.
func showTheme(theme string) {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return
	}
	root, err := doc.Get("documentElement")
	if err != nil {
		return
	}
	if theme == themeAuto {
		_, _ = root.Call("removeAttribute", "data-theme")
	} else {
		_, _ = root.Call("setAttribute", "data-theme", theme)
	}
}
