package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

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
}

func newCodeView(s patterns.Spec) *codeView {
	return &codeView{Title: s.Title, Python: s.Python, InGo: s.InGo, Source: s.Source}
}

func (c *codeView) Render() app.UI {
	return app.Div().Class("card code").Body(
		app.H2().Text("The code"),
		app.Div().Class("code-note").Body(
			app.If(c.Python != "", app.P().Body(
				app.Strong().Text("In Python you wrote: "), app.Code().Text(c.Python),
			)),
			app.If(c.InGo != "", app.P().Body(
				app.Strong().Text("In Go we… "), app.Text(c.InGo),
			)),
		),
		app.Details().Body(
			app.Summary().Text("The Go code that runs"),
			// The source scrolls, so it takes focus: keyboard users
			// scroll it too.
			app.Pre().TabIndex(0).Attr("role", "region").Aria("label", "Go source of "+c.Title).
				Body(app.Code().Text(c.Source)),
		),
	)
}
