//go:build !wasm

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"chanlab/app"
)

// cachedByWorker reads the list of URLs /app-worker.js pre-caches.
func cachedByWorker(t *testing.T, f *fixture) []string {
	t.Helper()
	res := f.get(t, "/app-worker.js")
	js := string(body(t, res))
	if res.StatusCode != 200 {
		t.Fatalf("/app-worker.js: status %d", res.StatusCode)
	}
	m := regexp.MustCompile(`(?m)^const resourcesToCache = (\[.*\]);$`).FindStringSubmatch(js)
	if m == nil {
		t.Fatalf("/app-worker.js has no resourcesToCache list:\n%s", js)
	}
	var urls []string
	if err := json.Unmarshal([]byte(m[1]), &urls); err != nil {
		t.Fatalf("resourcesToCache: %v", err)
	}
	if !strings.Contains(js, `const cacheName = "app-`+f.deploy+`";`) {
		t.Errorf("the worker's cache is not named for the version %s", f.deploy)
	}
	return urls
}

// TestServiceWorkerCachesWhatARunNeeds checks the worker's list: every
// page and the run worker's files are in it, and every URL in it is served
// 200 (the install is all or nothing).
func TestServiceWorkerCachesWhatARunNeeds(t *testing.T) {
	f := newFixture(t, true)
	urls := cachedByWorker(t, f)
	want := append(app.Pages(), "/", "/app.js", "/wasm_exec.js", "/web/app.wasm", "/web/chanlab.css",
		"/web/icon.svg", app.RunnerScript, app.RunnerWasm)
	for _, u := range want {
		if !slices.Contains(urls, u) {
			t.Errorf("the worker does not cache %s", u)
		}
	}
	if n := len(app.Pages()); n < 3 {
		t.Errorf("app.Pages() lists %d pages", n)
	}
	for _, u := range urls {
		if res := f.get(t, u); res.StatusCode != 200 {
			t.Errorf("%s, cached by the worker: status %d", u, res.StatusCode)
		}
	}
}

// TestServiceWorkerLeavesOutMissingFiles: a server without runner.wasm or
// runner.js still gets a worker whose install succeeds.
func TestServiceWorkerLeavesOutMissingFiles(t *testing.T) {
	f := newFixture(t, false)
	for _, name := range []string{"runner.wasm", "runner.js"} {
		if err := os.Remove(filepath.Join(f.web, name)); err != nil {
			t.Fatal(err)
		}
	}
	h, err := newHandler(options{webDir: f.web, logf: f.logs.logf})
	if err != nil {
		t.Fatal(err)
	}
	f.handler = h
	f.deploy = h.(*server).goapp.Version
	urls := cachedByWorker(t, f)
	for _, u := range []string{app.RunnerScript, app.RunnerWasm} {
		if slices.Contains(urls, u) {
			t.Errorf("the worker caches %s, which the server does not have", u)
		}
		if !strings.Contains(f.logs.String(), u+" is missing") {
			t.Errorf("no log line says %s is missing:\n%s", u, f.logs)
		}
	}
	for _, u := range urls {
		if res := f.get(t, u); res.StatusCode != 200 {
			t.Errorf("%s, cached by the worker: status %d", u, res.StatusCode)
		}
	}
}

// TestDeployVersion checks that the version changes with any file the
// worker caches, and only then.
func TestDeployVersion(t *testing.T) {
	f := newFixture(t, false)
	version := func() string {
		t.Helper()
		h, err := newHandler(options{webDir: f.web, logf: f.logs.logf})
		if err != nil {
			t.Fatal(err)
		}
		return h.(*server).goapp.Version
	}
	v0 := version()
	if v0 != f.deploy {
		t.Fatalf("the same files give versions %s and %s", f.deploy, v0)
	}
	if v0 == f.version {
		t.Errorf("the deploy's version is app.wasm's hash alone")
	}
	seen := map[string]string{v0: "the fixture"}
	for _, tc := range []struct{ file, content string }{
		{"sub/inner.css", "not cached: no new version"},
		{"chanlab.css", "body { color: navy }\n"},
		{"runner.js", "// a new run worker script\n"},
		{"sandbox.js", "// a new storage shim\n"},
		{"theme.js", "// a new theme script\n"},
		{"icon.svg", "<svg/>"},
		{"runner.wasm", string(append(fakeWasm(), 1))},
		{"app.wasm", string(append(fakeWasm(), 2))},
	} {
		write(t, filepath.Join(f.web, filepath.FromSlash(tc.file)), tc.content)
		v := version()
		if tc.file == "sub/inner.css" {
			if v != v0 {
				t.Errorf("changing %s, which no browser caches, changed the version", tc.file)
			}
			continue
		}
		if prev, ok := seen[v]; ok {
			t.Errorf("after changing %s the version %s is the one of %s", tc.file, v, prev)
		}
		seen[v] = tc.file
	}
}
