// Package pipeline is the course's three-stage pipeline of worker threads,
// download → resize → upload, in two lessons.
//
// Polling ([RunPolling]). Python: a hand-made queue, a collections.deque
// guarded by a Lock, whose get raises IndexError when it is empty, so every
// worker thread polls its input with a 10 ms sleep between tries; the main
// thread polls the done queue the same way. Go keeps that version as
// naivePipeline, a mutex-guarded slice with a TryGet that fails on empty,
// and counts every empty poll: wake-ups that found nothing to do. The fix,
// blockingPipeline, puts the same stages on blocking queues (channels): a
// worker with nothing to do is parked in its get until an item arrives, so
// it never polls. Closing a worker's output when its input is closed and
// drained also ends the run by itself, where the naive run must poll for
// the last item and then cancel workers that would otherwise poll forever.
//
// Closing and fan-out ([Run]). Python: a ClosableQueue(Queue) whose close()
// puts a sentinel and whose __iter__ stops at it; each StoppableWorker
// iterates its input and exits at the sentinel; shutdown closes each queue
// in order and joins its workers, and with several workers per stage the
// queue must be closed once per worker, since each sentinel stops one. In Go
// close(ch) is that sentinel, built in: one close ends every receiver
// ranging over the channel, after they drained it. A queue is closed only
// after every sender to it has returned (Python's "close, then join",
// turned around: join the senders, then close), so no put can follow a
// close: the download queue by main, its only sender, which puts every
// item as Python's main thread did; the others by the run, once the stage
// that feeds them has returned.
//
// Both runs are synchronous: they return when every goroutine they started
// has returned. Every get, put and simulated piece of work can be abandoned
// through the context, so cancelling it stops a run within one operation.
package pipeline
