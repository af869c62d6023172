//go:build !wasm

package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"chanlab/app"
)

// The static export: chanlab as a folder of files that any static host
// serves (GitHub Pages, a course's web server, a file server), under the
// host's root or a base path. Each page is written twice, as <route>.html
// (which GitHub Pages, Netlify and Cloudflare Pages serve at <route>) and
// as <route>/index.html (which any file server serves at <route>/, after
// redirecting <route> there); 404.html is the not-found page, which boots
// the app too, so a host that serves it for every missing path still
// routes a deep link in the browser.

// staticOptions says what to export where.
type staticOptions struct {
	webDir         string // the built web directory: app.wasm, runner.wasm and their copies, css, icons
	out            string // the folder to write: it must not exist, or be empty
	base           string // the path the folder will be served under: "" or "/chanlab"
	frameAncestors string // CSP frame-ancestors, as for the server
	logf           func(format string, args ...any)
}

// exportedFile is one file the export wrote.
type exportedFile struct {
	path string // slash-separated, relative to the folder
	size int64
}

// headersFile is the name of the headers file that Netlify and Cloudflare
// Pages read at the root of the folder they publish.
const headersFile = "_headers"

// cleanBase checks a -base value and returns it as chanlab uses it: "" for
// the root ("" or "/"), else a path with a leading slash and none at the
// end ("/chanlab", "/courses/go/chanlab").
func cleanBase(b string) (string, error) {
	b = strings.TrimSpace(b)
	if b == "" || b == "/" {
		return "", nil
	}
	if !strings.HasPrefix(b, "/") {
		return "", fmt.Errorf("%q: a base path starts with / (\"/chanlab\")", b)
	}
	b = strings.TrimRight(b, "/")
	for seg := range strings.SplitSeq(b[1:], "/") {
		if seg == "" || seg == "." || seg == ".." || !baseSegment.MatchString(seg) {
			return "", fmt.Errorf("%q: each part of a base path is letters, digits, '-', '_', '.' or '~', not %q", b, seg)
		}
	}
	return b, nil
}

// baseSegment is a path segment that needs no escaping in a URL, a
// header file or a CSS-free HTML attribute.
var baseSegment = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

// exportStatic writes the static site into o.out and lists what it wrote.
func exportStatic(o staticOptions) ([]exportedFile, error) {
	base, err := cleanBase(o.base)
	if err != nil {
		return nil, fmt.Errorf("-base: %w", err)
	}
	if o.logf == nil {
		o.logf = func(string, ...any) {}
	}
	if err := emptyDir(o.out); err != nil {
		return nil, err
	}
	h, err := newHandler(options{webDir: o.webDir, frameAncestors: o.frameAncestors, base: base, logf: o.logf})
	if err != nil {
		return nil, err
	}
	s := h.(*server)
	x := &exporter{out: o.out, s: s}

	for _, route := range app.Pages() {
		page, err := x.page(route)
		if err != nil {
			return nil, err
		}
		if route == "/" {
			x.write("index.html", page)
			continue
		}
		name := strings.TrimPrefix(route, "/")
		x.write(name+".html", page)
		x.write(name+"/index.html", page)
	}
	// Any path that is no page renders the not-found page.
	notFound, err := x.page("/404")
	if err != nil {
		return nil, err
	}
	x.write("404.html", notFound)

	// go-app's files, made for this base and version.
	for _, p := range []string{"/app.js", "/app-worker.js", "/manifest.webmanifest", "/app.css"} {
		code, body := s.goappResponse(http.Header{}, httptest.NewRequest(http.MethodGet, p, nil))
		if code != http.StatusOK {
			return nil, fmt.Errorf("go-app answered %s with status %d", p, code)
		}
		x.write(p[1:], body)
	}
	x.write("wasm_exec.js", wasmExecJS)

	// The wasm files as the server holds them: the ones its version was
	// computed from, with the compressed copies that match them.
	for _, w := range []struct {
		name string
		f    *wasmFile
	}{{"app.wasm", s.wasm}, {"runner.wasm", s.runner}} {
		if w.f == nil {
			return nil, fmt.Errorf("%s is missing from %s: build it first (make build)", w.name, o.webDir)
		}
		for _, v := range w.f.variants {
			x.write("web/"+w.name+encodingExt(v.encoding), v.body)
		}
	}
	if err := x.copyWeb(o.webDir); err != nil {
		return nil, err
	}
	x.write(headersFile, []byte(headers(s, base)))
	// GitHub Pages runs Jekyll on a branch it publishes, unless this file
	// is there; Jekyll would leave out every file whose name starts with
	// "_" (the headers file) and gains nothing for chanlab.
	x.write(".nojekyll", nil)
	if x.err != nil {
		return nil, x.err
	}
	sort.Slice(x.files, func(i, j int) bool { return x.files[i].path < x.files[j].path })
	return x.files, nil
}

// emptyDir makes sure dir exists and holds nothing: the export never
// removes or overwrites what it did not write.
func emptyDir(dir string) error {
	if dir == "" {
		return errors.New("no output directory")
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty: remove it, or export into a new directory", dir)
	}
	return nil
}

func encodingExt(encoding string) string {
	for _, c := range compressions {
		if c.encoding == encoding {
			return c.ext
		}
	}
	return ""
}

// exporter writes files into the folder and keeps the first error.
type exporter struct {
	out   string
	s     *server
	files []exportedFile
	err   error
}

func (x *exporter) write(name string, body []byte) {
	if x.err != nil {
		return
	}
	p := filepath.Join(x.out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		x.err = err
		return
	}
	if err := os.WriteFile(p, body, 0o644); err != nil {
		x.err = err
		return
	}
	x.files = append(x.files, exportedFile{path: name, size: int64(len(body))})
}

// ogURL is go-app's og:url meta element. go-app fills it with the address
// the page was rendered at, which for an export is no address a visitor
// uses; a link preview falls back to the page's own address without it.
var ogURL = regexp.MustCompile(`<meta [^>]*property="og:url"[^>]*>\s*`)

// page renders the page at route as the server does, with no host: the
// links it pre-renders are paths on the visitor's host.
func (x *exporter) page(route string) ([]byte, error) {
	r := httptest.NewRequest(http.MethodGet, route, nil)
	r.Host = ""
	header := http.Header{}
	code, body := x.s.goappResponse(header, r)
	if code != http.StatusOK || !isHTML(header) {
		return nil, fmt.Errorf("rendering %s: status %d, %s", route, code, header.Get("Content-Type"))
	}
	return ogURL.ReplaceAll(body, nil), nil
}

// copyWeb copies the web directory's other files (css, icons, runner.js,
// the sample course page): regular files only, no dotfiles, and not the
// wasm files and their copies, which come from memory.
func (x *exporter) copyWeb(webDir string) error {
	root, err := os.OpenRoot(webDir)
	if err != nil {
		return err
	}
	defer root.Close()
	return fs.WalkDir(root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := path.Base(name)
		if name != "." && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || isWasmCopy(base) {
			return nil
		}
		f, err := root.Open(filepath.FromSlash(name))
		if err != nil {
			return err
		}
		defer f.Close()
		body, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		x.write("web/"+name, body)
		return x.err
	})
}

// isWasmCopy reports a wasm or a compressed copy of one.
func isWasmCopy(name string) bool {
	for _, c := range compressions {
		name = strings.TrimSuffix(name, c.ext)
	}
	return path.Ext(name) == ".wasm"
}

// headers is the _headers file: the headers the server sends with every
// response, for the hosts that read such a file (Netlify, Cloudflare
// Pages). Its paths include the base: it applies as it is when the folder
// is published at base; a host that publishes a parent folder at its root
// needs it moved there.
func headers(s *server, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# chanlab's response headers, as bin/serve sends them, for static hosts\n")
	fmt.Fprintf(&b, "# that read a _headers file (Netlify, Cloudflare Pages). Paths start with\n")
	fmt.Fprintf(&b, "# the base path the folder was exported for (%q).\n", base)
	fmt.Fprintf(&b, "%s/*\n", base)
	for _, kv := range [][2]string{
		{"Content-Security-Policy", s.csp},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
		// The files keep their names from version to version: a browser
		// asks whether its copy is current before using it.
		{"Cache-Control", "no-cache"},
	} {
		fmt.Fprintf(&b, "  %s: %s\n", kv[0], kv[1])
	}
	// The static files, to a sandboxed embed's opaque origin (see
	// isPublicAsset); pages are left out.
	for _, p := range []string{"/web/*", "/wasm_exec.js"} {
		fmt.Fprintf(&b, "%s%s\n  Access-Control-Allow-Origin: *\n  Access-Control-Expose-Headers: %s\n", base, p, wasmLengthHeader)
	}
	// A host that compresses on the fly sends no Content-Length; go-app's
	// loader reads the wasm's size from this header for its progress bar.
	fmt.Fprintf(&b, "%s/web/app.wasm\n  Content-Type: application/wasm\n  %s: %s\n", base, wasmLengthHeader, strconv.Itoa(len(s.wasm.raw)))
	fmt.Fprintf(&b, "%s/web/runner.wasm\n  Content-Type: application/wasm\n", base)
	return b.String()
}
