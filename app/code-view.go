package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
)

// codeView shows the pattern's Go source, the very file that runs, beside
// a note for the learner: what they wrote in Python, and what Go does
// instead.
type codeView struct {
	app.Compo

	// Strings, not the Spec: a Spec holds a func, and props holding a func
	// differ at every update, which would re-render the source each frame.
	Title, Python, InGo, Source string
	Lang                        i18n.Lang
}

// newCodeView shows s, which is in language l already.
func newCodeView(s patterns.Spec, l i18n.Lang) *codeView {
	return &codeView{Title: s.Title, Python: s.Python, InGo: s.InGo, Source: s.Source, Lang: l}
}

func (c *codeView) Render() app.UI {
	return app.Div().Class("card code").Body(
		app.H2().Text(tr(c.Lang, "The code")),
		app.Div().Class("code-note").Body(
			app.If(c.Python != "", app.P().Body(
				app.Strong().Text(tr(c.Lang, "In Python you wrote: ")), app.Code().Text(c.Python),
			)),
			app.If(c.InGo != "", app.P().Body(
				app.Strong().Text(tr(c.Lang, "In Go we write: ")), app.Text(c.InGo),
			)),
		),
		app.Details().Body(
			app.Summary().Text(tr(c.Lang, "The Go code that runs")),
			// The source scrolls, so it takes focus: keyboard users
			// scroll it too.
			app.Pre().TabIndex(0).Attr("role", "region").Aria("label", trf(c.Lang, "Go source of %s", c.Title)).
				Body(app.Code().Text(c.Source)),
		),
	)
}
