//go:build browser

package main

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// exportedSite is a static export that newBrowser serves, as a static host
// would, instead of running the server.
type exportedSite struct {
	dir  string
	base string // the path it was exported for and is served under
	// brotli: the host serves a wasm's .br copy to browsers that accept
	// it, as hosts that serve precompressed files do; a plain host, and
	// GitHub Pages, do not.
	brotli bool
}

// staticSite, when set, makes newBrowser serve it: TestBrowserStatic runs
// the main browser tests against the static export this way.
var staticSite *exportedSite

// host serves the site under its base with a plain http.FileServer, which
// answers a page's path by redirecting to the path with a slash and
// serving the directory's index.html. Like GitHub Pages or Netlify, it
// answers a missing file with 404.html and status 404. Every response gets
// the headers the export's _headers file gives its path, as Netlify or
// Cloudflare Pages would send them, which shows that they let the app work.
func (s *exportedSite) host(t testing.TB) http.Handler {
	b, err := os.ReadFile(filepath.Join(s.dir, headersFile))
	if err != nil {
		t.Fatal(err)
	}
	rules := parseHeadersFile(t, b)
	root := http.Dir(s.dir)
	files := http.FileServer(root)
	notFound, err := os.ReadFile(filepath.Join(s.dir, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean("/" + r.URL.Path)
		if s.brotli && strings.HasSuffix(name, ".wasm") && strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
			if f, err := root.Open(name + ".br"); err == nil {
				defer f.Close()
				st, err := f.Stat()
				if err != nil {
					t.Error(err)
					return
				}
				w.Header().Set("Content-Type", "application/wasm")
				w.Header().Set("Content-Encoding", "br")
				w.Header().Add("Vary", "Accept-Encoding")
				http.ServeContent(w, r, name, st.ModTime(), f)
				return
			}
		}
		if f, err := root.Open(name); err == nil {
			f.Close()
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(notFound)
	})
	stripped := http.StripPrefix(s.base, site)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headersFor(rules, r.URL.Path) {
			w.Header().Set(k, v)
		}
		stripped.ServeHTTP(w, r)
	})
}

// TestBrowserStatic exports chanlab for the sub-path /chanlab, serves the
// folder with a plain file server, and runs the main browser tests against
// it, then what only a static host does: pages at <route>/, and 404.html.
func TestBrowserStatic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	start := time.Now()
	files, err := exportStatic(staticOptions{webDir: filepath.Join("..", "..", "web"), out: dir, base: "/chanlab", frameAncestors: "*", logf: t.Logf})
	if err != nil {
		t.Fatalf("the export failed: %v (run make build first)", err)
	}
	t.Logf("exported %d files in %v", len(files), time.Since(start).Round(time.Millisecond))
	staticSite = &exportedSite{dir: dir, base: "/chanlab"}
	t.Cleanup(func() { staticSite = nil })

	for _, tc := range []struct {
		name string
		test func(*testing.T)
	}{
		{"Loads", TestBrowserLoads},
		{"RunBuffer1", TestBrowserRunBuffer1},
		{"Stop", TestBrowserStop},
		{"BadInput", TestBrowserBadInput},
		{"Share", TestBrowserShare},
		{"Embed", TestBrowserEmbed},
		{"CoursePage", TestBrowserCoursePage},
		{"ThemeFromSystem", TestBrowserThemeFromSystem},
		{"Navigation", testStaticNavigation},
		{"NotFound", testStaticNotFound},
		{"RunWhileLeftRunStops", testStaticRunWhileLeftRunStops},
	} {
		t.Run(tc.name, tc.test)
	}
	// A few lessons from the catalog: the processes start workers of their
	// own, from the run worker's script.
	b := newBrowser(t)
	for _, tc := range lessonCases {
		switch tc.name {
		case "queues", "processes-pipe", "deadlock":
			t.Run("Lesson/"+tc.name, func(t *testing.T) { tc.run(t, b) })
		}
	}
}

// testStaticNavigation moves around the static site as a learner does:
// the service worker's scope, the picker, the brand link, a page's path
// with a slash, and a shared link that the host redirects.
func testStaticNavigation(t *testing.T) {
	b := newBrowser(t)
	b.open("/")
	if got := b.text("h1"); !strings.Contains(got, "Producer/consumer") {
		t.Errorf("home: h1 = %q", got)
	}
	if got := eval[string](b, `navigator.serviceWorker.ready.then((r) => r.scope)`); got != b.base.String()+"/" {
		t.Errorf("the service worker's scope is %q, want %s/", got, b.base)
	}
	b.do(chromedp.SetValue(chromedp.ID("pattern"), "queues"))
	b.do(chromedp.WaitVisible(chromedp.CSS(`#knob-items`)))
	if got := eval[string](b, `location.pathname`); got != "/chanlab/queues" {
		t.Errorf("after picking queues the address is %q, want /chanlab/queues", got)
	}
	if got := b.text("h1"); !strings.Contains(got, "Queue semantics") {
		t.Errorf("queues: h1 = %q", got)
	}
	b.do(chromedp.Click(chromedp.CSS(".brand")))
	b.do(chromedp.WaitNotPresent(chromedp.CSS(`#knob-items`)))
	if got := eval[string](b, `location.pathname`); got != "/chanlab/" {
		t.Errorf("the brand leads to %q, want /chanlab/", got)
	}

	b.open("/counter/")
	if got := b.text("h1"); !strings.Contains(got, "Lost updates") {
		t.Errorf("/chanlab/counter/: h1 = %q", got)
	}
	// A shared link has no slash: the file server redirects it to the
	// directory, or the service worker, once it has cached the page,
	// answers it as it is; the knobs come along either way.
	b.open("/prodcons?buffer=7&duration=1s")
	if got := eval[string](b, `location.pathname + location.search`); got != "/chanlab/prodcons/?buffer=7&duration=1s" && got != "/chanlab/prodcons?buffer=7&duration=1s" {
		t.Errorf("the link led to %q", got)
	}
	if got := eval[string](b, `document.getElementById("knob-buffer").value`); got != "7" {
		t.Errorf("buffer = %q after the redirect, want 7", got)
	}
	b.setKnob("buffer", "2")
	if got := eval[string](b, `location.pathname`); got != "/chanlab/prodcons" {
		t.Errorf("after a knob change the address is %q, want the page's /chanlab/prodcons", got)
	}
	if got := b.runToEnd("done"); !strings.HasPrefix(got, "Finished") {
		t.Errorf("the run: %q", got)
	}
	b.screenshot("navigation")
	b.checkClean()
}

// testStaticNotFound opens a path with no page, which the host answers
// with 404.html: the app boots, says there is no such page, and leads to
// the patterns. A page the host cannot find (here one removed from the
// folder) still opens: 404.html boots the app, which routes it.
func testStaticNotFound(t *testing.T) {
	b := newBrowser(t)
	b.do(chromedp.Navigate(b.base.String() + "/no/such/page"))
	b.do(chromedp.WaitVisible(chromedp.ID("missing-path")))
	if got := b.text("#missing-path"); got != "/chanlab/no/such/page" {
		t.Errorf("the not-found page names %q", got)
	}
	if got := b.text("h1"); got != "No such page" {
		t.Errorf("h1 = %q", got)
	}
	if got := eval[string](b, `document.title`); !strings.Contains(got, "No such page") {
		t.Errorf("title = %q", got)
	}
	b.screenshot("not-found")
	b.do(chromedp.Click(chromedp.CSS(`a[href="/chanlab/fanout"]`)))
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="true"] #knob-downloaders`)))
	if got := eval[string](b, `location.pathname`); got != "/chanlab/fanout" {
		t.Errorf("the fanout link led to %q", got)
	}

	for _, name := range []string{"generators.html", "generators"} {
		if err := os.RemoveAll(filepath.Join(staticSite.dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	b.open("/generators?items=5")
	if got := b.text("h1"); !strings.Contains(got, "Generators") {
		t.Errorf("/chanlab/generators through 404.html: h1 = %q", got)
	}
	if got := eval[string](b, `document.getElementById("knob-items").value`); got != "5" {
		t.Errorf("items = %q, want 5 from the link", got)
	}
	b.screenshot("deep-link-through-404")

	// The host's 404 answers are the only errors the page saw.
	b.expectErrors(is404)
	b.checkClean()
}

// testStaticRunWhileLeftRunStops goes back mid-run from a pattern's page
// to the page not found it came from (on a static host, a mistyped link
// shows it), picks a pattern there and presses Run at once, while the left
// run, one that ignores Stop, is still given its stopGrace (500 ms) to
// stop. The new page's run must wait for the runner: given the same
// worker, it lost it when the left run had it terminated.
func testStaticRunWhileLeftRunStops(t *testing.T) {
	b := newBrowser(t)
	b.do(chromedp.Navigate(b.base.String() + "/nope"))
	// The app names the missing path once it runs: a click before that
	// lands on the loader that covers the page while the wasm loads.
	b.do(chromedp.WaitVisible(chromedp.ID("missing-path")))
	b.do(chromedp.Click(chromedp.CSS(`.not-found a[href="/chanlab/failures"]`)))
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="true"] #run`)))
	b.setKnob("mode", "runaway")
	b.do(chromedp.Click(chromedp.ID("run")))
	b.do(chromedp.WaitVisible(chromedp.CSS(`#status[data-state="running"]`)))
	time.Sleep(300 * time.Millisecond)
	// Back to the page not found, a pattern's link, Run: in one script,
	// as fast as the page allows, timed from Back.
	took := eval[float64](b, `new Promise((resolve, reject) => {
		const t0 = performance.now();
		const when = (ready, then) => {
			const tick = () => {
				const el = ready();
				if (el) { then(el); return; }
				if (performance.now() - t0 > 10000) { reject(new Error("not ready 10 s after Back")); return; }
				requestAnimationFrame(tick);
			};
			tick();
		};
		history.back();
		when(() => document.querySelector('.not-found a[href="/chanlab/prodcons"]'), (link) => {
			link.click();
			when(() => document.querySelector('.shell[data-live="true"]:not(.not-found) #run:not([disabled])'), (run) => {
				run.click();
				resolve(performance.now() - t0);
			});
		});
	})`)
	t.Logf("Run pressed on the new page %.0f ms after Back", took)
	if took >= 500 { // the page's stopGrace
		t.Errorf("Run came %.0f ms after Back, past the left run's stopGrace: the test checked nothing", took)
	}
	// A new page starts idle; its run ends done or failed.
	waitFor(b, "the new page's run to end", `["done", "failed"].includes(document.getElementById("status").dataset.state)`)
	if end := eval[string](b, `document.getElementById("status").dataset.state + ": " + document.getElementById("status").textContent`); !strings.HasPrefix(end, "done: Finished") {
		t.Fatalf("the new page's run: %q, want done: Finished…", end)
	}
	b.waitPanelsEnd()
	produced := b.text(`[data-metric="produced"] dd`)
	if consumed := b.text(`[data-metric="consumed"] dd`); produced != consumed || produced == "0" {
		t.Errorf("produced %s, consumed %s: want equal and non-zero", produced, consumed)
	}
	b.screenshot("run-while-left-run-stops")
	b.expectErrors(is404)
	b.checkClean()
}

// is404 tells the console's report of the host's 404 answer, for a page
// not found.
func is404(e string) bool { return strings.Contains(e, "404 (Not Found)") }
