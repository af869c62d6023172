package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/timeline"
)

// timings shows the run's live figures, measured from its events: elapsed
// time and goroutines for every pattern; for patterns with queues the items
// put and got, throughput, and the longest any put waited; then per stage
// (goroutines playing one role) items per second in and out and how busy
// its goroutines were, and per queue how long items waited in it.
type timings struct {
	app.Compo

	View    *runView
	Version int // changes with View's content
	Running bool
	Rewound bool // the other panels show the time cursor's instant; these figures stay the whole run's
	Lang    i18n.Lang
}

func (t *timings) Render() app.UI {
	h := t.View.h
	tm := h.Timings()
	live := 0
	for i := range h.Lanes {
		if h.Lanes[i].Live.State != timeline.Done {
			live++
		}
	}
	l := t.Lang
	stats := []app.UI{
		stat("elapsed", tr(l, "Elapsed"), patterns.FormatDuration(h.Elapsed)),
		stat("goroutines", tr(l, "Goroutines live / started"), fmt.Sprintf("%d / %d", live, len(h.Lanes))),
		stat("blocked", tr(l, "Time blocked on queues and locks"), patterns.FormatDuration(h.Blocked())),
	}
	if len(h.Queues) > 0 {
		var puts, gets int
		var maxWait time.Duration
		for i := range h.Queues {
			q := &h.Queues[i]
			puts += q.Puts
			gets += q.Gets
			maxWait = max(maxWait, q.MaxPutWait)
		}
		rate := 0.0
		if s := h.Elapsed.Seconds(); s > 0 {
			rate = float64(gets) / s
		}
		// Through a pipeline each item is put and got once per queue, so
		// with several queues the sums count operations, not items.
		putLabel, getLabel, rateLabel := tr(l, "Items put"), tr(l, "Items got"), tr(l, "Items/s")
		if len(h.Queues) > 1 {
			putLabel, getLabel, rateLabel = tr(l, "Puts, all queues"), tr(l, "Gets, all queues"), tr(l, "Gets/s, all queues")
		}
		stats = append(stats,
			stat("produced", putLabel, fmt.Sprint(puts)),
			stat("consumed", getLabel, fmt.Sprint(gets)),
			stat("rate", rateLabel, fmt.Sprintf("%.1f", rate)),
			stat("maxwait", tr(l, "Longest put wait"), patterns.FormatDuration(maxWait)),
		)
	}
	return app.Div().Class("card timings").Attr("role", "group").Aria("label", tr(l, "Timings")).Body(
		app.Div().Class("stats").Body(stats...),
		app.If(t.Rewound, app.P().Class("muted whole-run").Text(tr(l, "These figures are the whole run's; the lanes, queues and log show the cursor's instant."))),
		app.If(len(tm.Stages) > 0, app.Table().Class("stage-table").Body(
			app.Caption().Text(tr(l, "Stages: goroutines by role")),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(tr(l, "Stage")),
				app.Th().Scope("col").Text(tr(l, "Goroutines")),
				app.Th().Scope("col").Text(tr(l, "Put/s")),
				app.Th().Scope("col").Text(tr(l, "Got/s")),
				app.Th().Scope("col").Text(tr(l, "Busy")),
			)),
			app.TBody().Body(app.Range(tm.Stages).Slice(func(i int) app.UI {
				s := tm.Stages[i]
				return app.Tr().DataSet("stage", s.Name).Body(
					app.Th().Scope("row").Text(s.Name),
					app.Td().Text(fmt.Sprint(s.Goroutines)),
					app.Td().Text(perSecond(s.Put, s.PutRate)),
					app.Td().Text(perSecond(s.Got, s.GotRate)),
					app.Td().DataSet("busy", fmt.Sprintf("%.3f", s.Busy)).Textf("%.0f%%", 100*s.Busy),
				)
			})),
		)),
		app.If(len(tm.Queues) > 0, app.Table().Class("latency-table").Body(
			app.Caption().Text(tr(l, "Time an item spent queued, from its put to its get")),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(tr(l, "Queue")),
				app.Th().Scope("col").Text(tr(l, "Items/s")),
				app.Th().Scope("col").Text("p50"),
				app.Th().Scope("col").Text("p95"),
				app.Th().Scope("col").Text(tr(l, "max")),
			)),
			app.TBody().Body(app.Range(tm.Queues).Slice(func(i int) app.UI {
				q := tm.Queues[i]
				return app.Tr().DataSet("latency", q.Name).Body(
					app.Th().Scope("row").Text(q.Name),
					app.Td().Text(fmt.Sprintf("%.1f", q.Rate)),
					app.Td().DataSet("p50", q.P50.Microseconds()).Text(formatWait(q.Timed, q.P50)),
					app.Td().DataSet("p95", q.P95.Microseconds()).Text(formatWait(q.Timed, q.P95)),
					app.Td().Text(formatWait(q.Timed, q.Max)),
				)
			})),
		)),
	)
}

// formatWait is a time measured over n items, or a dash when there were
// none: "0s" would say that items went through at once.
func formatWait(n int, d time.Duration) string {
	if n == 0 {
		return "—"
	}
	return patterns.FormatDuration(d)
}

// perSecond is a rate, or a dash when nothing was counted.
func perSecond(n int, rate float64) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f", rate)
}

func stat(name, label, value string) app.UI {
	return app.Div().Class("stat").DataSet("stat", name).Body(
		app.Span().Class("stat-value").Text(value),
		app.Span().Class("stat-label").Text(label),
	)
}
