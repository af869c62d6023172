package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/timeline"
	"chanlab/patterns/wrap"
)

var wrappersSpec = Spec{
	ID:     "wrappers",
	Title:  "Decorators and context managers",
	Topic:  Wrappers,
	Lesson: "A wrapper times every call and keeps its name; a deferred teardown runs however the block ends — error and panic included.",
	Python: "@timed with functools.wraps; with open_connection() as conn: … (__enter__/__exit__)",
	InGo:   "A decorator is a function that takes a function and returns one of the same type (Timed), so the wrapper drops in wherever the original was; Go functions have no writable name, so the wrapper is told the name. A context manager is a function that sets up, defers the teardown and calls the body (Using): defer runs on every way out, a returned error and a panic included.",
	Params: []Param{
		{Name: "calls", Label: "Calls", Kind: Int, Default: "3", Min: 0, Max: 100, Unit: "calls",
			Help: "Timed downloads inside the with-block."},
		{Name: "work", Label: "Work per call", Kind: Duration, Default: "200ms", Min: 0, Max: int64(5 * time.Second),
			Help: "How long each download takes."},
		{Name: "fail", Label: "The block ends", Kind: Choice, Default: "normally", Choices: []string{"normally", "error", "panic"},
			Help: "Return normally, return an error, or panic: the teardown runs every time."},
	},
	Source: wrap.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		r, err := wrap.Run(ctx, wrap.Config{
			Calls: v.Int("calls"),
			Work:  v.Duration("work"),
			Fail:  wrap.Failure(v.Int("fail")),
		}, rec)
		return Result{Metrics: []Metric{
			{Name: "timing", Label: "Timed calls", Value: r.Summary(), Lesson: true},
			{Name: "teardown", Label: "Teardown ran", Value: yesNo(r.Closed), Lesson: true},
			{Name: "ended", Label: "The block ended", Value: r.Ended()},
			{Name: "identity", Label: "Name the wrapper reports", Value: fmt.Sprintf("%s (the runtime calls the wrapper %s)", r.Name, r.WrapperName)},
		}}, err
	},
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
