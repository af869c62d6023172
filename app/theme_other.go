//go:build !(js && wasm)

package app

// showTheme has no document outside the browser: the server's pre-rendered
// page gets its theme from web/theme.js.
func showTheme(string) {}
