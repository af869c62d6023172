package app

import (
	"testing"

	"chanlab/patterns"
)

func TestRouteOf(t *testing.T) {
	for _, tc := range []struct{ base, path, want string }{
		{"", "/", "/"},
		{"", "/prodcons", "/prodcons"},
		{"/chanlab", "/chanlab", "/"},
		{"/chanlab", "/chanlab/", "/"},
		{"/chanlab", "/chanlab/prodcons", "/prodcons"},
		{"/chanlab", "/chanlab/embed/prodcons/", "/embed/prodcons/"},
		// Pre-rendered on the server, a page's path has no base.
		{"/chanlab", "/prodcons", "/prodcons"},
		{"/chanlab", "/chanlabs/prodcons", "/chanlabs/prodcons"},
		{"/a/b", "/a/b/counter", "/counter"},
	} {
		if got := routeOf(tc.base, tc.path); got != tc.want {
			t.Errorf("routeOf(%q, %q) = %q, want %q", tc.base, tc.path, got, tc.want)
		}
	}
}

func TestPages(t *testing.T) {
	pages := Pages()
	if want := 1 + 2*len(patterns.All()); len(pages) != want {
		t.Errorf("%d pages, want %d: home, and a page and an embed per pattern", len(pages), want)
	}
	for _, p := range pages {
		if !IsPage(p) {
			t.Errorf("IsPage(%q) = false for a page", p)
		}
	}
	for _, p := range []string{"", "/nope", "/prodcons/", "/embed/", "/embed", "/embed/nope", "/embed/prodcons/", "/web/app.wasm", "/app.js", "//prodcons", "/embed/embed/prodcons"} {
		if IsPage(p) {
			t.Errorf("IsPage(%q) = true", p)
		}
	}
}
