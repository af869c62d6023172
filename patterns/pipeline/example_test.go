package pipeline_test

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/pipeline"
)

func ExampleRunPolling() {
	// A slow download: the stages after it poll an empty queue while they
	// wait for the next item.
	cfg := pipeline.PollingConfig{
		Items:        5,
		Download:     30 * time.Millisecond,
		Resize:       time.Millisecond,
		Upload:       time.Millisecond,
		PollInterval: 5 * time.Millisecond,
	}
	polling, err := pipeline.RunPolling(context.Background(), cfg, nil)
	fmt.Printf("polling: %d done, error %v, more empty polls than items: %v\n",
		len(polling.Done), err, polling.Polls() > cfg.Items)

	cfg.Blocking = true
	blocking, err := pipeline.RunPolling(context.Background(), cfg, nil)
	fmt.Printf("blocking: %d done, error %v, %d polls, %d wake-ups\n",
		len(blocking.Done), err, blocking.Polls(), blocking.Wakeups())
	// Output:
	// polling: 5 done, error <nil>, more empty polls than items: true
	// blocking: 5 done, error <nil>, 0 polls, 15 wake-ups
}

func ExampleRun() {
	res, err := pipeline.Run(context.Background(), pipeline.Config{
		Items:       20,
		Downloaders: 2, Resizers: 3, Uploaders: 4,
		Buffer:   1,
		Download: time.Millisecond, Resize: time.Millisecond, Upload: time.Millisecond,
	}, nil)
	fmt.Println("error:", err)
	fmt.Println("finished:", len(res.Done))
	for _, s := range res.Stages {
		fmt.Printf("%s: %d workers, %d items\n", s.Name, s.Workers, s.Items)
	}
	fmt.Printf("workers exited: %d/%d\n", res.Exited, res.Workers)
	// Output:
	// error: <nil>
	// finished: 20
	// download: 2 workers, 20 items
	// resize: 3 workers, 20 items
	// upload: 4 workers, 20 items
	// workers exited: 9/9
}
