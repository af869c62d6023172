package app

import (
	"fmt"
	"html"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
)

// share offers the current view as a link and as an iframe for a course
// page. Both restore the pattern and its knobs: they live in the URL.
type share struct {
	app.Compo

	Link  string // the page's absolute URL, knobs and theme included
	Embed string // the embed's absolute URL, knobs included
	Title string // the pattern's title
	Theme string // the page's theme, which the embed gets unless another is chosen
	Lang  i18n.Lang

	said       string // what the last copy did
	chosen     bool   // whether the dialog's Theme was changed; until then the embed gets the page's
	embedTheme string // the theme chosen there
}

// embedLink is the embed's URL with its theme: the one chosen in the
// dialog, so that a course author can match the course page, or else the
// page's.
func (s *share) embedLink() string {
	return withTheme(s.Embed, s.embedThemeShown())
}

// embedThemeShown is the theme the dialog's switch shows.
func (s *share) embedThemeShown() string {
	if s.chosen {
		return s.embedTheme
	}
	return s.Theme
}

func (s *share) onEmbedTheme(ctx app.Context, theme string) {
	s.embedTheme, _ = parseTheme(theme)
	s.chosen = true
}

// embedHeight is the iframe height the snippet proposes: the knobs, the
// controls and the first panels at a course page's usual width. The embed
// also tells its parent its content height (see the README's embed API).
const embedHeight = 900

// snippet is the iframe for a course page. The sandbox lets the embed run
// its scripts and open chanlab in a new tab, nothing else. It leaves out
// allow-same-origin: a course that hosts chanlab on its own origin (a
// static export on the course server) would otherwise give the embed the
// course page's DOM, cookies and storage, and the means to lift its own
// sandbox. The embed's origin is then opaque, and chanlab still works in
// full there (web/sandbox.js, a run worker started from a blob, CORS on
// the static files; TestBrowserSandboxedEmbed), keeping storage in memory
// and going without a service worker.
//
// The referrer policy sends the embed its course page's origin, and only
// that: a browser without location.ancestorOrigins (Firefox) has no other
// way to tell the embed whom its message API may talk to, and a course
// page whose own policy sends no referrer (chanlab's sample does not)
// would leave the embed without one.
func (s *share) snippet() string {
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" loading="lazy" style="border:0" sandbox="allow-scripts allow-popups" referrerpolicy="origin"></iframe>`,
		html.EscapeString(s.embedLink()), html.EscapeString("chanlab: "+s.Title), embedHeight)
}

func (s *share) copy(ctx app.Context, text, done string) {
	ctx.PreventUpdate() // the page shows nothing new until the copy's outcome
	ctx.Async(func() {
		msg := done
		if err := copyText(text); err != nil {
			msg = trf(s.Lang, "The browser did not let chanlab copy (%s): select the text below and copy it.", err)
		}
		ctx.Dispatch(func(app.Context) { s.said = msg })
	})
}

func (s *share) Render() app.UI {
	return app.Div().Class("card share").Body(
		app.Div().Class("share-row").Body(
			app.Button().ID("copy-link").Type("button").Text(tr(s.Lang, "Copy link")).
				Title(tr(s.Lang, "A link to this pattern with these knobs")).
				OnClick(func(ctx app.Context, e app.Event) { s.copy(ctx, s.Link, tr(s.Lang, "Link copied.")) }),
			app.Label().For("share-link").Class("visually-hidden").Text(tr(s.Lang, "Link to this view")),
			app.Input().ID("share-link").Type("text").ReadOnly(true).Value(s.Link).
				OnFocus(func(ctx app.Context, e app.Event) { ctx.PreventUpdate(); ctx.JSSrc().Call("select") }),
		),
		app.Details().ID("embed-dialog").Class("embed-dialog").Body(
			app.Summary().Text(tr(s.Lang, "Embed in a course page")),
			app.P().Class("muted").Text(tr(s.Lang, "Paste this where the course page should show the pattern. The embed keeps these knobs; the page can also set them, run and stop through the embed's message API (see the README).")),
			&themeSwitch{ID: "embed-theme", Label: tr(s.Lang, "Theme"), Current: s.embedThemeShown(), OnTheme: s.onEmbedTheme, Lang: s.Lang},
			app.Label().For("embed-snippet").Class("visually-hidden").Text(tr(s.Lang, "The iframe to paste")),
			app.Textarea().ID("embed-snippet").ReadOnly(true).Rows(4).Text(s.snippet()).
				OnFocus(func(ctx app.Context, e app.Event) { ctx.PreventUpdate(); ctx.JSSrc().Call("select") }),
			app.Button().ID("copy-embed").Type("button").Text(tr(s.Lang, "Copy the iframe")).
				OnClick(func(ctx app.Context, e app.Event) { s.copy(ctx, s.snippet(), tr(s.Lang, "Iframe copied.")) }),
		),
		app.P().ID("share-said").Class("share-said").Aria("live", "polite").Text(s.said),
	)
}
