package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
)

// updateCheckEvery is how often a page that stays open asks the server for
// a new version (browsers ask by themselves only when a page loads). It
// also asks when the network comes back.
const updateCheckEvery = 15 * time.Minute

// updatePrompt says that a new version of chanlab is installed, and
// reloads into it when the learner asks: never by itself, so that a run in
// progress is never cut short. Until then the page keeps running the
// version it loaded, whole (see app-worker.js). It is a live region, empty
// and hidden until there is something to say.
type updatePrompt struct {
	app.Compo

	Lang i18n.Lang

	ready     bool // a new version is installed and waits for a reload
	reloading bool // Reload was pressed
}

func (u *updatePrompt) OnMount(ctx app.Context) {
	u.ready = ctx.AppUpdateAvailable()
	ctx.Async(func() {
		// A version installed before this page's app started, or on a
		// reload (which keeps the page's worker), fires no update event
		// here: ask for it.
		if updateWaiting() {
			ctx.Dispatch(func(app.Context) { u.ready = true })
		}
		checkForUpdates(ctx, updateCheckEvery)
	})
}

// OnAppUpdate is go-app's event for a new version installed while the page
// is open.
func (u *updatePrompt) OnAppUpdate(ctx app.Context) { u.ready = true }

func (u *updatePrompt) onReload(ctx app.Context, e app.Event) {
	u.reloading = true
	ctx.Async(applyUpdate)
}

func (u *updatePrompt) Render() app.UI {
	return app.Div().ID("update").Class("update").Role("status").Body(
		app.If(u.ready,
			app.P().Text(tr(u.Lang, "A new version of chanlab is ready.")),
			app.Button().ID("update-reload").Type("button").Text(tr(u.Lang, "Reload")).
				Disabled(u.reloading).OnClick(u.onReload),
		),
	)
}
