package wrap

import (
	"context"
	"testing"
)

// BenchmarkTimed measures calls through the timing wrapper. Each iteration
// makes many calls, so that a run of a few iterations (make bench uses
// -benchtime 3x) still measures something.
func BenchmarkTimed(b *testing.B) {
	const calls = 100_000
	f := Timed("noop", func(context.Context) (int, error) { return 0, nil }, func(Call) {})
	ctx := b.Context()
	n := 0
	for b.Loop() {
		for range calls {
			f(ctx)
		}
		n += calls
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "calls/s")
}
