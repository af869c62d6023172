package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns"
)

// picker lists the catalog grouped by topic; choosing a pattern opens its
// page.
type picker struct {
	app.Compo

	Current string
	OnPick  func(ctx app.Context, id string)
}

func (p *picker) Render() app.UI {
	var groups []app.UI
	for _, topic := range patterns.Topics {
		var opts []app.UI
		for _, s := range patterns.All() {
			if s.Topic == topic {
				opts = append(opts, app.Option().Value(s.ID).Selected(s.ID == p.Current).Text(s.Title))
			}
		}
		if len(opts) > 0 {
			groups = append(groups, app.OptGroup().Label(topic).Body(opts...))
		}
	}
	return app.Label().Class("picker").Body(
		app.Span().Class("visually-hidden").Text("Pattern"),
		app.Select().ID("pattern").Aria("label", "Pattern").OnChange(p.onChange).Body(groups...),
	)
}

func (p *picker) onChange(ctx app.Context, e app.Event) {
	if p.OnPick != nil {
		p.OnPick(ctx, ctx.JSSrc().Get("value").String())
	}
}
