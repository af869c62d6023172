package async_test

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/async"
)

func ExampleRun() {
	res, err := async.Run(context.Background(), async.Config{
		Gather:   []time.Duration{40 * time.Millisecond, 20 * time.Millisecond},
		First:    []time.Duration{10 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond},
		Task:     time.Second,
		Timeout:  20 * time.Millisecond,
		SetAfter: 30 * time.Millisecond,
		Poll:     5 * time.Millisecond,
	}, nil)
	fmt.Println("error:", err)
	fmt.Println("gathered:", res.Gather.Results)
	fmt.Println("first completed:", res.First.First, "cancelled:", res.First.Cancelled)
	fmt.Println("wait_for timed out:", res.WaitFor.TimedOut)
	fmt.Println("future:", res.Future.Value, "polled:", res.Future.Polls > 0)
	// Output:
	// error: <nil>
	// gathered: [gather-1 done gather-2 done]
	// first completed: wait-1 cancelled: [wait-2 wait-3]
	// wait_for timed out: true
	// future: ready polled: true
}

func ExampleRunQueue() {
	res, err := async.RunQueue(context.Background(), async.QueueConfig{
		Items:         5,
		Buffer:        2,
		ProducerDelay: time.Millisecond,
	}, nil)
	fmt.Println("error:", err)
	fmt.Println("produced:", res.Produced)
	fmt.Println("consumed:", res.Consumed)
	fmt.Println("goroutines exited:", res.Exited)
	// Output:
	// error: <nil>
	// produced: 5
	// consumed: [0 1 2 3 4]
	// goroutines exited: 2
}
