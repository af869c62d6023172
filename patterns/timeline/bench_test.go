package timeline

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkQueuePutGet measures one put and one get on a queue of capacity
// 1, which never blocks, so it is the instrumentation's own cost.
func BenchmarkQueuePutGet(b *testing.B) {
	for _, r := range recorders() {
		b.Run(r.name, func(b *testing.B) {
			q := NewQueue[int](r.rec(), "q", 1)
			ctx := context.Background()
			for b.Loop() {
				if err := q.Put(ctx, 1); err != nil {
					b.Fatal(err)
				}
				if _, err := q.Get(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSnapshot measures what a UI frame costs: copying a full ring of
// the default capacity, or only the aggregates when nothing is new.
func BenchmarkSnapshot(b *testing.B) {
	rec := New(0)
	g := NewGroup(rec)
	for i := range 8 {
		g.Go(context.Background(), fmt.Sprintf("g%d", i), func(context.Context) error { return nil })
	}
	if err := g.Wait(); err != nil {
		b.Fatal(err)
	}
	record(b, rec, 0, DefaultCapacity)
	next := rec.Snapshot(0).Next
	for _, bc := range []struct {
		name   string
		cursor uint64
	}{
		{"full ring", 0},
		{"nothing new", next},
	} {
		b.Run(bc.name, func(b *testing.B) {
			events, ops := 0, 0
			for b.Loop() {
				events += len(rec.Snapshot(bc.cursor).Events)
				ops++
			}
			b.ReportMetric(float64(events)/float64(ops), "events/op")
		})
	}
}
