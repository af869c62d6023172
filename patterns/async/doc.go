// Package async ports the course's asyncio lessons to goroutines: running
// coroutines together with gather, wait(FIRST_COMPLETED), wait_for and a
// Future ([Run]), and a producer and a consumer sharing an asyncio.Queue
// that a None sentinel ends ([RunQueue]).
//
// Go has no event loop and no async/await. A coroutine is an ordinary
// function that blocks, a task is a goroutine, and awaiting is waiting: for
// a group (Wait), on a channel, or on a context. Cancellation is a context:
// cancelling it is a request, like Task.cancel(), that every blocking call
// here honours at once; the one who cancels still waits for the goroutines
// to return, so none outlives the call that started it.
//
//	asyncio                          Go
//	gather(*tasks)                   goroutines in a group, then Wait; the first
//	                                 error cancels the rest, as a TaskGroup's does
//	                                 (gather's does not)
//	wait(tasks, FIRST_COMPLETED),    a results channel with room for every task;
//	then t.cancel() on each pending  take the first, cancel, Wait for the losers
//	wait_for(task, timeout)          context.WithTimeout
//	Future, set_result, done()       a channel with a buffer of one, written once;
//	                                 block on it rather than poll
//	Queue, put(None), get() is None  close(ch) by the producer; the consumer ranges
//
// # No sentinel
//
// The Python consumer loops until it gets None. Go does not put an end
// marker in the channel: the producer, the queue's only sender and so its
// owner, closes it, and the consumer's range loop ends once the queue is
// closed and drained. A sentinel is what Go's CodeReviewComments call an
// in-band error: "a function should return an additional value to indicate
// whether its other return values are valid". A receive has that value
// (v, ok := <-ch; range uses it), so the end travels out of band: every int
// stays a valid item where a -1 or a 0 sentinel would steal one, no item type
// needs widening to a pointer to make room for nil, and one close reaches
// every consumer where Python needs one None per consumer.
package async
