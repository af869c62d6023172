package counter_test

import (
	"context"
	"fmt"

	"chanlab/patterns/counter"
)

func ExampleRun() {
	res, err := counter.Run(context.Background(), counter.Config{
		Iterations: 1000,
		Goroutines: 4, // two add 1, two add -1
		Yield:      true,
	}, nil)
	fmt.Println("error:", err)
	fmt.Println("expected:", res.Expected)
	fmt.Println("mutex:", res.Mutex.Final)
	fmt.Println("atomic:", res.Atomic.Final)
	fmt.Println("owner:", res.Owner.Final)
	// The naive counter's final value varies from run to run; only the
	// mutex, atomic and owner variants are exact.
	// Output:
	// error: <nil>
	// expected: 0
	// mutex: 0
	// atomic: 0
	// owner: 0
}
