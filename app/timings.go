package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns/timeline"
)

// timings shows the run's live figures, measured by the recorder: elapsed
// time and goroutines for every pattern, and for patterns with queues the
// items put and got over all of them, throughput, and the longest any put
// waited.
type timings struct {
	app.Compo

	View    *runView
	Version int // changes with View's content
	Running bool
}

func (t *timings) Render() app.UI {
	v := t.View
	live := 0
	for _, g := range v.goroutines {
		if g.State != timeline.Done {
			live++
		}
	}
	stats := []app.UI{
		stat("elapsed", "Elapsed", formatElapsed(v.elapsed)),
		stat("goroutines", "Goroutines live / started", fmt.Sprintf("%d / %d", live, len(v.goroutines))),
	}
	if len(v.queues) > 0 {
		var puts, gets int
		var maxWait time.Duration
		for _, q := range v.queues {
			puts += q.Puts
			gets += q.Gets
			maxWait = max(maxWait, q.MaxPutWait)
		}
		rate := 0.0
		if s := v.elapsed.Seconds(); s > 0 {
			rate = float64(gets) / s
		}
		stats = append(stats,
			stat("produced", "Items put", fmt.Sprint(puts)),
			stat("consumed", "Items got", fmt.Sprint(gets)),
			stat("rate", "Items/s", fmt.Sprintf("%.1f", rate)),
			stat("maxwait", "Longest put wait", formatElapsed(maxWait)),
		)
	}
	return app.Div().Class("card timings").Aria("label", "Timings").Body(stats...)
}

func stat(name, label, value string) app.UI {
	return app.Div().Class("stat").DataSet("stat", name).Body(
		app.Span().Class("stat-value").Text(value),
		app.Span().Class("stat-label").Text(label),
	)
}

func formatElapsed(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Microsecond).String()
}
