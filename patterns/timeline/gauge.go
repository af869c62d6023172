package timeline

import (
	"context"
	"sync/atomic"
)

// Gauge is a named, measured quantity of a run that is not the length of a
// Queue: the items an unbounded buffer holds, the bytes it keeps alive. The
// pattern sets it where the quantity changes; the recorder keeps its latest
// value and its maximum, and each change is an event the UI can chart.
type Gauge struct {
	rec *Recorder
	id  int32
	max atomic.Int64 // kept without a recorder too, for Result
}

// NewGauge returns a gauge recorded into rec (which may be nil) under name,
// measured in unit ("items", "bytes").
func NewGauge(rec *Recorder, name, unit string) *Gauge {
	return &Gauge{rec: rec, id: rec.newGauge(name, unit)}
}

// Set records the gauge's value now, attributed to the goroutine tracked in
// ctx.
func (g *Gauge) Set(ctx context.Context, v int64) {
	storeMax(&g.max, v)
	g.rec.measure(from(ctx).gid(), g.id, v)
}

// Max returns the highest value ever set.
func (g *Gauge) Max() int64 { return g.max.Load() }
