package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
)

// knobForm edits a pattern's knobs. Numbers and durations are free text,
// checked as they are typed, so that a wrong value gets a message next to
// it instead of being silently dropped by the browser; on/off and choices
// are selects.
type knobForm struct {
	app.Compo

	Params   []patterns.Param
	Raw      map[string]string // input text by knob name
	Problems map[string]string // message by knob name
	Disabled bool
	OnKnob   func(ctx app.Context, name, raw string)
	Lang     i18n.Lang // the Params are in it already; this is for the form's own texts
}

func (f *knobForm) Render() app.UI {
	return app.Form().Class("card knobs").OnSubmit(f.onSubmit).Body(
		app.H2().Text(tr(f.Lang, "Knobs")),
		app.Range(f.Params).Slice(func(i int) app.UI { return f.renderKnob(f.Params[i]) }),
	)
}

func (f *knobForm) renderKnob(p patterns.Param) app.UI {
	id := "knob-" + p.Name
	msg, bad := f.Problems[p.Name]
	// A screen reader reads the message, when there is one, before the
	// help.
	describedBy := id + "-help"
	if bad {
		describedBy = id + "-error " + describedBy
	}
	onValue := func(ctx app.Context, e app.Event) {
		if f.OnKnob != nil {
			f.OnKnob(ctx, p.Name, ctx.JSSrc().Get("value").String())
		}
	}
	var input app.UI
	switch p.Kind {
	case patterns.Bool, patterns.Choice:
		// A fixed set of values: a select, which cannot hold a bad one.
		choices := p.Choices
		if p.Kind == patterns.Bool {
			choices = []string{"off", "on"}
		}
		current, _ := p.Parse(f.Raw[p.Name])
		// Its value is never invalid (a bad one from a link was
		// replaced), but the message says what was replaced.
		input = app.Select().ID(id).Name(p.Name).Disabled(f.Disabled).
			Aria("describedby", describedBy).
			OnChange(onValue, p.Name). // the scope keeps the handler bound to this knob
			Body(app.Range(choices).Slice(func(i int) app.UI {
				return app.Option().Value(choices[i]).Text(wordIn(f.Lang, choices[i])).Selected(p.Format(current) == choices[i])
			}))
	default:
		in := app.Input().ID(id).Name(p.Name).Type("text").Value(f.Raw[p.Name]).
			Disabled(f.Disabled).Aria("describedby", describedBy).Aria("invalid", bad).
			Attr("autocomplete", "off").Attr("spellcheck", "false").
			OnInput(onValue, p.Name)
		if p.Kind == patterns.Int {
			in = in.Attr("inputmode", "numeric")
		}
		input = in
	}
	help := p.Help
	if p.Kind == patterns.Int || p.Kind == patterns.Duration {
		help += " (" + p.Format(p.Min) + "–" + p.Format(p.Max) + unitSuffix(p) + ")"
	}
	return app.Div().Class("knob").DataSet("invalid", bad).Body(
		app.Label().For(id).Text(p.Label),
		input,
		// Always there, empty while the value is fine: a live region
		// announces changes to its text, and one that appears already
		// holding the message is often not announced at all.
		app.P().ID(id+"-error").Class("knob-error").Aria("live", "polite").Text(msg),
		app.P().ID(id+"-help").Class("knob-help").Text(help),
	)
}

func unitSuffix(p patterns.Param) string {
	switch p.Unit {
	case "":
		return ""
	case "개", "번":
		return p.Unit // Korean counters follow the number: 0–100개
	}
	return " " + p.Unit
}

// onSubmit keeps Enter in an input from reloading the page.
func (f *knobForm) onSubmit(ctx app.Context, e app.Event) { e.PreventDefault() }
