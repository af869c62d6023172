package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// codeView shows the pattern's Go source: the very file that runs.
type codeView struct {
	app.Compo

	Source string
}

func (c *codeView) Render() app.UI {
	return app.Details().Class("card code").Body(
		app.Summary().Text("The Go code that runs"),
		app.Pre().Body(app.Code().Text(c.Source)),
	)
}
