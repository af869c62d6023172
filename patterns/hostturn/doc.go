// Package hostturn gives the host a turn: on js/wasm, the browser's event
// loop (input, rendering, the page's other tasks).
//
// A Go program on js/wasm has one thread and no preemption, and the Go
// runtime returns to the browser only once every goroutine is blocked. Two
// goroutines that each have work ready run back to back in one task of the
// browser's, however long they take together, and timers that come due
// meanwhile add theirs. A goroutine that calls Wait blocks until the
// browser runs a task of ours queued behind those already waiting, so the
// browser gets its turn in between. Goroutines that wait in Yield get a
// turn each, one after the other, so each one's slice of work has a task of
// its own.
//
// Natively there is no host to starve: Wait and Yield return at once.
package hostturn
