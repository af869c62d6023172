package procs_test

import (
	"context"
	"fmt"

	"chanlab/patterns/procs"
)

func ExampleRun() {
	for _, transport := range []procs.Transport{procs.Queue, procs.Pipe} {
		res, err := procs.Run(context.Background(), procs.Config{Workers: 4, N: 1_000_000, Transport: transport}, nil)
		fmt.Printf("%v: total %d from %d workers, error %v\n", transport, res.Total, res.Received, err)
	}
	// Output:
	// queue: total 4000000 from 4 workers, error <nil>
	// pipe: total 4000000 from 4 workers, error <nil>
}
