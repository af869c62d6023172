//go:build wasm

package main

import "runtime/debug"

func init() {
	// The page's Go heap is small (1–3 MB live during a run) but a garbage
	// collection marks it in one go on the page's only thread: measured in
	// Chromium on 2 cores, one cycle blocked the page for 50–90 ms, about
	// every 4 s of a run (at the default GOGC, the first cycles come at a
	// 4 MB heap). Collecting at 5× the live heap instead spaces them about
	// 20 s apart, for a heap that stays near 16 MB.
	debug.SetGCPercent(400)
}

// serve is never reached in the browser: RunWhenOnBrowser does not return.
func serve() {}
