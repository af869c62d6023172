package events_test

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/events"
)

func ExampleRun() {
	res, err := events.Run(context.Background(), events.Config{
		Waiters:      2,
		TimedWaiters: 2,
		WaitTimeout:  30 * time.Millisecond,
		SetDelay:     100 * time.Millisecond,
		TimerDelay:   time.Second, // after the set: cancelled
		Interval:     20 * time.Millisecond,
		Duration:     50 * time.Millisecond,
	}, nil)
	fmt.Println("error:", err)
	woke := 0
	for _, w := range res.Waiters {
		if w.Set && w.Woke >= res.SetAt {
			woke++
		}
	}
	fmt.Printf("woke after the set: %d of %d\n", woke, len(res.Waiters))
	fmt.Println("timer fired:", res.TimerFired)
	// Output:
	// error: <nil>
	// woke after the set: 4 of 4
	// timer fired: false
}
