//go:build js && wasm

package app

import (
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

// heapAhead is the heap the page grows to while idle: what a flood's run
// needs. Measured in Chromium on 2 cores, a flood's page took 51–65 MB of
// heap from the system in its first second; grown to 48 MB ahead, the page
// still grew in that second, with a task of 61 ms, and grown to 64 MB,
// two 30 s floods had no long task.
const heapAhead = 64 << 20

// heapChunk is how much of it one slice of the page's work grows, and
// heapPause the pause between two slices.
const (
	heapChunk = 4 << 20
	heapPause = 16 * time.Millisecond
)

var growHeapOnce sync.Once

// growHeap grows the page's heap to heapAhead, and touches every page of
// it, while the learner reads. A page's first big run otherwise grows it,
// and the system's first touch of each new page of memory landed in that
// run's first half second: it had 1–3 tasks of 51–89 ms there, even with
// its code optimized (a second visit, or after the warm-up); with the heap
// grown first, none in 8 of 8. js/wasm never gives memory back: the memory
// stays the page's, and every run reuses it.
//
// It grows the heap heapChunk at a time, heapPause apart, so that no task
// of the page's holds more than a few milliseconds of it, with the
// collector off: a collection while the chunks are held would set the
// next one's goal from them. It gives up if a run starts first. It runs
// once per page, on its own goroutine.
func growHeap() {
	growHeapOnce.Do(func() { go grow(heapAhead) })
}

func grow(size uint64) {
	gcPercent := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(gcPercent)
	var held [][]byte // until the end: a chunk let go would be reused, not grown
	for !runStarted.Load() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapSys >= size {
			// Free the chunks now, so that the runs' allocations
			// reuse them: with the collector back at its setting, the
			// next collection would come only once the heap had grown
			// past them. They hold no pointers, so the collection marks
			// only the page's own small heap.
			held = nil
			debug.SetGCPercent(gcPercent)
			runtime.GC()
			return
		}
		b := make([]byte, heapChunk)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		held = append(held, b)
		time.Sleep(heapPause)
	}
}
