package app

import (
	"fmt"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns/history"
	"chanlab/patterns/timeline"
)

// floodView is a finished view of n events of a flood: 8 goroutines
// putting into and getting from one queue of 10, blocking on it now and
// then, over 30 s.
func floodView(n int) *runView {
	v := newRunView("prodcons", "Producer/consumer", "", "")
	s := timeline.Snapshot{Queues: []timeline.QueueInfo{{Name: "queue", Cap: 10}}}
	for i := range 8 {
		s.Goroutines = append(s.Goroutines, timeline.Goroutine{Name: fmt.Sprintf("worker-%d", i), Queue: -1})
	}
	step := 30 * time.Second / time.Duration(n)
	for i := range n {
		at := time.Duration(i) * step
		g := int32(i % 8)
		var e timeline.Event
		switch i % 4 {
		case 0:
			e = timeline.Event{At: at, Kind: timeline.Put, G: g, Q: 0, Len: int32(i % 11), Value: int64(i)}
		case 1:
			e = timeline.Event{At: at, Kind: timeline.Get, G: g, Q: 0, Len: int32(i % 10), Value: int64(i)}
		case 2:
			e = timeline.Event{At: at, Kind: timeline.GoState, State: timeline.BlockedPut, G: g, Q: 0}
		default:
			e = timeline.Event{At: at, Kind: timeline.GoState, State: timeline.Running, G: g, Q: -1}
		}
		s.Events = append(s.Events, e)
		if len(s.Events) == 3000 || i == n-1 {
			s.Elapsed = at
			v.h.Add(s)
			s.Events = s.Events[:0]
		}
	}
	return v
}

// BenchmarkPanelRender measures what each panel costs to build per frame
// (its Render, with the figures it computes; not the DOM update, which
// BenchmarkPanelUpdate adds) after 10k and 100k recorded events. make bench
// runs it natively and on js/wasm under Node.
func BenchmarkPanelRender(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		v := floodView(n)
		now := v.h.Elapsed
		panels := []struct {
			name string
			c    app.Composer
		}{
			{"timings", &timings{View: v}},
			{"lanes", &goroutineLanes{View: v, Now: now}},
			{"queues", &queueChart{View: v, Now: now}},
			{"goroutines", &goroutineList{View: v, Now: now}},
			{"log", &logView{View: v, Now: now, follow: true, filter: history.Filter{G: -1}}},
		}
		// On js/wasm V8 runs new code with its baseline compiler first
		// and optimizes what runs often: a few hundred renders first
		// keep that out of the figures (natively they cost nothing).
		for _, p := range panels {
			for range 300 {
				p.c.Render()
			}
		}
		for _, p := range panels {
			b.Run(fmt.Sprintf("%s/%dk", p.name, n/1000), func(b *testing.B) {
				for b.Loop() {
					p.c.Render()
				}
			})
		}
	}
}

// TestAppendCoord checks the charts' coordinates against fmt's %.1f, which
// they used to be written with.
func TestAppendCoord(t *testing.T) {
	for _, x := range []float64{0, 0.04, 0.05, 0.15, 1, 12.345, 99.95, 479.99, 480, -0.04, -3.25, 1e9} {
		if got, want := string(appendCoord(nil, x)), fmt.Sprintf("%.1f", x); got != want {
			t.Errorf("appendCoord(%v) = %q, want %q", x, got, want)
		}
	}
}
