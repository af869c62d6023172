package failures_test

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/failures"
)

func ExampleRun() {
	// A run that is cancelled at once still computes until its limit.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err := failures.Run(ctx, failures.Config{Mode: failures.Runaway, Limit: 30 * time.Millisecond}, nil)
	fmt.Println(err, time.Since(start) >= 30*time.Millisecond)
	// Output:
	// context canceled true
}
