package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// dataTable is a chart's data as a table, in a disclosure that builds the
// table only while it is open: a closed one costs nothing per frame.
type dataTable struct {
	app.Compo

	Summary string
	Table   func() app.UI

	open bool
}

func (d *dataTable) onToggle(ctx app.Context, e app.Event) {
	d.open = ctx.JSSrc().Get("open").Bool()
}

func (d *dataTable) Render() app.UI {
	var table app.UI = app.Div()
	if d.open && d.Table != nil {
		table = d.Table()
	}
	return app.Details().Class("data-table").Open(d.open).On("toggle", d.onToggle).Body(
		app.Summary().Text(d.Summary),
		table,
	)
}
