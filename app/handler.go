//go:build !wasm

package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Handler returns the go-app handler that serves the pages, configured so
// that nothing is fetched from outside the origin. version must change
// whenever web/app.wasm changes (the server passes its hash).
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
		// Not deferred: it sets the link's theme before the page paints.
		Scripts: []string{"/web/theme.js"},
		Version: version,
	}
}
