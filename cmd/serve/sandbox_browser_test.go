//go:build browser

package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// frame is a chanlab embed that Chromium runs in a process of its own (an
// iframe from another site, or a sandboxed one), or a tab it opened: the
// page's target does not see its console, so the test attaches to it. Chromium keeps a target's
// console messages and replays them when the test attaches, so errors from
// before the attach are seen too.
type frame struct {
	t   testing.TB
	ctx context.Context

	mu     sync.Mutex
	errors []string // console errors, exceptions and error log entries
}

// attachFrame waits for the iframe target whose URL starts with prefix and
// attaches to it.
func (b *browser) attachFrame(prefix string) *frame {
	b.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		infos, err := chromedp.Targets(b.ctx)
		if err != nil {
			b.t.Fatalf("listing targets: %v", err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, prefix) {
				return b.attach(info.TargetID)
			}
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("no frame target at %s…", prefix)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *browser) attach(id target.ID) *frame {
	b.t.Helper()
	f := &frame{t: b.t}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(id), chromedp.WithListener(f.listen), chromedp.WithDetachOnCancel())
	b.t.Cleanup(cancel)
	f.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("attaching to %s: %v", id, err)
	}
	return f
}

func (f *frame) listen(ev any) {
	if msg, ok := pageError(ev); ok {
		f.mu.Lock()
		f.errors = append(f.errors, msg)
		f.mu.Unlock()
	}
}

// frameEval evaluates a JavaScript expression in the frame.
func frameEval[T any](f *frame, js string) T {
	f.t.Helper()
	v, err := chromedp.Run(f.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		f.t.Fatalf("evaluating %s in the frame: %v", js, err)
	}
	return v
}

// checkClean fails on any console error in the frame.
func (f *frame) checkClean() {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range f.errors {
		f.t.Errorf("embed error: %s", e)
	}
}

// courseServer serves the sample course page from localhost: another site
// than chanlab's 127.0.0.1.
func courseServer(t *testing.T) string {
	course := httptest.NewUnstartedServer(http.FileServer(http.Dir("../../web/examples")))
	l, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	course.Listener = l
	course.Start()
	t.Cleanup(course.Close)
	return "http://localhost:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// waitFor polls a condition in the page for up to 30 s.
func waitFor(b *browser, what, js string) {
	b.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !eval[bool](b, js) {
		if time.Now().After(deadline) {
			b.t.Fatalf("waited 30 s for %s (%s); the page says %q", what, js, eval[string](b, `document.body.innerText.slice(0, 400)`))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestBrowserSandboxedEmbed drives the sample course page, whose frames
// are sandboxed as the embed snippet says, sandbox="allow-scripts
// allow-popups": no allow-same-origin, so the embed has an opaque origin,
// no storage and no service worker, and every request it makes is
// cross-origin. Its parent is on another site (localhost, chanlab on
// 127.0.0.1) and on the same site. The embed loads, tells its height, takes
// knobs, runs, stops, and reports timings, with nothing on its console;
// "Open in chanlab" opens a working chanlab, sandboxed too, where Copy
// link works; and a run of processes (Web Workers that the run worker
// starts) works in such a frame.
func TestBrowserSandboxedEmbed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		parent func(t *testing.T, b *browser) string
	}{
		{"cross-site", func(t *testing.T, b *browser) string {
			return courseServer(t) + "/course.html?chanlab=" + b.base.String()
		}},
		{"same-site", func(t *testing.T, b *browser) string { return b.base.String() + "/web/examples/course.html" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t)
			b.do(chromedp.Navigate(tc.parent(t, b)))
			if got := eval[string](b, `document.getElementById("prodcons").getAttribute("sandbox")`); got != "allow-scripts allow-popups" {
				t.Fatalf("the embed's sandbox is %q", got)
			}
			f := b.attachFrame(b.base.String() + "/embed/prodcons")
			deadline := time.Now().Add(30 * time.Second)
			for b.text("#said") != "chanlab is ready." {
				if time.Now().After(deadline) {
					f.checkClean() // why, most likely
					t.Fatalf("the embed never said it was ready: the page says %q", b.text("#said"))
				}
				time.Sleep(100 * time.Millisecond)
			}
			if got := frameEval[string](f, `self.origin`); got != "null" {
				t.Errorf("the embed's origin is %q, want the opaque null", got)
			}
			if !frameEval[bool](f, `document.querySelector('.shell[data-live="true"]') !== null`) {
				t.Fatal("the embed's Go program is not running")
			}

			// The embed sized its frame to its content.
			waitFor(b, "the embed's height", `document.getElementById("prodcons").style.height !== ""`)
			framed := eval[float64](b, `parseFloat(document.getElementById("prodcons").style.height)`)
			content := frameEval[float64](f, `Math.ceil(document.documentElement.getBoundingClientRect().height)`)
			if framed < 320 || framed != min(content, 3000) {
				t.Errorf("the frame is %v px high, its content %v px", framed, content)
			}
			// The frame's referrer policy tells the embed its parent's
			// origin, which a browser without location.ancestorOrigins
			// (Firefox) has no other way to know, though the course page's
			// own policy sends no referrer.
			if got, want := frameEval[string](f, `document.referrer`), eval[string](b, `location.origin + "/"`); got != want {
				t.Errorf("the embed's referrer is %q, want the course page's origin %q", got, want)
			}

			// The embed knows its parent's origin, opaque as it is itself,
			// and hears only its parent: a run command from another
			// window of the parent's origin is ignored. (The other
			// window's script is an eval, which chanlab's CSP forbids
			// where chanlab serves the course page.)
			if got, want := frameEval[string](f, `location.ancestorOrigins[0]`), eval[string](b, `location.origin`); got != want {
				t.Errorf("the embed sees its parent's origin as %q, want %q", got, want)
			}
			if tc.name == "cross-site" {
				eval[bool](b, `(() => {
				const other = document.createElement("iframe");
				document.body.appendChild(other);
				other.contentWindow.eval('parent.document.getElementById("prodcons").contentWindow.postMessage({type: "chanlab:run"}, "*")');
				return true;
			})()`)
				time.Sleep(1500 * time.Millisecond)
				if got := b.text("#said"); got != "chanlab is ready." {
					t.Errorf("after a run command from a window that is not its parent, the page says %q", got)
				}
			}

			// The page's buttons set the queue's size and run: 1, to
			// its end; 10, stopped at once; 10 again, to its end. The
			// knobs the embed reports omit defaults (buffer=10).
			b.do(chromedp.Click(chromedp.ID("run-1")))
			waitFor(b, "the first run's row", `document.querySelectorAll("#runs tbody tr").length === 1`)
			b.do(chromedp.Click(chromedp.ID("run-10")))
			waitFor(b, "the second run's start", `document.getElementById("said").textContent.startsWith("Running with")`)
			// Stopped once under way, as a learner would (a Stop while
			// the worker is still starting can outlast the 500 ms grace
			// on a loaded machine; TestBrowserStop measures Stop).
			for deadline := time.Now().Add(30 * time.Second); !frameEval[bool](f, `document.querySelector("#log li") !== null`); time.Sleep(50 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the second run logged nothing")
				}
			}
			b.do(chromedp.Click(chromedp.ID("stop")))
			waitFor(b, "the second run's row", `document.querySelectorAll("#runs tbody tr").length === 2`)
			if got := b.text("#said"); !strings.HasPrefix(got, "Stopped after") {
				t.Errorf("after Stop the page says %q, want Stopped after…", got)
			}
			b.do(chromedp.Click(chromedp.ID("run-10")))
			waitFor(b, "the third run's row", `document.querySelectorAll("#runs tbody tr").length === 3`)
			if got := b.text("#said"); !strings.HasPrefix(got, "Finished in") {
				t.Errorf("after the third run the page says %q, want Finished in…", got)
			}
			rows := eval[[][]string](b, `[...document.querySelectorAll("#runs tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent))`)
			t.Logf("runs (queue, elapsed ms, consumed, wait p50 ms, p95 ms, full ms): %v", rows)
			for i, want := range []string{"1", "10", "10"} {
				if rows[i][0] != want {
					t.Errorf("run %d had a queue of %s, want %s", i+1, rows[i][0], want)
				}
			}
			for i, r := range rows {
				elapsed, err := strconv.ParseFloat(r[1], 64)
				if err != nil || elapsed <= 0 {
					t.Errorf("run %d: elapsed %s ms", i+1, r[1])
				}
				if i == 1 {
					// Stopped: what it consumed depends on when.
					if elapsed >= 1900 {
						t.Errorf("the stopped run lasted %v ms of its 2 s", elapsed)
					}
				} else if n, err := strconv.Atoi(r[2]); err != nil || n <= 0 {
					t.Errorf("run %d consumed %s", i+1, r[2])
				}
			}

			// Storage is memory that lasts as long as the page.
			if got := frameEval[string](f, `(() => { localStorage.setItem("k", "v"); sessionStorage.setItem("k", "w"); return localStorage.getItem("k") + sessionStorage.getItem("k") + Object.keys(localStorage).join(); })()`); got != "vwk" {
				t.Errorf("the embed's storage gave %q", got)
			}

			b.do(chromedp.ScrollIntoView(chromedp.ID("runs")))
			b.screenshot("sandboxed-embed-" + tc.name)
			// A full-page capture paints a frame of another process only
			// where the window was: the embed's panels, in the window.
			eval[bool](b, `(() => { scrollTo(0, document.getElementById("prodcons").offsetTop + 300); return true; })()`)
			png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			saveScreenshot(t, "sandboxed-embed-"+tc.name+"-panels", png)

			// Open in chanlab: a new tab with chanlab's page, sandboxed
			// like its opener (allow-popups without
			// allow-popups-to-escape-sandbox), and working.
			opened := chromedp.WaitNewTarget(b.ctx, func(info *target.Info) bool {
				return info.Type == "page" && strings.HasPrefix(info.URL, b.base.String()+"/prodcons?")
			})
			frameEval[bool](f, `(() => { document.getElementById("open-in-chanlab").click(); return true; })()`)
			var tab *frame
			select {
			case id := <-opened:
				tab = b.attach(id)
			case <-time.After(10 * time.Second):
				t.Fatal("Open in chanlab opened no tab")
			}
			deadline = time.Now().Add(30 * time.Second)
			for !frameEval[bool](tab, `document.querySelector('.shell[data-live="true"]') !== null`) {
				if time.Now().After(deadline) {
					tab.checkClean()
					t.Fatal("the page Open in chanlab opened never went live")
				}
				time.Sleep(100 * time.Millisecond)
			}
			if tc.name == "cross-site" {
				png, err := chromedp.Run(tab.ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				saveScreenshot(t, "sandboxed-open-in-chanlab", png)
			}
			if got := frameEval[string](tab, `self.origin`); got != "null" {
				t.Errorf("the tab Open in chanlab opened has the origin %q: it escaped the sandbox", got)
			}
			if got, want := frameEval[string](tab, `document.getElementById("knob-buffer").value`), frameEval[string](f, `document.getElementById("knob-buffer").value`); got != want {
				t.Errorf("the tab Open in chanlab opened has buffer %q, the embed %q", got, want)
			}

			// Copy link, in the sandboxed tab: the clipboard takes it.
			if _, err := chromedp.Run(tab.ctx, chromedp.Click(chromedp.ID("copy-link"))); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(tab.ctx, chromedp.WaitVisible(chromedp.CSS(`#share-said:not(:empty)`))); err != nil {
				t.Fatal(err)
			}
			if got := frameEval[string](tab, `document.getElementById("share-said").textContent`); got != "Link copied." {
				t.Errorf("Copy link in the sandboxed tab: %q", got)
			}
			link := frameEval[string](tab, `document.getElementById("share-link").value`)
			if _, err := chromedp.Call(b.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
				Permission: &cdpbrowser.PermissionDescriptor{Name: "clipboard-read"},
				Setting:    cdpbrowser.PermissionSettingGranted,
				Origin:     eval[string](b, `location.origin`),
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(b.ctx, page.BringToFront, cdp.Empty{}); err != nil {
				t.Fatal(err)
			}
			if got := eval[string](b, `navigator.clipboard.readText()`); got != link {
				t.Errorf("after Copy link in the sandboxed tab the clipboard holds %q, want %q", got, link)
			}
			if tc.name == "cross-site" {
				// Processes: the run worker starts a Web Worker per
				// process from its own script, the blob a page with an
				// opaque origin starts it from.
				type finished struct {
					Outcome string            `json:"outcome"`
					Status  string            `json:"status"`
					Metrics map[string]string `json:"metrics"`
				}
				got := eval[finished](b, `new Promise((resolve) => {
					const f = document.createElement("iframe");
					f.setAttribute("sandbox", "allow-scripts");
					f.src = "`+b.base.String()+`/embed/processes?workers=2&n=20000000&mode=compare&transport=pipe";
					addEventListener("message", (e) => {
						if (e.source !== f.contentWindow) return;
						if (e.data.type === "chanlab:ready") f.contentWindow.postMessage({type: "chanlab:run"}, "*");
						if (e.data.type === "chanlab:finished") resolve(e.data);
					});
					document.body.append(f);
				})`)
				if got.Outcome != "done" || got.Metrics["goroutines-total"] != "40000000" || got.Metrics["processes-total"] != "40000000" {
					t.Errorf("processes in a sandboxed embed: %s %q, totals %s (goroutines) and %s (processes), want 2 × 20000000",
						got.Outcome, got.Status, got.Metrics["goroutines-total"], got.Metrics["processes-total"])
				}
				procs := b.attachFrame(b.base.String() + "/embed/processes")
				procs.checkClean()
			}

			f.checkClean()
			tab.checkClean()
			b.mu.Lock()
			defer b.mu.Unlock()
			for _, e := range b.errors {
				t.Errorf("course page error: %s", e)
			}
		})
	}
}
