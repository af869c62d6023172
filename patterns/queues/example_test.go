package queues_test

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/queues"
)

func ExampleRun() {
	res, err := queues.Run(context.Background(), queues.Config{
		Buffer:        1,
		Items:         5,
		Consumers:     1,
		ConsumerDelay: 10 * time.Millisecond,
	}, nil)
	fmt.Println("error:", err)
	fmt.Println("processed, in order:", res.Done[0])
	fmt.Println("main waited on put:", res.Blocked > 0)
	fmt.Println("join after the last item:", res.Joined >= res.LastDone)
	// Output:
	// error: <nil>
	// processed, in order: [0 1 2 3 4]
	// main waited on put: true
	// join after the last item: true
}
