package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns/timeline"
)

// goroutineList shows each goroutine's state now, and since when.
type goroutineList struct {
	app.Compo

	View    *runView
	Version int
}

func (g *goroutineList) Render() app.UI {
	v := g.View
	return app.Div().Class("card goroutines").Body(
		app.H2().Text("Goroutines"),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Goroutine"),
				app.Th().Scope("col").Text("State"),
				app.Th().Scope("col").Text("For"),
			)),
			app.TBody().Body(app.Range(v.goroutines).Slice(func(i int) app.UI {
				gr := v.goroutines[i]
				state := gr.State.String()
				switch {
				case gr.Queue >= 0 && int(gr.Queue) < len(v.queues):
					state += " (" + v.queues[gr.Queue].Name + ")"
				case gr.On != "":
					state += " (" + gr.On + ")"
				}
				return app.Tr().DataSet("goroutine", gr.Name).DataSet("state", stateClass(gr.State)).Body(
					app.Td().Class("g-name").Text(gr.Name),
					app.Td().Body(app.Span().Class("badge "+stateClass(gr.State)).Text(state)),
					app.Td().Class("g-since").Text(sinceText(gr, v.elapsed)),
				)
			})),
		),
	)
}

// sinceText says how long gr has been in its state at time now.
func sinceText(gr timeline.Goroutine, now time.Duration) string {
	if gr.State == timeline.Done {
		return "—"
	}
	return formatElapsed(max(now-gr.Since, 0))
}

// stateClass names a state for CSS and tests.
func stateClass(s timeline.State) string {
	switch s {
	case timeline.Running:
		return "running"
	case timeline.BlockedPut:
		return "blocked-put"
	case timeline.BlockedGet:
		return "blocked-get"
	case timeline.Sleeping:
		return "sleeping"
	case timeline.WaitingLock:
		return "waiting-lock"
	case timeline.Waiting:
		return "waiting"
	case timeline.Done:
		return "done"
	}
	return "unknown"
}
