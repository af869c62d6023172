//go:build js && wasm

package app

import "github.com/hack-pad/safejs"

// showTheme puts theme on the document's root element (data-theme), where
// chanlab.css reads it; auto removes it. The root is outside go-app's
// components, and web/theme.js set it first, from the URL the page loaded
// with.
func showTheme(theme string) {
	root, err := documentRoot()
	if err != nil {
		return
	}
	if theme == themeAuto {
		_, _ = root.Call("removeAttribute", "data-theme")
	} else {
		_, _ = root.Call("setAttribute", "data-theme", theme)
	}
}

// documentRoot is the page's root element (<html>), where chanlab keeps
// the page-wide attributes: data-theme, data-warm-up.
func documentRoot() (safejs.Value, error) {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return safejs.Undefined(), err
	}
	return doc.Get("documentElement")
}
