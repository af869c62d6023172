package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
)

// picker lists the catalog grouped by topic; choosing a pattern opens its
// page. Chosen with the pointer, a pattern opens at once; with the keyboard,
// the arrow keys only move through the list (in a closed list each arrow
// press is a change, which must not take the learner to another page:
// WCAG 3.2.2) and Enter opens the one shown.
type picker struct {
	app.Compo

	Current string
	OnPick  func(ctx app.Context, id string)
	Lang    i18n.Lang

	keyboard bool // the latest change came from the keyboard
}

func (p *picker) Render() app.UI {
	var groups []app.UI
	for _, topic := range patterns.Topics {
		var opts []app.UI
		for _, s := range patterns.All() {
			if s.Topic == topic {
				opts = append(opts, app.Option().Value(s.ID).Selected(s.ID == p.Current).Text(s.In(p.Lang).Title))
			}
		}
		if len(opts) > 0 {
			groups = append(groups, app.OptGroup().Label(patterns.TopicIn(topic, p.Lang)).Body(opts...))
		}
	}
	return app.Label().Class("picker").Body(
		app.Span().Class("visually-hidden").Text(tr(p.Lang, "Pattern")),
		app.Select().ID("pattern").Aria("label", tr(p.Lang, "Pattern")).Aria("describedby", "pattern-hint").
			OnMouseDown(p.onPointer).OnKeyDown(p.onKey).OnChange(p.onChange).OnBlur(p.onBlur).
			Body(groups...),
		app.Span().ID("pattern-hint").Class("visually-hidden").Text(tr(p.Lang, "Choose with the arrow keys, then press Enter to open it.")),
	)
}

func (p *picker) onPointer(ctx app.Context, e app.Event) { p.keyboard = false }

func (p *picker) onKey(ctx app.Context, e app.Event) {
	p.keyboard = true
	if e.Get("key").String() != "Enter" {
		return
	}
	if id := ctx.JSSrc().Get("value").String(); id != p.Current {
		e.PreventDefault()
		p.pick(ctx, id)
	}
}

func (p *picker) onChange(ctx app.Context, e app.Event) {
	if !p.keyboard {
		p.pick(ctx, ctx.JSSrc().Get("value").String())
	}
}

// onBlur puts back the current pattern when the keyboard moved the list
// to another one and left without opening it.
func (p *picker) onBlur(ctx app.Context, e app.Event) {
	if ctx.JSSrc().Get("value").String() != p.Current {
		ctx.JSSrc().Set("value", p.Current)
	}
}

func (p *picker) pick(ctx app.Context, id string) {
	if p.OnPick != nil {
		p.OnPick(ctx, id)
	}
}
