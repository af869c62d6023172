package counter

import (
	"context"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

// BenchmarkRun measures the four variants with two goroutines of 20000
// additions each (the naive one yielding), with and without a recorder. It
// reports the additions per second over the whole run and each variant's
// cost per addition.
func BenchmarkRun(b *testing.B) {
	cfg := Config{Iterations: 20000, Goroutines: 2, Yield: true}
	for _, bc := range []struct {
		name string
		rec  func() *timeline.Recorder
	}{
		{"recorder=nil", func() *timeline.Recorder { return nil }},
		{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total Result
			for b.Loop() {
				// The timeout only bounds an iteration that went wrong.
				ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				res, err := Run(ctx, cfg, bc.rec())
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				for _, p := range []struct{ sum, o *Outcome }{
					{&total.Naive, &res.Naive}, {&total.Mutex, &res.Mutex},
					{&total.Atomic, &res.Atomic}, {&total.Owner, &res.Owner},
				} {
					p.sum.Adds += p.o.Adds
					p.sum.Elapsed += p.o.Elapsed
				}
			}
			adds := total.Naive.Adds + total.Mutex.Adds + total.Atomic.Adds + total.Owner.Adds
			elapsed := total.Naive.Elapsed + total.Mutex.Elapsed + total.Atomic.Elapsed + total.Owner.Elapsed
			b.ReportMetric(float64(adds)/elapsed.Seconds(), "adds/s")
			for name, o := range map[string]Outcome{"naive": total.Naive, "mutex": total.Mutex, "atomic": total.Atomic, "owner": total.Owner} {
				b.ReportMetric(float64(o.Elapsed.Nanoseconds())/float64(o.Adds), name+"-ns/add")
			}
		})
	}
}
