package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
)

// resultView shows what a finished run measured, its lesson first.
type resultView struct {
	app.Compo

	Metrics []patterns.Metric // in Lang already
	Lang    i18n.Lang
}

func (r *resultView) Render() app.UI {
	return app.Div().ID("result").Class("card result").Body(
		app.H2().Text(tr(r.Lang, "Result")),
		// A run that failed before Run returned has no figures to show.
		app.If(len(r.Metrics) == 0, app.P().Class("muted").Text(tr(r.Lang, "No result: the run did not return."))),
		app.Dl().Body(app.Range(r.Metrics).Slice(func(i int) app.UI {
			m := r.Metrics[i]
			cls := "metric"
			if m.Lesson {
				cls += " lesson-metric"
			}
			return app.Div().Class(cls).DataSet("metric", m.Name).Body(
				app.Dt().Text(m.Label),
				app.Dd().Text(m.Value),
			)
		})),
	)
}
