package deadlock_test

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/deadlock"
)

func ExampleNaiveRun() {
	// The naive order never hands anything over; only the context ends it.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	res, err := deadlock.NaiveRun(ctx, deadlock.Config{Items: 3}, nil)
	fmt.Println(res.Consumed, err)

	res, err = deadlock.Run(context.Background(), deadlock.Config{Items: 3}, nil)
	fmt.Println(res.Consumed, err)
	// Output:
	// 0 context deadline exceeded
	// 3 <nil>
}
