package wrap

import (
	"context"
	"testing"
)

// BenchmarkTimed measures what the timing wrapper adds to a call.
func BenchmarkTimed(b *testing.B) {
	f := Timed("noop", func(context.Context) (int, error) { return 0, nil }, func(Call) {})
	ctx := b.Context()
	for b.Loop() {
		f(ctx)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}
