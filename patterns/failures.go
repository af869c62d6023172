package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/failures"
	"chanlab/patterns/timeline"
)

var failuresSpec = Spec{
	ID:     "failures",
	Title:  "When a run goes wrong: a runaway loop, a stuck wait, a panic",
	Topic:  Failures,
	Lesson: "Cancellation is cooperative: a goroutine that never checks its context cannot be stopped, and a panic nobody recovers ends the program; chanlab loses only the run's worker and starts a new one.",
	Python: "a thread stuck in while True: (there is no Thread.kill), or os._exit() ending the whole process",
	InGo:   "In Go cancelling a context only asks: a goroutine that never checks ctx, spinning or receiving from a plain channel, runs on, and Run, which waits for it, cannot return. A panic in a goroutine that nothing recovers ends the whole program; chanlab runs each run in a Web Worker, so the page terminates or replaces only that worker.",
	Params: []Param{
		{Name: "mode", Label: "What goes wrong", Kind: Choice, Default: "runaway", Choices: []string{"runaway", "stuck", "panic"},
			Help: "runaway: computes without checking ctx; stuck: two goroutines wait on each other over plain channels; panic: nothing recovers it."},
		{Name: "limit", Label: "Gives up after", Kind: Duration, Default: "10s", Min: 0, Max: int64(60 * time.Second),
			Help: "When the misbehaving goroutines stop on their own. Press Stop before that.", Unscaled: true},
	},
	Source: failures.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		r, err := failures.Run(ctx, failures.Config{Mode: failures.Mode(v.Int("mode")), Limit: v.Duration("limit")}, rec)
		return Result{Metrics: []Metric{
			{Name: "ignored", Label: "Went on after Stop for", Value: r.Ignored.Round(time.Millisecond).String(), Lesson: true},
			{Name: "spins", Label: "Runaway loop iterations", Value: fmt.Sprint(r.Spins)},
		}}, err
	},
}
