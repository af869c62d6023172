package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/history"
	"chanlab/patterns/timeline"
)

// goroutineList shows each goroutine's state at the instant shown (the
// latest, or the time cursor's), and since when.
type goroutineList struct {
	app.Compo

	View    *runView
	Version int
	Now     time.Duration // the instant shown, or -1 for the latest
	Lang    i18n.Lang
}

func (g *goroutineList) Render() app.UI {
	h := g.View.h
	return app.Div().Class("card goroutines").Body(
		app.H2().Text(tr(g.Lang, "Goroutines")),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(tr(g.Lang, "Goroutine")),
				app.Th().Scope("col").Text(tr(g.Lang, "State")),
				app.Th().Scope("col").Text(tr(g.Lang, "For")),
			)),
			app.TBody().Body(app.Range(h.Lanes).Slice(func(i int) app.UI {
				l := &h.Lanes[i]
				m := l.At(h, g.now())
				state := stateText(g.Lang, h, m)
				since := "—"
				if m.Started && m.State != timeline.Done {
					since = patterns.FormatDuration(max(g.now()-m.Since, 0))
				}
				class := momentClass(m)
				return app.Tr().DataSet("goroutine", l.Name).DataSet("state", class).Body(
					app.Td().Class("g-name").Text(l.Name),
					app.Td().Body(app.Span().Class("badge "+class).Text(state)),
					app.Td().Class("g-since").Text(since),
				)
			})),
		),
	)
}

// momentClass names a goroutine's state at an instant for CSS and tests:
// its state's, or not-started before it started (when the Moment's State is
// the zero State, Running).
func momentClass(m history.Moment) string {
	if !m.Started {
		return "not-started"
	}
	return stateClass(m.State)
}

// stateClass names a state for CSS and tests.
func stateClass(s timeline.State) string {
	switch s {
	case timeline.Running:
		return "running"
	case timeline.Runnable:
		return "runnable"
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

// now is the instant shown.
func (g *goroutineList) now() time.Duration {
	if g.Now < 0 {
		return g.View.h.Elapsed
	}
	return g.Now
}

// stateName is a goroutine state's name in language l. The names are
// timeline's, and these its Korean, which tr checks like every UI text.
func stateName(l i18n.Lang, s timeline.State) string {
	switch s {
	case timeline.Running:
		return tr(l, "running")
	case timeline.Runnable:
		return tr(l, "runnable")
	case timeline.BlockedPut:
		return tr(l, "blocked on put")
	case timeline.BlockedGet:
		return tr(l, "blocked on get")
	case timeline.Sleeping:
		return tr(l, "sleeping")
	case timeline.WaitingLock:
		return tr(l, "waiting for lock")
	case timeline.Waiting:
		return tr(l, "waiting")
	case timeline.Done:
		return tr(l, "done")
	}
	return tr(l, "unknown")
}
