//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"chanlab/app"
)

// headerRule is one path pattern of a _headers file and its headers.
type headerRule struct {
	pattern string // a path; a trailing * matches any rest
	header  [][2]string
}

// parseHeadersFile reads the _headers format that Netlify and Cloudflare
// Pages read: a path pattern on a line, its headers indented below it,
// "#" comments.
func parseHeadersFile(t testing.TB, b []byte) []headerRule {
	t.Helper()
	var rules []headerRule
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			rules = append(rules, headerRule{pattern: trimmed})
		default:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok || len(rules) == 0 {
				t.Fatalf("_headers line %d: %q is neither a path nor a header under one", n, line)
			}
			r := &rules[len(rules)-1]
			r.header = append(r.header, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	return rules
}

// headersFor is what the rules give the path: every matching rule's
// headers, as those hosts combine them.
func headersFor(rules []headerRule, p string) map[string]string {
	h := map[string]string{}
	for _, r := range rules {
		prefix, splat := strings.CutSuffix(r.pattern, "*")
		if (splat && strings.HasPrefix(p, prefix)) || p == r.pattern {
			for _, kv := range r.header {
				h[kv[0]] = kv[1]
			}
		}
	}
	return h
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestStaticExport exports the fixture for a sub-path and checks the
// folder: every page twice, 404.html, go-app's files and the wasm for that
// path, the toolchain's loader, the web files but no dotfile or link, and
// headers that match the server's.
func TestStaticExport(t *testing.T) {
	f := newFixture(t, true)
	out := filepath.Join(t.TempDir(), "site")
	files, err := exportStatic(staticOptions{webDir: f.web, out: out, base: "/chanlab/", logf: f.logs.logf})
	if err != nil {
		t.Fatal(err)
	}
	wrote := map[string]bool{}
	for _, file := range files {
		wrote[file.path] = true
	}
	attr := regexp.MustCompile(`(?:src|href|value)="([^"]*)"`)
	checkPage := func(name string, page []byte) {
		t.Helper()
		for _, m := range attr.FindAllSubmatch(page, -1) {
			if v := string(m[1]); strings.HasPrefix(v, "/") && v != "/chanlab" && !strings.HasPrefix(v, "/chanlab/") {
				t.Errorf("%s: %s is outside the base", name, m[0])
			}
		}
		for _, leak := range []string{"og:url", "127.0.0.1", "example.com", "http:///"} {
			if bytes.Contains(page, []byte(leak)) {
				t.Errorf("%s holds %q: the address it was rendered at", name, leak)
			}
		}
		for _, want := range []string{`src="/chanlab/wasm_exec.js"`, `src="/chanlab/app.js"`, `href="/chanlab/web/chanlab.css"`, `href="/chanlab/manifest.webmanifest"`} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		if bytes.Contains(page, []byte("user-scalable")) {
			t.Errorf("%s forbids zooming", name)
		}
	}
	for _, route := range app.Pages() {
		if route == "/" {
			checkPage("index.html", read(t, filepath.Join(out, "index.html")))
			continue
		}
		name := route[1:]
		page := read(t, filepath.Join(out, name+".html"))
		if !bytes.Equal(page, read(t, filepath.Join(out, name, "index.html"))) {
			t.Errorf("%s.html and %s/index.html differ", name, name)
		}
		checkPage(name+".html", page)
	}
	prodcons := string(read(t, filepath.Join(out, "prodcons.html")))
	if !strings.Contains(prodcons, `value="/chanlab/prodcons"`) {
		t.Error("prodcons.html: the share link is not the page's path under the base")
	}
	if !strings.Contains(prodcons, `href="/chanlab/"`) {
		t.Error("prodcons.html: the brand does not lead to the home page under the base")
	}
	notFound := read(t, filepath.Join(out, "404.html"))
	checkPage("404.html", notFound)
	if !bytes.Contains(notFound, []byte("No such page")) || !bytes.Contains(notFound, []byte(`href="/chanlab/prodcons"`)) {
		t.Error("404.html is not the not-found page with links to the patterns")
	}

	// The deploy's version, as the server has it.
	h, err := newHandler(options{webDir: f.web, base: "/chanlab", logf: f.logs.logf})
	if err != nil {
		t.Fatal(err)
	}
	version := h.(*server).goapp.Version
	appJS := string(read(t, filepath.Join(out, "app.js")))
	for _, want := range []string{`"GOAPP_ROOT_PREFIX":"/chanlab"`, `"GOAPP_STATIC_RESOURCES_URL":"/chanlab"`, `"/chanlab/web/app.wasm"`, `"/chanlab/app-worker.js"`, version} {
		if !strings.Contains(appJS, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	if m := string(read(t, filepath.Join(out, "manifest.webmanifest"))); !strings.Contains(m, `"scope": "/chanlab/"`) || !strings.Contains(m, `"start_url": "/chanlab/"`) {
		t.Errorf("the manifest's scope and start are not the base:\n%s", m)
	}
	if w := string(read(t, filepath.Join(out, "app-worker.js"))); !strings.Contains(w, `"/chanlab/web/app.wasm"`) || !strings.Contains(w, `"/chanlab/prodcons"`) || strings.Contains(w, `"/web/`) || strings.Contains(w, `"/prodcons"`) {
		t.Errorf("the service worker caches paths outside the base:\n%s", w)
	}
	if !bytes.Equal(read(t, filepath.Join(out, "wasm_exec.js")), wasmExecJS) {
		t.Error("wasm_exec.js is not the toolchain's")
	}
	for _, name := range []string{"app.wasm", "runner.wasm"} {
		if !bytes.Equal(read(t, filepath.Join(out, "web", name)), f.wasm) {
			t.Errorf("web/%s differs from the built one", name)
		}
		for _, c := range compressions {
			zr, err := c.reader(bytes.NewReader(read(t, filepath.Join(out, "web", name+c.ext))))
			if err != nil {
				t.Fatal(err)
			}
			if b, err := io.ReadAll(zr); err != nil || !bytes.Equal(b, f.wasm) {
				t.Errorf("web/%s%s does not decompress to the wasm (%v)", name, c.ext, err)
			}
		}
	}
	for _, want := range []string{"web/chanlab.css", "web/sub/inner.css", ".nojekyll", "_headers"} {
		if !wrote[want] {
			t.Errorf("%s was not exported", want)
		}
	}
	for _, never := range []string{"web/.hidden", "web/sub/.env", "web/link.css"} {
		if _, err := os.Lstat(filepath.Join(out, filepath.FromSlash(never))); err == nil || wrote[never] {
			t.Errorf("%s was exported", never)
		}
	}

	// The headers file gives each path what the server sends.
	rules := parseHeadersFile(t, read(t, filepath.Join(out, headersFile)))
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, httptest.NewRequest("GET", "/prodcons", nil))
	server := rec.Result().Header
	page := headersFor(rules, "/chanlab/prodcons")
	for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cache-Control"} {
		if page[name] != server.Get(name) {
			t.Errorf("_headers gives /chanlab/prodcons %s: %q; the server sends %q", name, page[name], server.Get(name))
		}
	}
	wasm := headersFor(rules, "/chanlab/web/app.wasm")
	if wasm["Content-Type"] != "application/wasm" || wasm[wasmLengthHeader] != strconv.Itoa(len(f.wasm)) || wasm["Content-Security-Policy"] == "" {
		t.Errorf("_headers gives /chanlab/web/app.wasm %v", wasm)
	}
	for _, p := range []string{"/web/app.wasm", "/web/runner.js", "/wasm_exec.js", "/prodcons"} {
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		for _, name := range []string{"Access-Control-Allow-Origin", "Access-Control-Expose-Headers"} {
			if got, want := headersFor(rules, "/chanlab"+p)[name], rec.Result().Header.Get(name); got != want {
				t.Errorf("_headers gives /chanlab%s %s: %q; the server sends %q", p, name, got, want)
			}
		}
	}
	if h := headersFor(rules, "/prodcons"); len(h) != 0 {
		t.Errorf("_headers gives /prodcons, outside the base, %v", h)
	}

	if _, err := exportStatic(staticOptions{webDir: f.web, out: out}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("exporting into the full folder again: %v, want a refusal", err)
	}
}

// TestStaticExportAtRoot exports for a host's root: paths have no base.
func TestStaticExportAtRoot(t *testing.T) {
	f := newFixture(t, true)
	out := t.TempDir()
	if _, err := exportStatic(staticOptions{webDir: f.web, out: out, base: "/", logf: f.logs.logf}); err != nil {
		t.Fatal(err)
	}
	page := string(read(t, filepath.Join(out, "embed", "prodcons.html")))
	for _, want := range []string{`src="/app.js"`, `href="/web/chanlab.css"`, `href="/prodcons"`} {
		if !strings.Contains(page, want) {
			t.Errorf("embed/prodcons.html lacks %s", want)
		}
	}
	if h := headersFor(parseHeadersFile(t, read(t, filepath.Join(out, headersFile))), "/counter"); h["X-Content-Type-Options"] != "nosniff" {
		t.Errorf("_headers gives /counter %v", h)
	}
}

func TestCleanBase(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""}, {"/", ""}, {" /chanlab ", "/chanlab"}, {"/chanlab/", "/chanlab"},
		{"/courses/go-101/chanlab", "/courses/go-101/chanlab"}, {"/a.b~c_d", "/a.b~c_d"},
	} {
		if got, err := cleanBase(tc.in); err != nil || got != tc.want {
			t.Errorf("cleanBase(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"chanlab", "/a//b", "/a/../b", "/./a", "/a b", "/a?b", "/a#b", `/a"b`, "/é", "//host/x"} {
		if got, err := cleanBase(bad); err == nil {
			t.Errorf("cleanBase(%q) = %q, want an error", bad, got)
		}
	}
}

func TestStaticFlags(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"-base", "/chanlab"}, &stderr); code != 2 || !strings.Contains(stderr.String(), "-base is for -static") {
		t.Errorf("-base without -static: exit %d, %q", code, stderr.String())
	}
	f := newFixture(t, true)
	stderr.Reset()
	out := filepath.Join(t.TempDir(), "site")
	if code := run([]string{"-static", out, "-base", "no-slash", "-web", f.web}, &stderr); code != 1 || !strings.Contains(stderr.String(), "starts with /") {
		t.Errorf("a bad -base: exit %d, %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"-static", out, "-base", "/x", "-web", f.web}, &stderr); code != 0 || !strings.Contains(stderr.String(), "wrote") {
		t.Errorf("-static: exit %d, %q", code, stderr.String())
	}
}

// TestServerServesPagesOnly checks that the not-found page and the routes
// with a trailing slash, which the browser app has for static hosts, leave
// the server as it was: a plain 404 for any path that is no page.
func TestServerServesPagesOnly(t *testing.T) {
	f := newFixture(t, true)
	for _, target := range []string{"/prodcons/", "/embed/prodcons/", "/nope", "/404", "/embed/nope"} {
		res := f.get(t, target)
		b := body(t, res)
		if res.StatusCode != 404 || bytes.Contains(b, []byte("<html")) || res.Header.Get("ETag") != "" {
			t.Errorf("%s: status %d, ETag %q, body %.60q", target, res.StatusCode, res.Header.Get("ETag"), b)
		}
	}
	if res := f.get(t, "/embed/prodcons"); res.StatusCode != 200 {
		t.Errorf("/embed/prodcons: status %d", res.StatusCode)
	}
}
