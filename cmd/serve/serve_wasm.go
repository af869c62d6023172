//go:build wasm

package main

import (
	"runtime"

	"github.com/hack-pad/safejs"
)

func init() {
	// The collector keeps Go's default pace (GOGC=100). A collection on
	// js/wasm runs in one task of the page's only thread: once it starts,
	// Go's idle-time mark worker and then the sweeper run until done, since
	// no other goroutine can become ready while they hold the thread. The
	// task grows with the garbage swept, so with GOGC: measured in Chromium
	// on 2 cores, a Rewind drag's longest task was 12–21 ms at the default
	// (a cycle every 5 steps) and 31–49 ms at GOGC=400 (every 30). A
	// flood kept 0 long tasks and 60 fps at either, its page's main thread
	// busier at the default (80% of it against 70%; longest task 19–22 ms
	// against 16–18, traced from 2 s into it).

	// Nothing reads the page's memory profile. Sampling it costs on
	// js/wasm: a sampled allocation (one per 512 KB by default, about one
	// per Rewind step) unwinds its stack, and each collection flushes the
	// profile in the task it marks in (6 ms of one, profiled in Chromium).
	runtime.MemProfileRate = 0

	// The page's first collection costs 20–45 ms, its next ones 1–9
	// (measured in Chromium on 2 cores): V8 compiles a WebAssembly function
	// when it is first called, so the first collection compiles the
	// collector too. Collecting now, while the heap is nearly empty, makes
	// that a part of the page's load (17–20 ms of it), not a task in the
	// middle of the learner's first run: one there, at 4 s into a
	// computing run, was the page's only long task (51–53 ms, 2 runs in 3;
	// none in 4 after this).
	runtime.GC()
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
