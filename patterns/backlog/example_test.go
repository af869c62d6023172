package backlog_test

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/backlog"
)

// A producer making an item every 2ms and a consumer taking 50ms per item,
// for 100ms: without a bound the backlog grows past what a bound of 5
// allows, and with the bound the producer waits instead.
func ExampleRun() {
	cfg := backlog.Config{
		Duration:      100 * time.Millisecond,
		ProducerDelay: 2 * time.Millisecond,
		ConsumerDelay: 50 * time.Millisecond,
		Size:          1024,
	}
	unbounded, err := backlog.Run(context.Background(), cfg, nil)
	fmt.Println("unbounded error:", err)
	fmt.Println("unbounded held more than 5:", unbounded.MaxHeld > 5)
	fmt.Println("bytes held = items × size:", unbounded.MaxBytes == int64(unbounded.MaxHeld)*1024)

	cfg.Bound = 5
	bounded, err := backlog.Run(context.Background(), cfg, nil)
	fmt.Println("bounded error:", err)
	fmt.Println("bounded held at most 5:", bounded.MaxHeld <= 5)
	fmt.Println("producer held back:", bounded.Blocked > 0)
	// Output:
	// unbounded error: <nil>
	// unbounded held more than 5: true
	// bytes held = items × size: true
	// bounded error: <nil>
	// bounded held at most 5: true
	// producer held back: true
}
