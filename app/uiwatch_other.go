//go:build !(js && wasm)

package app

import "chanlab/i18n"

// reportStuckUI is for the browser, where a UI goroutine can stop
// unreported (see watchUI); natively the watch does not run.
func reportStuckUI(i18n.Lang) {}
