//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"go.uber.org/goleak"

	"chanlab/app"
)

func TestMain(m *testing.M) {
	app.Routes() // go-app pre-renders the registered routes
	goleak.VerifyTestMain(m)
}

const (
	secret = "SECRET-OUTSIDE-THE-WEB-DIR"
	hidden = "HIDDEN-DOTFILE"
)

// fixture is a temporary repository: root/go.mod (which must never be
// served) and root/web with a small fake app.wasm, its .br and .gz made by
// precompress, a css file, a subdirectory, a dotfile and a symbolic link
// pointing out of the web directory.
type fixture struct {
	root, web string
	wasm      []byte
	version   string // app.wasm's hash: its ETags
	deploy    string // the deploy's version: go-app's ETags, app.js, the worker
	handler   http.Handler
	logs      *logRecorder
}

type logRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (l *logRecorder) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logRecorder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func fakeWasm() []byte {
	var b bytes.Buffer
	b.Write([]byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00})
	for i := range 4000 {
		fmt.Fprintf(&b, "func%d:%x;", i, i*i%7919)
	}
	return b.Bytes()
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	compressedOnce sync.Once
	compressed     = map[string][]byte{} // by extension
)

func newFixture(t *testing.T, compress bool) *fixture {
	t.Helper()
	root := t.TempDir()
	web := filepath.Join(root, "web")
	f := &fixture{root: root, web: web, wasm: fakeWasm(), logs: &logRecorder{}}
	sum := sha256.Sum256(f.wasm)
	f.version = hex.EncodeToString(sum[:])[:16]

	write(t, filepath.Join(root, "go.mod"), "module "+secret+"\n")
	write(t, filepath.Join(root, "etc", "passwd"), secret)
	write(t, filepath.Join(web, "app.wasm"), string(f.wasm))
	// The run worker's wasm: the same fake bytes do for serving tests.
	write(t, filepath.Join(web, "runner.wasm"), string(f.wasm))
	write(t, filepath.Join(web, "chanlab.css"), "body { color: teal }\n")
	// The rest of what the service worker caches.
	write(t, filepath.Join(web, "runner.js"), "importScripts(\"/wasm_exec.js\");\n")
	write(t, filepath.Join(web, "sandbox.js"), "\"use strict\";\n")
	write(t, filepath.Join(web, "theme.js"), "\"use strict\";\n")
	for _, name := range []string{"icon.svg", "icon-192.png", "icon-512.png"} {
		write(t, filepath.Join(web, name), name)
	}
	write(t, filepath.Join(web, "sub", "inner.css"), "p { margin: 0 }\n")
	write(t, filepath.Join(web, ".hidden"), hidden)
	write(t, filepath.Join(web, "sub", ".env"), hidden)
	if err := os.Symlink(filepath.Join("..", "go.mod"), filepath.Join(web, "link.css")); err != nil {
		t.Fatal(err)
	}
	if compress {
		// precompress once per test binary (brotli -q11 is slow under
		// -race); later fixtures get copies of its output.
		compressedOnce.Do(func() {
			if _, err := precompress(web); err != nil {
				t.Fatal(err)
			}
			for _, c := range compressions {
				b, err := os.ReadFile(filepath.Join(web, "app.wasm"+c.ext))
				if err != nil {
					t.Fatal(err)
				}
				compressed[c.ext] = b
			}
		})
		for _, c := range compressions {
			if compressed[c.ext] == nil {
				t.Fatal("precompress failed in an earlier test")
			}
			write(t, filepath.Join(web, "app.wasm"+c.ext), string(compressed[c.ext]))
			write(t, filepath.Join(web, "runner.wasm"+c.ext), string(compressed[c.ext]))
		}
		// File times have a clock tick's resolution: make the copies
		// clearly newer than the wasm.
		hourAgo := time.Now().Add(-time.Hour)
		for _, name := range []string{"app.wasm", "runner.wasm"} {
			if err := os.Chtimes(filepath.Join(web, name), hourAgo, hourAgo); err != nil {
				t.Fatal(err)
			}
		}
	}
	h, err := newHandler(options{webDir: web, logf: f.logs.logf})
	if err != nil {
		t.Fatal(err)
	}
	f.handler = h
	f.deploy = h.(*server).goapp.Version
	return f
}

// get sends one request straight to the handler, as the server would parse
// target, and checks the headers every response must carry.
func (f *fixture) get(t *testing.T, target string, header ...string) *http.Response {
	t.Helper()
	return f.do(t, http.MethodGet, target, header...)
}

func (f *fixture) do(t *testing.T, method, target string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	res := rec.Result()
	checkSecurityHeaders(t, target, res.Header, "*")
	return res
}

func checkSecurityHeaders(t *testing.T, target string, h http.Header, frameAncestors string) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "'wasm-unsafe-eval'", "frame-ancestors " + frameAncestors, "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %q", target, csp, want)
		}
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options = %q", target, got)
	}
	if got := h.Get("Referrer-Policy"); got != "no-referrer" {
		t.Errorf("%s: Referrer-Policy = %q", target, got)
	}
	if got := h.Get("X-Frame-Options"); got != "" {
		t.Errorf("%s: X-Frame-Options = %q: it would stop other origins from embedding chanlab", target, got)
	}
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNotFound(t *testing.T) {
	f := newFixture(t, true)
	for _, target := range []string{
		"/web/../go.mod",
		"/web/%2e%2e/go.mod",
		"/web/%2E%2E/go.mod",
		"/web/..%2fgo.mod",
		"/web/sub/../../go.mod",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/../etc/passwd",
		"/web/.hidden",
		"/web/%2ehidden",
		"/web/sub/.env",
		"/web/sub/../.hidden",
		"/web/./chanlab.css",
		"/web/",
		"/web",
		"/web/sub/",
		"/web/sub",
		"/web//chanlab.css",
		"/web/sub%2finner.css",
		"/web/sub%5cinner.css",
		"/web/sub\\inner.css",
		"/web/link.css", // a symbolic link out of the web directory
		"/web/nope.css",
		"/go.mod",
		"/etc/passwd",
		"/no-such-page",
		"/sitemap.xml",
		"/ads.txt",
	} {
		t.Run(target, func(t *testing.T) {
			t.Parallel()
			res := f.get(t, target)
			b := body(t, res)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 404", res.StatusCode)
			}
			for _, leak := range []string{secret, hidden, "inner.css", "<pre>"} {
				if bytes.Contains(b, []byte(leak)) {
					t.Errorf("the body contains %q:\n%s", leak, b)
				}
			}
		})
	}
}

// TestNotFoundOverTheWire sends the traversal request lines byte for byte
// to a real server: no client or server layer may clean them into
// something servable.
func TestNotFoundOverTheWire(t *testing.T) {
	f := newFixture(t, true)
	srv := httptest.NewServer(f.handler)
	defer srv.Close()
	for _, target := range []string{"/web/../go.mod", "/web/%2e%2e/go.mod", "/%2e%2e/%2e%2e/etc/passwd", "/web/", "/web/.hidden", "/web/..%2f..%2fetc/passwd"} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n", target)
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		b := body(t, res)
		res.Body.Close()
		conn.Close()
		if res.StatusCode != http.StatusNotFound || bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte(hidden)) {
			t.Errorf("%s: status %d, body %q", target, res.StatusCode, b)
		}
		checkSecurityHeaders(t, target, res.Header, "*")
	}
}

func TestStaticFiles(t *testing.T) {
	f := newFixture(t, true)
	for _, tc := range []struct{ target, ctype, body string }{
		{"/web/chanlab.css", "text/css; charset=utf-8", "body { color: teal }\n"},
		{"/web/sub/inner.css", "text/css; charset=utf-8", "p { margin: 0 }\n"},
	} {
		res := f.get(t, tc.target)
		if b := body(t, res); res.StatusCode != 200 || string(b) != tc.body {
			t.Errorf("%s: status %d, body %q", tc.target, res.StatusCode, b)
		}
		if got := res.Header.Get("Content-Type"); got != tc.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tc.target, got, tc.ctype)
		}
	}
	res := f.do(t, http.MethodHead, "/web/chanlab.css")
	if b := body(t, res); res.StatusCode != 200 || len(b) != 0 || res.Header.Get("Content-Length") != "21" {
		t.Errorf("HEAD: status %d, Content-Length %q, body %q", res.StatusCode, res.Header.Get("Content-Length"), b)
	}
	res = f.do(t, http.MethodPost, "/web/chanlab.css")
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", res.StatusCode)
	}
}

func TestWasmEncodings(t *testing.T) {
	f := newFixture(t, true)
	unbr := func(b []byte) ([]byte, error) { return io.ReadAll(brotli.NewReader(bytes.NewReader(b))) }
	ungz := func(b []byte) ([]byte, error) {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	}
	same := func(b []byte) ([]byte, error) { return b, nil }
	for _, tc := range []struct {
		path, accept, encoding string
		decode                 func([]byte) ([]byte, error)
	}{
		{"/web/app.wasm", "br", "br", unbr},
		{"/web/app.wasm", "gzip, deflate, br, zstd", "br", unbr},
		{"/web/app.wasm", "*", "br", unbr},
		{"/web/app.wasm", "gzip", "gzip", ungz},
		{"/web/app.wasm", "br;q=0, gzip;q=0.8", "gzip", ungz},
		{"/web/app.wasm", "x-gzip", "gzip", ungz},
		{"/web/app.wasm", "", "", same},
		{"/web/app.wasm", "identity", "", same},
		{"/web/app.wasm", "deflate", "", same},
		{"/web/app.wasm", "br;q=0, gzip;q=0", "", same},
		{"/app.wasm", "br", "br", unbr},
		{"/goapp.wasm", "gzip", "gzip", ungz},
		{"/web/runner.wasm", "gzip, br", "br", unbr},
		{"/web/runner.wasm", "", "", same},
	} {
		t.Run(tc.path+" "+tc.accept, func(t *testing.T) {
			t.Parallel()
			res := f.get(t, tc.path, "Accept-Encoding", tc.accept)
			b := body(t, res)
			if res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			h := res.Header
			if got := h.Get("Content-Type"); got != "application/wasm" {
				t.Errorf("Content-Type %q", got)
			}
			if got := h.Get("Content-Encoding"); got != tc.encoding {
				t.Errorf("Content-Encoding %q, want %q", got, tc.encoding)
			}
			if got := h.Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("Vary %q", got)
			}
			if got := h.Get(wasmLengthHeader); got != strconv.Itoa(len(f.wasm)) {
				t.Errorf("%s %q, want the raw size %d", wasmLengthHeader, got, len(f.wasm))
			}
			if got := h.Get("Content-Length"); got != strconv.Itoa(len(b)) {
				t.Errorf("Content-Length %q for %d bytes", got, len(b))
			}
			if tc.encoding != "" && len(b) >= len(f.wasm) {
				t.Errorf("%s body is %d bytes, raw is %d", tc.encoding, len(b), len(f.wasm))
			}
			raw, err := tc.decode(b)
			if err != nil {
				t.Fatalf("decoding: %v", err)
			}
			if !bytes.Equal(raw, f.wasm) {
				t.Errorf("the decoded body (%d bytes) is not app.wasm (%d bytes)", len(raw), len(f.wasm))
			}
			if etag := h.Get("ETag"); !strings.HasPrefix(etag, `"`+f.version) {
				t.Errorf("ETag %q, want the version %s", etag, f.version)
			}
		})
	}
}

func TestNotModified(t *testing.T) {
	f := newFixture(t, true)
	v := `"` + f.version + `"`
	d := `"` + f.deploy + `"`
	for _, tc := range []struct {
		path, accept, inm string
		want              int
	}{
		{"/web/app.wasm", "br", v, 304},
		{"/web/app.wasm", "br", `"` + f.version + `-br"`, 304},
		{"/web/app.wasm", "gzip", `W/"` + f.version + `-gzip"`, 304},
		{"/web/app.wasm", "", `"other", ` + v, 304},
		{"/web/app.wasm", "br", `"0123456789abcdef"`, 200},
		{"/", "", d, 304}, // go-app's own ETag is the deploy's version
		{"/", "", v, 200},
		{"/", "", `"0123456789abcdef"`, 200},
	} {
		res := f.get(t, tc.path, "Accept-Encoding", tc.accept, "If-None-Match", tc.inm)
		b := body(t, res)
		if res.StatusCode != tc.want {
			t.Errorf("%s If-None-Match %s: status %d, want %d", tc.path, tc.inm, res.StatusCode, tc.want)
		}
		if tc.want == 304 && len(b) != 0 {
			t.Errorf("%s: a 304 with a %d-byte body", tc.path, len(b))
		}
	}
	// The ETag a browser stores is the one it sends back.
	res := f.get(t, "/web/app.wasm", "Accept-Encoding", "br")
	res = f.get(t, "/web/app.wasm", "Accept-Encoding", "br", "If-None-Match", res.Header.Get("ETag"))
	if res.StatusCode != 304 {
		t.Errorf("revalidating with the served ETag: status %d", res.StatusCode)
	}
}

func TestWasmExecIsCurrent(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("go env GOROOT: %v", err)
	}
	want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, true)
	res := f.get(t, "/wasm_exec.js")
	if b := body(t, res); !bytes.Equal(b, want) {
		t.Errorf("/wasm_exec.js (%d bytes) is not the toolchain's (%d bytes): copy $(go env GOROOT)/lib/wasm/wasm_exec.js to cmd/serve/", len(b), len(want))
	}
	if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("Content-Type %q", ct)
	}
	res = f.get(t, "/wasm_exec.js", "If-None-Match", res.Header.Get("ETag"))
	if res.StatusCode != 304 {
		t.Errorf("revalidation: status %d", res.StatusCode)
	}
}

func TestPages(t *testing.T) {
	f := newFixture(t, true)
	res := f.get(t, "/")
	page := string(body(t, res))
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/: status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{`class="shell"`, "<h1", `src="/wasm_exec.js"`, `src="/app.js"`, `href="/web/chanlab.css"`, `href="/web/icon.svg"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// The CSP allows no inline script and no off-origin resource: check
	// the page needs neither.
	if m := regexp.MustCompile(`<script(?:\s[^>]*)?>`).FindAllString(page, -1); len(m) == 0 {
		t.Error("no script tags")
	} else {
		for _, tag := range m {
			if !strings.Contains(tag, "src=") {
				t.Errorf("inline script %s: the CSP would block it", tag)
			}
		}
	}
	if m := regexp.MustCompile(`\son[a-z]+=`).FindString(page); m != "" {
		t.Errorf("inline event handler attribute %q: the CSP would block it", m)
	}
	if m := regexp.MustCompile(`(?:src|href)="(?:https?:)?//[^"]*"`).FindString(page); m != "" {
		t.Errorf("off-origin resource %s", m)
	}

	// The sandbox shim is a plain script: it runs while the page is
	// parsed, before go-app's deferred app.js starts the Go program.
	if m := regexp.MustCompile(`<script[^>]*src="/web/sandbox.js"[^>]*>`).FindString(page); m == "" || strings.Contains(m, "defer") || strings.Contains(m, "async") {
		t.Errorf("the sandbox shim's tag is %q, want a plain script", m)
	}

	res = f.get(t, "/app.js")
	js := string(body(t, res))
	if !strings.Contains(js, `"`+wasmLengthHeader+`"`) || !strings.Contains(js, f.deploy) {
		t.Errorf("app.js does not read %s or lacks the version", wasmLengthHeader)
	}
	for _, p := range []string{"/manifest.webmanifest", "/app-worker.js", "/app.css"} {
		if res := f.get(t, p); res.StatusCode != 200 {
			t.Errorf("%s: status %d", p, res.StatusCode)
		}
	}
}

// TestCORS checks that a page with an opaque origin (a frame sandboxed
// without allow-same-origin) may fetch the static files, whose every
// request is cross-origin, and that pages stay same-origin.
func TestCORS(t *testing.T) {
	f := newFixture(t, true)
	for _, p := range []string{"/web/app.wasm", "/app.wasm", "/web/runner.wasm", "/wasm_exec.js", "/web/chanlab.css"} {
		res := f.get(t, p, "Origin", "null", "Accept-Encoding", "br")
		if res.StatusCode != 200 {
			t.Errorf("%s: status %d", p, res.StatusCode)
		}
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("%s: Access-Control-Allow-Origin %q, want *", p, got)
		}
		if got := res.Header.Get("Access-Control-Allow-Credentials"); got != "" {
			t.Errorf("%s: Access-Control-Allow-Credentials %q", p, got)
		}
		if got := res.Header.Get("Access-Control-Expose-Headers"); got != wasmLengthHeader {
			t.Errorf("%s: Access-Control-Expose-Headers %q, want %s for go-app's progress", p, got, wasmLengthHeader)
		}
	}
	for _, p := range []string{"/", "/prodcons", "/embed/prodcons"} {
		if got := f.get(t, p, "Origin", "null").Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: a page answers Access-Control-Allow-Origin %q", p, got)
		}
	}
	if csp := f.get(t, "/").Header.Get("Content-Security-Policy"); !strings.Contains(csp, "worker-src 'self' blob:") {
		t.Errorf("CSP %q: the run worker of a sandboxed page starts from a blob: URL", csp)
	}
}

func TestRobots(t *testing.T) {
	// Served here, never fetched by go-app from this server over HTTP: the
	// recorder has no server behind it, so a self-fetch would fail.
	f := newFixture(t, true)
	res := f.get(t, "/robots.txt")
	if b := body(t, res); res.StatusCode != 200 || string(b) != robotsTxt {
		t.Errorf("/robots.txt: status %d, body %q", res.StatusCode, b)
	}
	write(t, filepath.Join(f.web, "robots.txt"), "User-agent: *\nDisallow: /private\n")
	res = f.get(t, "/robots.txt")
	if b := body(t, res); !strings.Contains(string(b), "Disallow: /private") {
		t.Errorf("web/robots.txt not used: %q", b)
	}
}

func TestFrameAncestors(t *testing.T) {
	f := newFixture(t, true)
	h, err := newHandler(options{webDir: f.web, frameAncestors: "'self' https://course.example", logf: f.logs.logf})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	checkSecurityHeaders(t, "/", rec.Result().Header, "'self' https://course.example")
	// The warm-up frames chanlab in itself: a list gets 'self', unless it
	// allows every origin; 'none' becomes 'self'.
	for _, tc := range []struct{ in, want string }{
		{"https://course.example", "'self' https://course.example"},
		{"https://a.example 'SELF'", "https://a.example 'SELF'"},
		{"*", "*"},
		{"'none'", "'self'"},
		{" 'NONE' ", "'self'"},
	} {
		h, err := newHandler(options{webDir: f.web, frameAncestors: tc.in, logf: f.logs.logf})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if csp := rec.Result().Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors "+tc.want+";") {
			t.Errorf("-frame-ancestors %q: CSP %q, want frame-ancestors %s", tc.in, csp, tc.want)
		}
	}
	for _, bad := range []string{"*; script-src *", "a,b", "x\ny"} {
		if _, err := newHandler(options{webDir: f.web, frameAncestors: bad}); err == nil {
			t.Errorf("frame-ancestors %q accepted", bad)
		}
	}
}

func TestMissingCompressedCopies(t *testing.T) {
	f := newFixture(t, false)
	logs := f.logs.String()
	if strings.Count(logs, "\n")+1 != 4 || !strings.Contains(logs, "app.wasm.br") || !strings.Contains(logs, "runner.wasm.gz") {
		t.Errorf("want one log line per missing copy, got:\n%s", logs)
	}
	for range 3 {
		res := f.get(t, "/web/app.wasm", "Accept-Encoding", "gzip, br")
		if b := body(t, res); res.Header.Get("Content-Encoding") != "" || !bytes.Equal(b, f.wasm) {
			t.Errorf("Content-Encoding %q, %d bytes: want the raw wasm", res.Header.Get("Content-Encoding"), len(b))
		}
	}
	if got := f.logs.String(); got != logs {
		t.Errorf("serving logged again:\n%s", got)
	}

	// A stale copy (of an older wasm) is not served either.
	write(t, filepath.Join(f.web, "app.wasm.br"), "")
	var buf bytes.Buffer
	if err := compressions[0].compress(&buf, []byte("an older app.wasm")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(f.web, "app.wasm.br"), buf.String())
	logs2 := &logRecorder{}
	h, err := newHandler(options{webDir: f.web, logf: logs2.logf})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs2.String(), "app.wasm.br is not app.wasm compressed") {
		t.Errorf("stale .br not reported: %s", logs2)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	h.ServeHTTP(rec, req)
	if enc := rec.Header().Get("Content-Encoding"); enc != "" || !bytes.Equal(rec.Body.Bytes(), f.wasm) {
		t.Errorf("stale .br served (Content-Encoding %q)", enc)
	}
}

func TestMissingWasm(t *testing.T) {
	dir := t.TempDir()
	_, err := newHandler(options{webDir: dir})
	if err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("newHandler without app.wasm: %v", err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"-web", dir, "-addr", "127.0.0.1:0"}, &stderr); code != 1 || !strings.Contains(stderr.String(), "app.wasm does not exist") {
		t.Errorf("run: exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"-web", dir, "-precompress"}, &stderr); code != 1 || !strings.Contains(stderr.String(), "does not exist") {
		t.Errorf("run -precompress: exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"-bogus"}, &stderr); code != 2 {
		t.Errorf("run -bogus: exit %d", code)
	}
}

func TestPrecompressSkipsUpToDate(t *testing.T) {
	f := newFixture(t, true)
	wasmPath := filepath.Join(f.web, "app.wasm")
	results, err := precompress(f.web)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if !r.skipped {
			t.Errorf("%s rewritten though newer than app.wasm", r.path)
		}
	}

	// Only the copy older than the wasm is rewritten.
	now := time.Now()
	if err := os.Chtimes(wasmPath, now, now); err != nil {
		t.Fatal(err)
	}
	old := now.Add(-time.Hour)
	if err := os.Chtimes(wasmPath+".br", old, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(wasmPath+".gz", now.Add(time.Second), now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"-web", f.web, "-precompress"}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "app.wasm.gz: up to date") || strings.Contains(stderr.String(), "app.wasm.br: up to date") {
		t.Errorf("want .br rewritten and .gz skipped:\n%s", stderr.String())
	}
	st, err := os.Stat(wasmPath + ".br")
	if err != nil || !st.ModTime().After(now) {
		t.Errorf(".br not rewritten: %v", err)
	}
	entries, _ := os.ReadDir(f.web)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestListenAndServe runs the real server and stops it as a signal would.
func TestListenAndServe(t *testing.T) {
	f := newFixture(t, true)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := newSyncLogger(&logs, &mu)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- listenAndServe(ctx, ln, f.handler, logger, "web") }()

	url := "http://" + ln.Addr().String()
	res, err := http.Get(url + "/web/chanlab.css")
	if err != nil {
		t.Fatal(err)
	}
	body(t, res)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("status %d", res.StatusCode)
	}
	http.DefaultClient.CloseIdleConnections()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("listenAndServe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown")
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), url+"/") {
		t.Errorf("the log does not show the URL %s:\n%s", url, logs.String())
	}
}

type syncWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (s syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func newSyncLogger(w io.Writer, mu *sync.Mutex) *log.Logger {
	return log.New(syncWriter{mu, w}, "", 0)
}

func TestDisplayURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080/",
		"0.0.0.0:80":     "http://localhost:80/",
		"[::]:8080":      "http://localhost:8080/",
		"[::1]:8080":     "http://[::1]:8080/",
	} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := displayURL(a); got != want {
			t.Errorf("displayURL(%s) = %s, want %s", addr, got, want)
		}
	}
}
