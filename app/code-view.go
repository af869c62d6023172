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

	Spec patterns.Spec
}

func (c *codeView) Render() app.UI {
	return app.Div().Class("card code").Body(
		app.H2().Text("The code"),
		app.Div().Class("code-note").Body(
			app.If(c.Spec.Python != "", app.P().Body(
				app.Strong().Text("In Python you wrote: "), app.Code().Text(c.Spec.Python),
			)),
			app.If(c.Spec.InGo != "", app.P().Body(
				app.Strong().Text("In Go we… "), app.Text(c.Spec.InGo),
			)),
		),
		app.Details().Body(
			app.Summary().Text("The Go code that runs"),
			// The source scrolls, so it takes focus: keyboard users
			// scroll it too.
			app.Pre().TabIndex(0).Attr("role", "region").Aria("label", "Go source of "+c.Spec.Title).
				Body(app.Code().Text(c.Spec.Source)),
		),
	)
}
