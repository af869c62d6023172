// Package app is chanlab's user interface: go-app components that show a
// pattern from the catalog running live. It holds no pattern logic: it
// turns knobs into a run, and the run's recorder snapshots into panels.
package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns"
)

// Routes registers the pages, for the browser and for the server's
// pre-rendering alike: the home page shows the first pattern, each pattern
// has its own page at /<id>, and its embed, for course pages' iframes, at
// /embed/<id>. Each also answers at <route>/, where a static host's
// directory index (<route>/index.html) puts it; and any other path gets
// the not-found page, which a static host's 404.html shows.
func Routes() {
	for _, route := range Pages() {
		app.Route(route, &page{})
		if route != "/" {
			app.Route(route+"/", &page{})
		}
	}
	app.RouteWithRegexp("^/", &notFound{})
}

// embedPrefix starts an embed's path.
const embedPrefix = "/embed/"

// Pages lists every page's route: the home page, then each pattern's page
// and its embed. The service worker caches them all for offline use.
func Pages() []string {
	routes := []string{"/"}
	for _, s := range patterns.All() {
		routes = append(routes, "/"+s.ID, embedPrefix+s.ID)
	}
	return routes
}

// IsPage reports whether route is one of Pages. The server serves those
// and answers 404 to any other path.
func IsPage(route string) bool {
	if route == "/" {
		return true
	}
	id, ok := strings.CutPrefix(route, embedPrefix)
	if !ok {
		id, ok = strings.CutPrefix(route, "/")
	}
	_, known := patterns.Lookup(id)
	return ok && known
}

// The run worker's files: the page starts RunnerScript as a Web Worker and
// hands it RunnerWasm, compiled.
const (
	RunnerScript = "/web/runner.js"
	RunnerWasm   = "/web/runner.wasm"
)
