//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/app"
)

// wasmExecJS is the Go toolchain's own loader, $(go env GOROOT)/lib/wasm/
// wasm_exec.js, copied here: go-app v9.8.0 serves a Go 1.21-era copy, and the
// loader must match the toolchain that built app.wasm. TestWasmExecIsCurrent
// fails when the toolchain's file changes; copy it again then.
//
//go:embed wasm_exec.js
var wasmExecJS []byte

const (
	// wasmLengthHeader carries app.wasm's uncompressed size: go-app's loader
	// reads it (Handler.WasmContentLengthHeader) for its progress bar, since
	// the browser counts decompressed bytes and Content-Length counts
	// compressed ones.
	wasmLengthHeader = "X-Wasm-Content-Length"

	// Write deadlines, set per request (the server's WriteTimeout is 0): a
	// minute covers a page or a small file; the wasm, 8 MB raw for a client
	// that accepts no compression, gets ten.
	writeDeadline     = time.Minute
	wasmWriteDeadline = 10 * time.Minute
)

// robotsTxt is served at /robots.txt when web/robots.txt does not exist.
const robotsTxt = "User-agent: *\nAllow: /\n"

type options struct {
	webDir         string // the static directory: app.wasm, css, icons
	frameAncestors string // CSP frame-ancestors sources; "" means "*"
	// base is the path chanlab's pages and files are served under: "" at
	// the host's root, "/chanlab" under a sub-path (see base.go). Only the
	// static export sets it: this server serves at its root.
	base string
	// logf logs what an operator should know (a missing .br); log.Printf
	// when nil.
	logf func(format string, args ...any)
}

// server is chanlab's whole HTTP handler. It serves the wasm, the loader and
// the static files itself, and hands the rest (pages, app.js, the manifest,
// the service worker) to go-app, adding security headers to everything.
type server struct {
	webDir   string
	csp      string
	wasm     *wasmFile // app.wasm: the UI
	runner   *wasmFile // runner.wasm: the run worker; nil if not built
	execETag string
	proxied  map[string]string // go-app's ProxyResources: path → /web/ path
	goapp    *goapp.Handler
}

// newHandler loads web/app.wasm (and its .br and .gz copies) into memory,
// derives the deploy's version, and returns the handler for every path.
// app.Routes must have been called: go-app pre-renders the routes.
func newHandler(o options) (http.Handler, error) {
	if o.logf == nil {
		o.logf = log.Printf
	}
	if o.frameAncestors == "" {
		o.frameAncestors = "*"
	}
	if err := checkSources(o.frameAncestors); err != nil {
		return nil, fmt.Errorf("-frame-ancestors: %w", err)
	}
	if st, err := os.Stat(o.webDir); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no web directory %s: run from the repository root, or pass -web", o.webDir)
	} else if err != nil {
		return nil, fmt.Errorf("the web directory: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("the web directory %s is not a directory", o.webDir)
	}
	w, err := loadWasm(o.webDir, "app.wasm", o.logf)
	if err != nil {
		return nil, err
	}
	// Without the run worker the page still loads, and says that runs
	// cannot start.
	rw, err := loadWasm(o.webDir, "runner.wasm", o.logf)
	if err != nil {
		o.logf("serve: %v; patterns cannot run", err)
		rw = nil
	}

	h := app.Handler(w.version)
	// go-app puts the base before /web/ paths only: the pages the worker
	// caches are under it too.
	for i, r := range h.CacheableResources {
		if !isWebPath(r) {
			h.CacheableResources[i] = o.base + r
		}
	}
	// The version covers every file the service worker caches, not only
	// app.wasm (see offlineFiles).
	h.Version = offlineFiles(h, o.webDir, w, rw, o.logf)
	h.WasmContentLengthHeader = wasmLengthHeader
	if h.Resources == nil {
		// go-app's default, LocalDir(""), is a file server on ./web,
		// relative to the working directory and with directory listings.
		// This server answers every /web/ path itself, so go-app only
		// needs the paths.
		h.Resources = pathsOnly{base: o.base}
	}

	s := &server{
		webDir:   o.webDir,
		csp:      contentSecurityPolicy(o.frameAncestors),
		wasm:     w,
		runner:   rw,
		execETag: etagOf(wasmExecJS),
		proxied:  map[string]string{"/robots.txt": "/web/robots.txt", "/sitemap.xml": "/web/sitemap.xml", "/ads.txt": "/web/ads.txt"},
		goapp:    h,
	}
	for _, r := range h.ProxyResources {
		if strings.HasPrefix(r.Path, "/") && strings.HasPrefix(r.ResourcePath, "/web/") {
			s.proxied[r.Path] = r.ResourcePath
		}
	}
	return s, nil
}

// contentSecurityPolicy allows the page's own origin and nothing else, plus
// the two things go-app's page needs beyond that.
func contentSecurityPolicy(frameAncestors string) string {
	return strings.Join([]string{
		// Anything not listed below (fonts, media, frames): this origin.
		"default-src 'self'",
		// wasm_exec.js and app.js are files (go-app renders no inline
		// script and no on* attributes); compiling app.wasm needs
		// 'wasm-unsafe-eval', which allows WebAssembly but not JS eval.
		"script-src 'self' 'wasm-unsafe-eval'",
		// go-app's Style() renders style="…" attributes and sets them
		// with setAttribute (the queue chart's fill bar), which CSP counts
		// as inline style. style-src-elem keeps <style> elements and
		// stylesheets to this origin in browsers that know it; the others
		// fall back to style-src.
		"style-src 'self' 'unsafe-inline'",
		"style-src-elem 'self'",
		// The icons are files under /web/; nothing uses data: images.
		"img-src 'self'",
		// fetch of app.wasm, and the service worker's pre-caching.
		"connect-src 'self'",
		// go-app registers /app-worker.js. The run worker starts from
		// a blob: URL in a page with an opaque origin (a frame
		// sandboxed without allow-same-origin), where a worker's URL
		// must be of the page's own origin, which no http URL is.
		"worker-src 'self' blob:",
		"manifest-src 'self'",
		// These three do not fall back to default-src.
		"form-action 'self'",
		"base-uri 'self'",
		"frame-ancestors " + withSelf(frameAncestors),
		"object-src 'none'",
	}, "; ")
}

// withSelf adds 'self' to a list of frame ancestors that does not allow
// every origin: a first visit's warm-up frames chanlab in itself
// (app/warmup.go). 'none' becomes 'self': no other site may frame it.
func withSelf(sources string) string {
	fields := strings.Fields(sources)
	for _, f := range fields {
		if f == "*" || strings.EqualFold(f, "'self'") {
			return sources
		}
	}
	if len(fields) == 1 && strings.EqualFold(fields[0], "'none'") {
		return "'self'"
	}
	return "'self' " + sources
}

// checkSources rejects a frame-ancestors value that could end the directive
// or the header.
func checkSources(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty; use '*', \"'self'\", \"'none'\" or a list of origins")
	}
	for _, c := range v {
		if c == ';' || c == ',' || c < 0x20 || c > 0x7e {
			return fmt.Errorf("%q: a source list cannot contain %q", v, c)
		}
	}
	return nil
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")

	p := r.URL.Path
	deadline := writeDeadline
	if isWasmPath(p) {
		deadline = wasmWriteDeadline
	}
	// Unsupported by httptest's recorder; harmless there.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(deadline))

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !safePath(r.URL) {
		http.NotFound(w, r)
		return
	}

	if isPublicAsset(p) {
		// A page framed with sandbox="allow-scripts" has the opaque
		// origin "null": its fetches of the wasm (go-app's loader, the
		// run worker's compile) and of these files are cross-origin.
		// They are public and never depend on cookies, so any origin
		// may read them; pages are left out.
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", wasmLengthHeader)
	}

	switch {
	case p == "/wasm_exec.js":
		s.serveWasmExec(w, r)
	case isWasmPath(p):
		s.serveWasm(w, r, s.wasm)
	case p == "/web/runner.wasm" && s.runner != nil:
		s.serveWasm(w, r, s.runner)
	case p == "/web" || strings.HasPrefix(p, "/web/"):
		s.serveStatic(w, r, strings.TrimPrefix(p, "/web"))
	case s.proxied[p] != "":
		// go-app would fetch these from this very server over HTTP.
		s.serveProxied(w, r, p)
	default:
		s.servePage(w, r)
	}
}

// go-app's pages forbid zooming in their viewport meta element, which
// people with low vision need (WCAG 1.4.4); go-app has no option for it.
var (
	noZoomViewport = []byte(`content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover"`)
	zoomViewport   = []byte(`content="width=device-width, initial-scale=1, viewport-fit=cover"`)
)

// servePage serves what go-app answers, with zoom allowed in its HTML pages.
// A path that is no page gets a plain 404, as any other missing file: the
// not-found page is for static hosts (404.html).
func (s *server) servePage(w http.ResponseWriter, r *http.Request) {
	code, body := s.goappResponse(w.Header(), r)
	if isHTML(w.Header()) && !app.IsPage(r.URL.Path) {
		w.Header().Del("ETag")
		http.NotFound(w, r)
		return
	}
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// goappResponse is go-app's whole answer to r, its headers written into
// header, with zoom allowed in HTML pages.
func (s *server) goappResponse(header http.Header, r *http.Request) (code int, body []byte) {
	buf := &bufferedResponse{header: header, code: http.StatusOK}
	s.goapp.ServeHTTP(buf, r)
	body = buf.body.Bytes()
	if isHTML(header) {
		body = bytes.Replace(body, noZoomViewport, zoomViewport, 1)
		header.Set("Content-Length", strconv.Itoa(len(body)))
	}
	return buf.code, body
}

func isHTML(h http.Header) bool { return strings.HasPrefix(h.Get("Content-Type"), "text/html") }

// bufferedResponse holds a response until it is complete.
type bufferedResponse struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(code int)        { b.code = code }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

// isPublicAsset reports the static files: the wasm, its loader, and
// everything under /web/.
func isPublicAsset(p string) bool {
	return p == "/wasm_exec.js" || isWasmPath(p) || strings.HasPrefix(p, "/web/")
}

// isWasmPath reports the app wasm's path and go-app's aliases for it.
func isWasmPath(p string) bool {
	return p == "/web/app.wasm" || p == "/app.wasm" || p == "/goapp.wasm"
}

// safePath rejects, anywhere in the path: a segment starting with a dot
// (".", "..", dotfiles), an encoded slash or backslash, a backslash, a NUL.
// Nothing chanlab serves has one, so these are answered 404 before any
// routing.
func safePath(u *url.URL) bool {
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	raw := strings.ToLower(u.RawPath)
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return false
	}
	for _, seg := range strings.Split(p[1:], "/") {
		if strings.HasPrefix(seg, ".") {
			return false
		}
	}
	return true
}

func (s *server) serveWasmExec(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", s.execETag)
	http.ServeContent(w, r, "wasm_exec.js", time.Time{}, bytes.NewReader(wasmExecJS))
}

func (s *server) serveWasm(w http.ResponseWriter, r *http.Request, f *wasmFile) {
	v := f.pick(r.Header.Get("Accept-Encoding"))
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	h.Set("ETag", v.etag)
	if f.notModified(r.Header.Get("If-None-Match")) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/wasm")
	h.Set(wasmLengthHeader, strconv.Itoa(len(f.raw)))
	if v.encoding != "" {
		h.Set("Content-Encoding", v.encoding)
	}
	// Written here rather than by http.ServeContent, which sends no
	// Content-Length with a Content-Encoding. Range requests get the whole
	// file, as HTTP allows.
	h.Set("Content-Length", strconv.Itoa(len(v.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(v.body)
	}
}

// serveStatic serves the regular file at rel (a path under /web, starting
// with "/"), opened inside the web directory so that nothing outside it can
// be reached, symbolic links included. Directories are 404: no listings.
func (s *server) serveStatic(w http.ResponseWriter, r *http.Request, rel string) {
	name := strings.TrimPrefix(rel, "/")
	if name == "" || !fs.ValidPath(name) || !filepath.IsLocal(filepath.FromSlash(name)) {
		http.NotFound(w, r)
		return
	}
	f, err := os.OpenInRoot(s.webDir, filepath.FromSlash(name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, path.Base(name), st.ModTime(), f)
}

// serveProxied serves /robots.txt and go-app's other proxied resources from
// the web directory; robots.txt falls back to allowing everything.
func (s *server) serveProxied(w http.ResponseWriter, r *http.Request, p string) {
	rel := strings.TrimPrefix(s.proxied[p], "/web")
	if f, err := os.OpenInRoot(s.webDir, filepath.FromSlash(strings.TrimPrefix(rel, "/"))); err == nil {
		f.Close()
		s.serveStatic(w, r, rel)
		return
	}
	if p != "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "robots.txt", time.Time{}, strings.NewReader(robotsTxt))
}

// pathsOnly is a go-app ResourceProvider that is not an http.Handler: it
// tells go-app where static files are, and go-app never serves them. With
// a base, go-app puts it before every path in its pages, app.js, the
// manifest and the service worker (whose scope it sets), and the browser
// app strips it before routing.
type pathsOnly struct{ base string }

func (p pathsOnly) Package() string { return p.base }
func (p pathsOnly) Static() string  { return p.base }
func (p pathsOnly) AppWASM() string { return p.base + "/web/app.wasm" }

// wasmFile is a wasm in memory with its compressed copies, so that what is
// served always matches the version computed at start, even if the files
// are rebuilt while the server runs.
type wasmFile struct {
	raw      []byte
	version  string
	variants []wasmVariant // best first: br, gzip, identity (always last)
}

type wasmVariant struct {
	encoding string // "br", "gzip" or "" for identity
	body     []byte
	etag     string
}

// loadWasm reads web/<name> and the .br and .gz copies that decompress to
// exactly its bytes; a missing or stale copy is logged and left out, and
// clients get the raw file instead.
func loadWasm(webDir, name string, logf func(string, ...any)) (*wasmFile, error) {
	wasmPath := filepath.Join(webDir, name)
	raw, err := os.ReadFile(wasmPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s does not exist: build it first with `make build`", wasmPath)
	}
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("%s is empty: rebuild it", wasmPath)
	}
	sum := sha256.Sum256(raw)
	wf := &wasmFile{raw: raw, version: hex.EncodeToString(sum[:])[:16]}

	for _, c := range compressions {
		p := wasmPath + c.ext
		body, err := os.ReadFile(p)
		if err != nil {
			logf("serve: %s: %v; serving %s uncompressed to %s clients (run serve -precompress)", p, errors.Unwrap(err), name, c.encoding)
			continue
		}
		if err := c.check(body, sum, len(raw)); err != nil {
			logf("serve: %s is not %s compressed (%v): stale? Ignoring it; run serve -precompress", p, name, err)
			continue
		}
		wf.variants = append(wf.variants, wasmVariant{encoding: c.encoding, body: body, etag: `"` + wf.version + "-" + c.encoding + `"`})
	}
	wf.variants = append(wf.variants, wasmVariant{body: raw, etag: `"` + wf.version + `"`})
	return wf, nil
}

// pick chooses the smallest variant the client accepts.
func (wf *wasmFile) pick(acceptEncoding string) wasmVariant {
	accepted := parseAcceptEncoding(acceptEncoding)
	for _, v := range wf.variants[:len(wf.variants)-1] {
		if accepted(v.encoding) {
			return v
		}
	}
	return wf.variants[len(wf.variants)-1]
}

// notModified reports whether If-None-Match names this version in any
// encoding (or is "*"): the client's copy is then the current wasm.
func (wf *wasmFile) notModified(inm string) bool {
	if inm == "" {
		return false
	}
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" {
			return true
		}
		for _, v := range wf.variants {
			if t == v.etag {
				return true
			}
		}
	}
	return false
}

// parseAcceptEncoding returns whether a content coding is acceptable: named
// or covered by "*" with a non-zero q.
func parseAcceptEncoding(header string) func(coding string) bool {
	q := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		name := strings.ToLower(strings.TrimSpace(fields[0]))
		if name == "" {
			continue
		}
		weight := 1.0
		for _, param := range fields[1:] {
			k, v, ok := strings.Cut(strings.TrimSpace(param), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					weight = f
				}
			}
		}
		if name == "x-gzip" {
			name = "gzip"
		}
		q[name] = weight
	}
	return func(coding string) bool {
		if w, ok := q[coding]; ok {
			return w > 0
		}
		w, ok := q["*"]
		return ok && w > 0
	}
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:])[:16] + `"`
}

// compression is one precompressed copy of app.wasm.
type compression struct {
	ext      string // ".br"
	encoding string // the Content-Encoding token
	compress func(dst io.Writer, src []byte) error
	reader   func(io.Reader) (io.Reader, error)
}

var compressions = []compression{
	{
		ext: ".br", encoding: "br",
		compress: func(dst io.Writer, src []byte) error {
			// A 4 MiB window (22): on chanlab's 8 MB wasm the maximum,
			// 24, saved nothing, took 15% longer and twice the memory.
			bw := brotli.NewWriterOptions(dst, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 22})
			if _, err := bw.Write(src); err != nil {
				return err
			}
			return bw.Close()
		},
		reader: func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	},
	{
		ext: ".gz", encoding: "gzip",
		compress: func(dst io.Writer, src []byte) error {
			zw, err := gzip.NewWriterLevel(dst, gzip.BestCompression)
			if err != nil {
				return err
			}
			if _, err := zw.Write(src); err != nil {
				return err
			}
			return zw.Close()
		},
		reader: func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	},
}

// check decompresses body, reading at most one byte more than the raw
// wasm, and compares it with the raw wasm's hash.
func (c compression) check(body []byte, want [sha256.Size]byte, size int) error {
	zr, err := c.reader(bytes.NewReader(body))
	if err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(zr, int64(size)+1)); err != nil {
		return err
	}
	if !bytes.Equal(h.Sum(nil), want[:]) {
		return errors.New("its content differs from app.wasm")
	}
	return nil
}
