package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/procs"
	"chanlab/patterns/timeline"
)

// The ways the processes lesson runs its workers.
const (
	procsGoroutines = iota
	procsProcesses
	procsCompare
)

var processesSpec = Spec{
	ID:     "processes",
	Title:  "Worker processes: results over a queue or pipes",
	Topic:  Processes,
	Lesson: "Each worker sends its subtotal to the parent, over one shared queue or a pipe each, and the total is exactly workers × N; goroutines on the browser's one thread take turns, so they finish no sooner than one worker counting it all, while processes, each a Web Worker, count on every core at once.",
	Python: "multiprocessing.Process workers counting to N and sending subtotals to the parent over a multiprocessing.Queue, then over a Pipe each",
	InGo:   "A worker is a goroutine; the queue is one results channel with room for every worker's result, and the pipes are one 1-buffered channel per worker, read in turn, so no worker ever waits to deliver. The parent receives exactly one subtotal per worker, as in Python; as processes, each worker is a Web Worker with its own Go runtime that sends its subtotal back as a message.",
	Params: []Param{
		{Name: "workers", Label: "Workers", Kind: Int, Default: "4", Min: 1, Max: 16, Unit: "workers",
			Help: "Workers, each counting to N; as processes, up to twice your cores is telling."},
		{Name: "n", Label: "N", Kind: Int, Default: "50000000", Min: 0, Max: 2_000_000_000, Unit: "per worker",
			Help: "How far each worker counts: real CPU work, about 1–2ns a count in the browser."},
		{Name: "transport", Label: "Transport", Kind: Choice, Default: "queue", Choices: []string{"queue", "pipe"},
			Help: "One shared results queue, or one pipe per worker read in turn."},
		{Name: "mode", Label: "Workers are", Kind: Choice, Default: "compare", Choices: []string{"goroutines", "processes", "compare"},
			Help: "Goroutines on the run's one thread, processes (Web Workers, one thread each), or both in turn, compared."},
	},
	Source: procs.Source + "\n" + procs.ProcessesSource,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := procs.Config{
			Workers:   v.Int("workers"),
			N:         v.Int("n"),
			Transport: procs.Transport(v.Int("transport")),
		}
		mode := v.Int("mode")
		var goroutines, processes procs.Result
		var err error
		if mode != procsProcesses {
			goroutines, err = procs.Run(ctx, cfg, rec)
		}
		if mode != procsGoroutines && err == nil {
			cfg.Processes = true
			processes, err = procs.Run(ctx, cfg, rec)
		}
		var m []Metric
		for _, r := range []struct {
			name string
			ran  bool
			res  procs.Result
		}{{"goroutines", mode != procsProcesses, goroutines}, {"processes", mode != procsGoroutines, processes}} {
			if !r.ran {
				continue
			}
			m = append(m,
				Metric{Name: r.name + "-total", Label: "Total, " + r.name, Value: fmt.Sprint(r.res.Total), Lesson: true},
				Metric{Name: r.name + "-elapsed", Label: "Elapsed, " + r.name, Value: r.res.Elapsed.Round(time.Millisecond).String()},
				Metric{Name: r.name + "-received", Label: "Subtotals received, " + r.name, Value: fmt.Sprintf("%d/%d", r.res.Received, cfg.Workers)},
			)
		}
		m = append(m, Metric{Name: "expected", Label: "Workers × N", Value: fmt.Sprint(cfg.Workers * cfg.N)})
		if mode == procsCompare {
			speedup := 0.0
			if processes.Elapsed > 0 {
				speedup = float64(goroutines.Elapsed) / float64(processes.Elapsed)
			}
			m = append(m, Metric{Name: "speedup", Label: "Processes' speed-up over goroutines", Value: fmt.Sprintf("%.2f×", speedup), Lesson: true})
		}
		m = append(m, Metric{Name: "cores", Label: "Cores here", Value: fmt.Sprint(procs.Cores())})
		return Result{Metrics: m}, err
	},
}
