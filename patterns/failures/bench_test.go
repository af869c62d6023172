package failures

import (
	"context"
	"testing"
	"time"
)

// BenchmarkRunaway measures the runaway loop's iterations per second: each
// one reads the clock, which on js/wasm crosses into JavaScript.
func BenchmarkRunaway(b *testing.B) {
	var spins int64
	var took time.Duration
	for b.Loop() {
		res, _ := Run(context.Background(), Config{Mode: Runaway, Limit: 20 * time.Millisecond}, nil)
		spins += res.Spins
		took += 20 * time.Millisecond
	}
	b.ReportMetric(float64(spins)/took.Seconds(), "spins/s")
}
