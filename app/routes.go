// Package app is chanlab's user interface: go-app components that show a
// pattern from the catalog running live. It holds no pattern logic: it
// turns knobs into a run, and the run's recorder snapshots into panels.
package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns"
)

// Routes registers the pages, for the browser and for the server's
// pre-rendering alike: the home page shows the first pattern, each pattern
// has its own page at /<id>, and its embed, for course pages' iframes, at
// /embed/<id>.
func Routes() {
	app.Route("/", &page{})
	for _, s := range patterns.All() {
		app.Route("/"+s.ID, &page{})
		app.Route(embedPrefix+s.ID, &page{})
	}
}

// Pages lists the path of every page Routes registers: the service worker
// caches them all for offline use.
func Pages() []string {
	pages := []string{"/"}
	for _, s := range patterns.All() {
		pages = append(pages, "/"+s.ID, embedPrefix+s.ID)
	}
	return pages
}

// embedPrefix starts an embed's path.
const embedPrefix = "/embed/"

// The run worker's files: the page starts RunnerScript as a Web Worker and
// hands it RunnerWasm, compiled.
const (
	RunnerScript = "/web/runner.js"
	RunnerWasm   = "/web/runner.wasm"
)
