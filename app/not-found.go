package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
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
	lang  i18n.Lang
}

func (n *notFound) OnPreRender(ctx app.Context) {
	n.base = basePath(ctx)
	n.show(ctx)
}

func (n *notFound) OnNav(ctx app.Context) {
	n.base = basePath(ctx)
	n.path = ctx.Page().URL().Path
	n.theme, _ = parseTheme(ctx.Page().URL().Query().Get(themeParam))
	n.show(ctx)
}

// show takes the page's language as a pattern's page does: lang= in the
// address, else the browser's.
func (n *notFound) show(ctx app.Context) {
	n.lang, _ = pageLang(ctx.Page().URL().Query())
	ctx.Page().SetLang(string(n.lang))
	ctx.Page().SetTitle(tr(n.lang, "No such page · chanlab"))
}

// withCode is the UI text format in language l with its one %s shown as
// code: the code's place in the sentence differs between languages.
func withCode(l i18n.Lang, format string, code app.UI) app.UI {
	before, after, _ := strings.Cut(tr(l, format), "%s")
	return app.Span().Body(app.Text(before), code, app.Text(after))
}

func (n *notFound) Render() app.UI {
	l := n.lang
	where := app.Text(tr(l, "chanlab has no page at this address."))
	if n.path != "" {
		where = withCode(l, "chanlab has no page at %s.", app.Code().ID("missing-path").Text(n.path))
	}
	var topics []app.UI
	for _, topic := range patterns.Topics {
		var items []app.UI
		for _, s := range patterns.All() {
			if s.Topic == topic {
				items = append(items, app.Li().Body(app.A().Href(withTheme(under(n.base, "/"+s.ID), n.theme)).Text(s.In(l).Title)))
			}
		}
		if len(items) > 0 {
			topics = append(topics, app.H2().Text(patterns.TopicIn(topic, l)), app.Ul().Body(items...))
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
				app.H1().Text(tr(l, "No such page")),
				app.P().Body(where),
				app.P().Body(withCode(l, "Each pattern below has its page, and its embed at %s:", app.Code().Text("embed/<pattern>"))),
				app.Nav().Aria("label", tr(l, "Patterns")).Body(topics...),
			),
		),
	)
}
