package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// visibleLogLines is how many lines the log renders: the newest ones. A
// go-app update costs time in proportion to the rows it diffs, so a fixed
// window keeps every frame cheap however long the run logs.
const visibleLogLines = 60

// logView shows the newest log lines, newest at the bottom, with a count of
// the lines not shown.
type logView struct {
	app.Compo

	View    *runView
	Version int
}

func (l *logView) Render() app.UI {
	v := l.View
	hidden := v.logTotal - len(v.log)
	return app.Div().Class("card log").Body(
		app.H2().Body(
			app.Text("Log"),
			app.Span().Class("log-count").DataSet("total", v.logTotal).Textf("%d lines", v.logTotal),
		),
		app.If(hidden > 0 || v.logDropped > 0, app.P().Class("log-hidden").
			Textf("%d earlier lines not shown%s", hidden, droppedNote(v.logDropped))),
		app.Div().Class("log-scroll").Body(app.Ol().ID("log").Class("log-lines").Aria("label", "Run log").Body(
			// The rows are the ring's slots, in slot order, each placed by
			// its line number with CSS order. New lines overwrite the
			// oldest slots, so an update rewrites only the rows that
			// changed, not every row as a scrolling list would (go-app
			// matches children by position).
			app.Range(v.log).Slice(func(i int) app.UI {
				ln := v.log[i]
				return app.Li().Class(ln.Class).Style("order", strconv.Itoa(ln.Seq)).Body(
					app.Span().Class("t").Text(ln.At),
					app.Span().Class("who").Text(ln.Who),
					app.Span().Class("msg").Text(ln.Text),
				)
			}),
		)),
	)
}

func droppedNote(n uint64) string {
	if n == 0 {
		return ""
	}
	return "; the recorder's buffer overflowed and skipped events"
}
