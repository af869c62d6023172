package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/procs"
	"chanlab/patterns/timeline"
)

var processesSpec = Spec{
	ID:     "processes",
	Title:  "Worker processes: results over a queue or pipes",
	Topic:  Processes,
	Lesson: "Each worker sends its subtotal to the parent, over one shared queue or a pipe each, and the total is exactly workers × N; on the browser's one thread the workers take turns, so they finish no sooner than one worker counting it all.",
	Python: "multiprocessing.Process workers counting to N and sending subtotals to the parent over a multiprocessing.Queue, then over a Pipe each",
	Params: []Param{
		{Name: "workers", Label: "Workers", Kind: Int, Default: "4", Min: 1, Max: 16, Unit: "goroutines",
			Help: "Worker \"processes\", each counting to N."},
		{Name: "n", Label: "N", Kind: Int, Default: "50000000", Min: 0, Max: 1_000_000_000, Unit: "per worker",
			Help: "How far each worker counts: real CPU work, about 2ns a count in the browser."},
		{Name: "transport", Label: "Transport", Kind: Choice, Default: "queue", Choices: []string{"queue", "pipe"},
			Help: "One shared results queue, or one pipe per worker read in turn."},
	},
	Source: procs.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := procs.Config{
			Workers:   v.Int("workers"),
			N:         v.Int("n"),
			Transport: procs.Queue,
		}
		if v.Int("transport") == 1 {
			cfg.Transport = procs.Pipe
		}
		r, err := procs.Run(ctx, cfg, rec)
		overlap := 0.0
		if r.Elapsed > 0 {
			overlap = float64(r.Busy) / float64(r.Elapsed)
		}
		return Result{Metrics: []Metric{
			{Name: "total", Label: "Total", Value: fmt.Sprint(r.Total), Lesson: true},
			{Name: "expected", Label: "Workers × N", Value: fmt.Sprint(cfg.Workers * cfg.N)},
			{Name: "received", Label: "Subtotals received", Value: fmt.Sprintf("%d/%d", r.Received, cfg.Workers)},
			{Name: "elapsed", Label: "Elapsed", Value: r.Elapsed.Round(time.Millisecond).String()},
			{Name: "busy", Label: "Workers' counting, summed", Value: r.Busy.Round(time.Millisecond).String()},
			{Name: "overlap", Label: "Workers counting at once (busy ÷ elapsed)", Value: fmt.Sprintf("%.2f×", overlap)},
		}}, err
	},
}
