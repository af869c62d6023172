//go:build !wasm

package app

import (
	_ "embed"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// serviceWorker is /app-worker.js: offline after one visit, and a new
// version waits for the page's Reload (see the file).
//
//go:embed app-worker.js
var serviceWorker string

// Handler returns the go-app handler that serves the pages, configured so
// that nothing is fetched from outside the origin. version must change
// whenever any file the service worker caches changes: the worker's script
// changes with it, which is how browsers learn of a new deploy.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:        "chanlab",
		ShortName:   "chanlab",
		Title:       "chanlab — see concurrency",
		Description: "Classic concurrency patterns in Go, running live in your browser.",
		Icon: app.Icon{
			Default:    "/web/icon-192.png",
			Large:      "/web/icon-512.png",
			SVG:        "/web/icon.svg",
			AppleTouch: "/web/icon-192.png",
		},
		Styles: []string{"/web/chanlab.css"},
		// Plain scripts, run before go-app's deferred ones and the Go
		// program. sandbox.js: in a frame sandboxed without
		// allow-same-origin it replaces the storage the browser refuses,
		// which go-app reads at start. theme.js: it sets the link's theme
		// before the page paints.
		Scripts: []string{"/web/sandbox.js", "/web/theme.js"},
		Version: version,
		// go-app caches the loader, app.js, app.wasm, the styles and the
		// PNG icons; a page also needs the SVG icon (the top bar's), every
		// page, and a run the worker's script and wasm. A server without
		// one of these files must leave it out: one missing file fails the
		// worker's whole install.
		CacheableResources:    append(Pages(), "/web/icon.svg", RunnerScript, RunnerWasm),
		ServiceWorkerTemplate: serviceWorker,
		// go-app's AutoUpdateInterval is left at 0: its registration.update()
		// calls reject, uncaught, whenever the network is down (go-app
		// #864). The update prompt checks for updates itself.
	}
}
