package prodcons_test

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/prodcons"
)

func ExampleRun() {
	res, err := prodcons.Run(context.Background(), prodcons.Config{
		Buffer:        10,
		Producers:     2,
		Consumers:     1,
		Duration:      50 * time.Millisecond,
		ProducerDelay: 5 * time.Millisecond,
	}, nil)
	fmt.Println("error:", err)
	fmt.Println("all consumed:", res.Produced > 0 && res.Consumed == res.Produced && res.Left == 0)
	fmt.Println("queue within capacity:", res.MaxQueueLen <= 10)
	// Output:
	// error: <nil>
	// all consumed: true
	// queue within capacity: true
}
