package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/counter"
	"chanlab/patterns/timeline"
)

var counterSpec = Spec{
	ID:     "counter",
	Title:  "Lost updates: a shared counter, naive, locked, atomic, owned",
	Topic:  LocksEvents,
	Lesson: "Reading then writing a shared counter loses updates when goroutines interleave; a mutex, an atomic add or a single owning goroutine makes every update count.",
	Python: "one thread runs counter += 1 and another counter -= 1, a million times each; then again under `with lock:`",
	InGo:   "Go runs the same race with goroutines: the naive counter's read and write are each atomic, so the race detector stays quiet, yet updates are lost because they are two steps. The fixes are a sync.Mutex (Python's Lock), atomic.Int64's Add, or one goroutine that owns the counter and receives each +1 and -1 over a channel.",
	Params: []Param{
		{Name: "iterations", Label: "Additions", Kind: Int, Default: "100000", Min: 1, Max: 5_000_000, Unit: "per goroutine",
			Help: "How many times each goroutine adds its 1 or -1 (the course uses 1000000)."},
		{Name: "goroutines", Label: "Goroutines", Kind: Int, Default: "2", Min: 2, Max: 8, Unit: "goroutines",
			Help: "Counting goroutines per variant: half add 1, half add -1."},
		{Name: "yield", Label: "Yield in naive", Kind: Bool, Default: "on",
			Help: "The naive counter calls runtime.Gosched between its read and its write, as a thread switch does in Python."},
	},
	Source: counter.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := counter.Config{
			Iterations: v.Int("iterations"),
			Goroutines: v.Int("goroutines"),
			Yield:      v.Bool("yield"),
		}
		r, err := counter.Run(ctx, cfg, rec)
		metrics := []Metric{{Name: "expected", Label: "Expected final value", Value: fmt.Sprint(r.Expected)}}
		for _, o := range []struct {
			name, label string
			out         counter.Outcome
			lesson      bool
		}{
			{"naive", "Naive (read, yield, write)", r.Naive, true},
			{"mutex", "sync.Mutex", r.Mutex, true},
			{"atomic", "atomic.Int64", r.Atomic, false},
			{"owner", "Owner goroutine, channel", r.Owner, false},
		} {
			final, took := "not run", "not run"
			if o.out.Ran {
				final = fmt.Sprint(o.out.Final)
				if o.out.Adds < cfg.Iterations*cfg.Goroutines {
					final += fmt.Sprintf(" (stopped; %d expected so far)", o.out.Expected)
				}
				took = o.out.Elapsed.Round(time.Millisecond).String()
				if o.out.Adds > 0 {
					took += fmt.Sprintf(" (%.0f ns per addition)", float64(o.out.Elapsed.Nanoseconds())/float64(o.out.Adds))
				}
			}
			metrics = append(metrics,
				Metric{Name: o.name + "-final", Label: o.label + ": final value", Value: final, Lesson: o.lesson},
				Metric{Name: o.name + "-time", Label: o.label + ": time", Value: took})
		}
		return Result{Metrics: metrics}, err
	},
}
