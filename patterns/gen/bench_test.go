package gen

import (
	"context"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

// BenchmarkRun measures the pipeline with no delay: an endless source, the
// odd filter, squares, and a consumer taking 2000 values, through a range
// loop and through iter.Pull, with and without a recorder (which logs every
// state change and value: about 10000 lines per run). It reports values
// consumed per second.
func BenchmarkRun(b *testing.B) {
	for _, consumer := range []Consumer{Range, Pull} {
		for _, bc := range []struct {
			name string
			rec  func() *timeline.Recorder
		}{
			{"recorder=nil", func() *timeline.Recorder { return nil }},
			{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
		} {
			b.Run("consumer="+consumer.String()+"/"+bc.name, func(b *testing.B) {
				cfg := Config{Items: 2000, Keep: Odd, Consumer: consumer}
				var values int
				var elapsed time.Duration
				for b.Loop() {
					// The timeout only bounds an iteration that went wrong.
					ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
					res, err := Run(ctx, cfg, bc.rec())
					cancel()
					if err != nil {
						b.Fatal(err)
					}
					values += len(res.Values)
					elapsed += res.Elapsed
				}
				b.ReportMetric(float64(values)/elapsed.Seconds(), "values/s")
			})
		}
	}
}
