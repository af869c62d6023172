package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// timings shows the run's live figures, measured by the recorder: elapsed
// time, items put and got over all queues, throughput, and the longest any
// put waited.
type timings struct {
	app.Compo

	View    *runView
	Version int // changes with View's content
	Running bool
}

func (t *timings) Render() app.UI {
	v := t.View
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
	return app.Div().Class("card timings").Aria("label", "Timings").Body(
		stat("elapsed", "Elapsed", formatElapsed(v.elapsed)),
		stat("produced", "Produced", fmt.Sprint(puts)),
		stat("consumed", "Consumed", fmt.Sprint(gets)),
		stat("rate", "Items/s", fmt.Sprintf("%.1f", rate)),
		stat("maxwait", "Longest put wait", formatElapsed(maxWait)),
	)
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
