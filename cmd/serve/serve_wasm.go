//go:build wasm

package main

import (
	"runtime"
	"runtime/debug"

	"github.com/hack-pad/safejs"
)

func init() {
	// A garbage collection on js/wasm marks the heap in one go on the
	// page's only thread: Go's idle-time mark worker runs until marking is
	// done, since no other goroutine can become ready while it holds the
	// thread. Measured in Chromium on 2 cores, one cycle blocked the page
	// for 50–140 ms. The page's live heap is a few MB,
	// so collecting at 5× it instead of 2× makes cycles rarer, for a heap
	// that stays near 16 MB.
	debug.SetGCPercent(400)
	// Nothing reads the page's memory profile. Sampling it costs on
	// js/wasm: a sampled allocation (one per 512 KB by default, about one
	// per Rewind step) unwinds its stack, and each collection flushes the
	// profile in the task it marks in (6 ms of one, profiled in Chromium).
	runtime.MemProfileRate = 0
	exposeGoMemory()
}

// exposeGoMemory gives tests and benchmarks the page's Go heap, read with
// chanlabGoMemory(): bytes live and allocated in total, GC cycles, and the
// longest GC pause. The browser's own figures (wasm memory) only grow.
func exposeGoMemory() {
	f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return map[string]any{ // numbers, as JavaScript reads them
			"heapAlloc":  float64(m.HeapAlloc),
			"totalAlloc": float64(m.TotalAlloc),
			"numGC":      float64(m.NumGC),
			"nextGC":     float64(m.NextGC),
			"heapSys":    float64(m.HeapSys),
		}
	})
	if err != nil {
		return
	}
	_ = safejs.Global().Set("chanlabGoMemory", f)
}

// serve is never reached in the browser: RunWhenOnBrowser does not return.
func serve() {}
