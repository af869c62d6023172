package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// chanlab lives at the root of its host (/prodcons) or under a base path
// (/chanlab/prodcons: a GitHub Pages project site, a course server's
// folder). go-app is told the base by the server (its Handler's Resources,
// see cmd/serve) and tells the page (app.js): it strips the base from the
// address before routing and writes it before every /web/ path in src and
// href attributes. Every other path chanlab builds (links, the address of
// a view, the run worker's files) goes through the functions below, so no
// other code knows the base.

// webProbe is a path under /web/, to ask go-app where static files are.
const webProbe = "/web/x"

// basePath is the base, "" at a host's root, else a path without a
// trailing slash ("/chanlab"). go-app serves static files at <base>/web/;
// asking it through ctx gives the base of the handler that pre-renders
// the page on the server, and of the page's own app.js in the browser.
func basePath(ctx app.Context) string {
	return strings.TrimSuffix(ctx.ResolveStaticResource(webProbe), webProbe)
}

// browserBase is the base in the browser, for code that has no
// app.Context (the run worker's start): the page's go-app environment,
// set by app.js, says where static files are. Outside the browser it
// reads the process environment, which says nothing reliable: use
// basePath there.
func browserBase() string {
	return strings.TrimSuffix(app.Getenv("GOAPP_STATIC_RESOURCES_URL"), "/")
}

// under is the address of route (a route such as "/prodcons", or a file
// such as "/web/runner.js") under base.
func under(base, route string) string {
	return base + route
}

// routeOf is the route of an address's path: the path without the base.
// In the browser the address has the base; the server pre-renders pages
// at their routes, and their paths have none.
func routeOf(base, path string) string {
	if base == "" || (path != base && !strings.HasPrefix(path, base+"/")) {
		return path
	}
	if route := path[len(base):]; route != "" {
		return route
	}
	return "/"
}
