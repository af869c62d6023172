package async

import (
	"context"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

var benchRecorders = []struct {
	name string
	rec  func() *timeline.Recorder
}{
	{"recorder=nil", func() *timeline.Recorder { return nil }},
	{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
}

// BenchmarkRun measures the cost of the asyncio parts with instant work:
// how many tasks (goroutines started, waited for, and for some cancelled)
// a run gets through per second. Each iteration is one run of all four
// parts; the future is set at once and polled every millisecond.
func BenchmarkRun(b *testing.B) {
	cfg := Config{
		Gather:  make([]time.Duration, 8),
		First:   make([]time.Duration, 8),
		Timeout: time.Hour,
		Poll:    time.Millisecond,
	}
	perRun := goroutines(cfg)
	for _, bc := range benchRecorders {
		b.Run(bc.name, func(b *testing.B) {
			var runs int
			var elapsed time.Duration
			for b.Loop() {
				res, err := Run(b.Context(), cfg, bc.rec())
				if err != nil {
					b.Fatal(err)
				}
				runs++
				elapsed += res.Elapsed
			}
			b.ReportMetric(float64(runs*perRun)/elapsed.Seconds(), "tasks/s")
		})
	}
}

// BenchmarkRunQueue measures the queue's throughput with no delays: 1000
// items from the producer to the consumer through a buffer of 10.
func BenchmarkRunQueue(b *testing.B) {
	cfg := QueueConfig{Items: 1000, Buffer: 10}
	for _, bc := range benchRecorders {
		b.Run(bc.name, func(b *testing.B) {
			var items int
			var elapsed time.Duration
			for b.Loop() {
				// The timeout only bounds an iteration that went wrong.
				ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				res, err := RunQueue(ctx, cfg, bc.rec())
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				items += len(res.Consumed)
				elapsed += res.Elapsed
			}
			b.ReportMetric(float64(items)/elapsed.Seconds(), "items/s")
		})
	}
}
