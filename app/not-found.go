package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns"
)

// notFound is the page for an address that has no page: a mistyped link,
// or a pattern that is gone. A static host serves it as 404.html for any
// missing path; it says so and offers every pattern.
type notFound struct {
	app.Compo

	base  string
	path  string // the address's path; "" while pre-rendered, where it is unknown
	theme string // the address's theme, which its links keep
}

func (n *notFound) OnPreRender(ctx app.Context) {
	n.base = basePath(ctx)
	ctx.Page().SetTitle("No such page · chanlab")
}

func (n *notFound) OnNav(ctx app.Context) {
	n.base = basePath(ctx)
	n.path = ctx.Page().URL().Path
	n.theme, _ = parseTheme(ctx.Page().URL().Query().Get(themeParam))
	ctx.Page().SetTitle("No such page · chanlab")
}

func (n *notFound) Render() app.UI {
	where := app.Text("chanlab has no page at this address.")
	if n.path != "" {
		where = app.Span().Body(app.Text("chanlab has no page at "), app.Code().ID("missing-path").Text(n.path), app.Text("."))
	}
	var topics []app.UI
	for _, topic := range patterns.Topics {
		var items []app.UI
		for _, s := range patterns.All() {
			if s.Topic == topic {
				items = append(items, app.Li().Body(app.A().Href(withTheme(under(n.base, "/"+s.ID), n.theme)).Text(s.Title)))
			}
		}
		if len(items) > 0 {
			topics = append(topics, app.H2().Text(topic), app.Ul().Body(items...))
		}
	}
	return app.Div().Class("shell not-found").Body(
		app.Header().Class("topbar").Body(
			app.A().Class("brand").Href(withTheme(under(n.base, "/"), n.theme)).Body(
				app.Img().Src("/web/icon.svg").Alt("").Width(28).Height(28),
				app.Span().Text("chanlab"),
			),
		),
		app.Main().Class("layout").Body(
			app.Section().Class("card intro").Body(
				app.H1().Text("No such page"),
				app.P().Body(where),
				app.P().Body(app.Text("Each pattern below has its page, and its embed at "), app.Code().Text("embed/<pattern>"), app.Text(":")),
				app.Nav().Aria("label", "Patterns").Body(topics...),
			),
		),
	)
}
