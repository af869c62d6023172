package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
)

// themeSwitch chooses the page's theme: auto (the system's), light or
// dark. A change applies at once, arrow keys included: it changes how the
// page looks, not where the reader is.
type themeSwitch struct {
	app.Compo

	ID      string // the select's id
	Label   string // its visible label
	Current string // the theme chosen
	OnTheme func(ctx app.Context, theme string)
	Lang    i18n.Lang
}

func (s *themeSwitch) Render() app.UI {
	opts := make([]app.UI, 0, len(themeChoices))
	for _, c := range themeChoices {
		opts = append(opts, app.Option().Value(c).Selected(c == s.Current).Text(themeLabel(s.Lang, c)))
	}
	return app.Label().Class("theme-switch").Body(
		app.Span().Text(s.Label),
		app.Select().ID(s.ID).OnChange(s.onChange).Body(opts...),
	)
}

func (s *themeSwitch) onChange(ctx app.Context, e app.Event) {
	if s.OnTheme != nil {
		s.OnTheme(ctx, ctx.JSSrc().Get("value").String())
	}
}
