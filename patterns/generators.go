package patterns

import (
	"context"
	"fmt"
	"strings"
	"time"

	"chanlab/patterns/gen"
	"chanlab/patterns/timeline"
)

var generatorsSpec = Spec{
	ID:     "generators",
	Title:  "Generators: iter.Seq, iter.Pull and a running average",
	Topic:  Generators,
	Lesson: "A generator runs only when asked: the source produces the numbers the consumer takes (and those the filter skips), not its whole length, and closing it runs its cleanup.",
	Python: "def numbers(n): yield from range(n); (x*x for x in nums if x % 2) taken with next() or islice, gen.close(), inspect.getgeneratorstate, and an averager coroutine driven with send",
	InGo:   "A generator is an iter.Seq, a function that calls yield for each value: a range loop drives it, and breaking out makes yield return false, so the generator returns and its deferred cleanup runs, as close() would. iter.Pull gives you next() and stop(); the generator expression is Filter and Map composed on one goroutine, and send becomes a method call, Averager.Add.",
	Params: []Param{
		{Name: "items", Label: "Items", Kind: Int, Default: "5", Min: 0, Max: 10000, Unit: "values",
			Help: "How many values the consumer takes; 0 leaves the generator created and never started."},
		{Name: "source", Label: "Source length", Kind: Int, Default: "1000", Min: 0, Max: 1000000, Unit: "numbers",
			Help: "The source counts 0, 1, … up to this; 0 counts forever, like itertools.count()."},
		{Name: "filter", Label: "Filter", Kind: Choice, Default: "odd", Choices: []string{"all", "odd", "even"},
			Help: "Which numbers the generator expression keeps before squaring them."},
		{Name: "consumer", Label: "Consumer", Kind: Choice, Default: "range", Choices: []string{"range", "pull"},
			Help: "A range loop that stops after Items, or next() from iter.Pull and then stop()."},
		{Name: "delay", Label: "Delay per number", Kind: Duration, Default: "100ms", Min: 0, Max: int64(time.Second),
			Help: "The source's work to make each number, so the laziness is watchable."},
	},
	Source: gen.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := gen.Config{
			Items:    v.Int("items"),
			Source:   v.Int("source"),
			Keep:     []gen.Keep{gen.All, gen.Odd, gen.Even}[v.Int("filter")],
			Consumer: []gen.Consumer{gen.Range, gen.Pull}[v.Int("consumer")],
			Delay:    v.Duration("delay"),
		}
		r, err := gen.Run(ctx, cfg, rec)

		source := "endless"
		if cfg.Source > 0 {
			source = fmt.Sprint(cfg.Source)
		}
		values := "none"
		if len(r.Values) > 0 {
			const show = 10
			s := make([]string, 0, show+1)
			for _, x := range r.Values[:min(len(r.Values), show)] {
				s = append(s, fmt.Sprint(x))
			}
			if len(r.Values) > show {
				s = append(s, "…")
			}
			values = strings.Join(s, ", ")
		}
		average := "none"
		if n := len(r.Averages); n > 0 {
			average = fmt.Sprintf("%.2f", r.Averages[n-1])
		}
		state := "none"
		if n := len(r.States); n > 0 {
			state = r.States[n-1].String()
			switch {
			case r.Cleanup:
				state += ", cleanup ran"
			case n == 1:
				state += ", never started"
			}
		}
		return Result{Metrics: []Metric{
			{Name: "produced", Label: "Numbers the source produced", Value: fmt.Sprint(r.Produced), Lesson: true},
			{Name: "source", Label: "Source length", Value: source},
			{Name: "consumed", Label: "Values consumed", Value: fmt.Sprint(len(r.Values))},
			{Name: "values", Label: "Values", Value: values},
			{Name: "average", Label: "Running average", Value: average},
			{Name: "state", Label: "Source's last state", Value: state},
			{Name: "elapsed", Label: "Elapsed", Value: r.Elapsed.Round(time.Millisecond).String()},
		}}, err
	},
}
