//go:build browser

package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/debugger"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// deploys is the test server's handler: the deploy it serves can be
// swapped while the browser stays, and while it is offline every request
// that still reaches it is recorded and refused, so a test sees any
// request the browser's offline mode let through, the service worker's
// own included.
type deploys struct {
	mu      sync.Mutex
	current http.Handler
	offline bool
	leaked  []string
	workers []context.CancelFunc // DevTools sessions with service workers, kept offline
}

func (d *deploys) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	h, offline := d.current, d.offline
	if offline {
		d.leaked = append(d.leaked, r.URL.String())
	}
	d.mu.Unlock()
	if offline {
		http.Error(w, "the test is offline", http.StatusServiceUnavailable)
		return
	}
	h.ServeHTTP(w, r)
}

func (d *deploys) serve(h http.Handler) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.current = h
}

// deploy starts a server on webDir and returns it with its version.
func deploy(t *testing.T, webDir string) (http.Handler, string) {
	t.Helper()
	h, err := newHandler(options{webDir: webDir, frameAncestors: "*", logf: t.Logf})
	if err != nil {
		t.Fatalf("the server cannot start: %v (run make build first)", err)
	}
	return h, h.(*server).goapp.Version
}

// setOffline cuts the browser off the network, or restores it, through the
// DevTools protocol: every request fails, the service worker's too, and
// navigator.onLine follows (with its offline and online events).
func (b *browser) setOffline(d *deploys, offline bool) {
	b.t.Helper()
	d.mu.Lock()
	d.offline = offline
	d.mu.Unlock()
	rules := network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &offline,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}},
	}
	if _, err := chromedp.Call(b.ctx, network.EmulateNetworkConditionsByRule, rules); err != nil {
		b.t.Fatalf("network.emulateNetworkConditionsByRule: %v", err)
	}
	// The page's emulation does not reach its service worker, a target of
	// its own: emulate there too.
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		b.t.Fatalf("listing the browser's targets: %v", err)
	}
	// An emulation lasts as long as its session: detach when going back
	// online.
	for _, detach := range d.workers {
		detach()
	}
	d.workers = nil
	for _, ti := range targets {
		if !offline || ti.Type != "service_worker" {
			continue
		}
		swctx, detach := chromedp.NewContext(b.ctx, chromedp.WithTargetID(ti.TargetID))
		d.workers = append(d.workers, detach)
		if _, err := chromedp.Call(swctx, network.EmulateNetworkConditionsByRule, rules); err != nil {
			b.t.Fatalf("network.emulateNetworkConditionsByRule in the service worker %s: %v", ti.URL, err)
		}
	}
	if _, err := chromedp.Call(b.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: offline, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		b.t.Fatalf("network.overrideNetworkState: %v", err)
	}
}

// waitForWorker waits until the service worker controls the page: its
// install, which caches every file, is then complete.
func (b *browser) waitForWorker() {
	b.t.Helper()
	eval[bool](b, `new Promise((resolve) => {
		if (navigator.serviceWorker.controller) { resolve(true); return; }
		navigator.serviceWorker.addEventListener("controllerchange", () => resolve(true));
	})`)
}

// waitForRunner waits until the page has fetched the run worker's wasm,
// which it does as it starts: a reload in the middle would cut the fetch
// short (and, offline, log its failure).
func (b *browser) waitForRunner() {
	b.t.Helper()
	eval[bool](b, `new Promise((resolve) => {
		const done = () => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/web/runner.wasm") && e.responseEnd > 0);
		const poll = () => done() ? resolve(true) : setTimeout(poll, 50);
		poll();
	})`)
}

func (b *browser) runs(wantState string) {
	b.t.Helper()
	b.do(chromedp.Click(chromedp.ID("run")))
	b.waitEnded(wantState)
}

// TestBrowserOffline visits once, goes offline, and uses chanlab: a pattern
// page reloaded with knobs in its query, a run with real results, and
// another pattern's page whose run starts processes (Web Workers of the
// run worker's own).
func TestBrowserOffline(t *testing.T) {
	h, _ := deploy(t, filepath.Join("..", "..", "web"))
	d := &deploys{current: h}
	b := newBrowserOn(t, d)
	b.open("/prodcons?buffer=1&duration=300ms&pdelay=5ms&cdelay=20ms")
	b.waitForWorker()
	b.waitForRunner()

	b.setOffline(d, true)
	if online := eval[bool](b, `navigator.onLine`); online {
		t.Error("navigator.onLine is true after going offline")
	}
	b.do(chromedp.Reload())
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="true"]`)))
	if got := eval[string](b, `document.getElementById("knob-buffer").value`); got != "1" {
		t.Errorf("offline, the buffer knob reads %q, want 1 from the link", got)
	}
	b.runs("done")
	produced := b.text(`[data-metric="produced"] dd`)
	consumed := b.text(`[data-metric="consumed"] dd`)
	if produced != consumed || produced == "0" {
		t.Errorf("offline run: produced %s, consumed %s: want equal and non-zero", produced, consumed)
	}
	if peak := eval[string](b, `document.querySelector("figure.queue").dataset.peak`); peak != "1" {
		t.Errorf("offline run: queue peak %s, want 1 (buffer 1)", peak)
	}
	if n := eval[int](b, `document.querySelectorAll("#log li").length`); n == 0 {
		t.Error("offline run: no log lines")
	}
	b.screenshot("offline-prodcons")

	// Another page, never opened before, and a run in processes.
	b.do(chromedp.Navigate(b.base.String() + "/processes?workers=3&n=10000000&transport=pipe&mode=processes"))
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="true"]`)))
	if got := b.text("h1"); !strings.Contains(strings.ToLower(got), "process") {
		t.Errorf("offline /processes shows %q", got)
	}
	b.runs("done")
	if total := b.text(`[data-metric="processes-total"] dd`); total != "30000000" {
		t.Errorf("offline processes run: total %q, want 3 × 10000000", total)
	}
	b.screenshot("offline-processes")
	b.checkClean()

	// The service worker answered all that from its cache: nothing
	// reached the server, and what it has not cached cannot be fetched.
	if err := eval[string](b, `fetch("/web/never-cached.css").then((r) => "status " + r.status, (err) => "")`); err != "" {
		t.Errorf("offline, fetching an uncached file gave %s: the network is not offline", err)
	}
	d.mu.Lock()
	if len(d.leaked) > 0 {
		t.Errorf("offline, requests reached the server: %q", d.leaked)
	}
	d.mu.Unlock()
}

// TestBrowserNewDeploy serves one deploy, then a second: reloading offers
// the new version (the page goes on running the old one, whole), and
// Reload, pressed from the keyboard, brings it. Then a third deploy while
// the tab stays open and a run goes on: the page learns of it when the
// network comes back, offers it, and never reloads by itself.
func TestBrowserNewDeploy(t *testing.T) {
	web := filepath.Join("..", "..", "web")
	h1, v1 := deploy(t, web)
	h2, v2 := deploy(t, copyWeb(t, web, "2"))
	h3, v3 := deploy(t, copyWeb(t, web, "3"))
	if v1 == v2 || v2 == v3 {
		t.Fatalf("the deploys' versions %s, %s, %s are not all different", v1, v2, v3)
	}
	d := &deploys{current: h1}
	b := newBrowserOn(t, d)
	b.open("/prodcons?duration=300ms")
	b.waitForWorker()
	b.checkVersion(v1, "")
	if b.promptShown() {
		t.Error("a first visit offers a new version")
	}

	d.serve(h2)
	b.do(chromedp.Reload())
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="true"]`)))
	b.do(chromedp.WaitVisible(chromedp.ID("update-reload")))
	b.checkVersion(v1, "") // until the learner reloads
	if got := b.text("#update p"); got != "A new version of chanlab is ready." {
		t.Errorf("the prompt says %q", got)
	}
	if role := eval[string](b, `document.getElementById("update").getAttribute("role")`); role != "status" {
		t.Errorf("the prompt's role is %q, want status", role)
	}
	b.screenshot("update-prompt")

	// A plain reload keeps the old version (the page's worker stays), and
	// the prompt with it.
	b.do(chromedp.Reload())
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="true"]`)))
	b.do(chromedp.WaitVisible(chromedp.ID("update-reload")))
	b.checkVersion(v1, "")

	b.pressReload()
	b.checkVersion(v2, "2")
	if b.promptShown() {
		t.Error("the new version still offers a new version")
	}

	// The tab stays open; a run is going on when the third deploy comes.
	eval[bool](b, `(window.stayed = true)`)
	b.do(chromedp.Navigate(b.base.String() + "/prodcons?duration=4s&pdelay=20ms&cdelay=20ms"))
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="true"]`)))
	eval[bool](b, `(window.stayed = true)`)
	b.do(chromedp.Click(chromedp.ID("run")))
	b.do(chromedp.WaitVisible(chromedp.CSS(`#status[data-state="running"]`)))
	d.serve(h3)
	b.setOffline(d, true)
	b.setOffline(d, false) // the online event: the page checks for a new version
	b.do(chromedp.WaitVisible(chromedp.ID("update-reload")))
	if state := eval[string](b, `document.getElementById("status").dataset.state`); state != "running" {
		t.Errorf("the update was found after the run ended (%s): the test did not check a run in progress", state)
	}
	b.screenshot("update-prompt-during-run")
	b.waitEnded("done")
	if !eval[bool](b, `window.stayed === true`) {
		t.Error("the page reloaded by itself")
	}
	if produced := b.text(`[data-metric="produced"] dd`); produced == "0" {
		t.Error("the run in progress produced nothing")
	}
	b.checkVersion(v2, "2")
	b.pressReload()
	b.checkVersion(v3, "3")
	b.checkClean()
}

// copyWeb copies the web directory for another deploy, its stylesheet
// marked with mark: the new version of a file the service worker caches.
func copyWeb(t *testing.T, web, mark string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "web")
	err := filepath.WalkDir(web, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(web, path)
		to := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if !e.Type().IsRegular() {
			return nil
		}
		from, err := os.Open(path)
		if err != nil {
			return err
		}
		defer from.Close()
		out, err := os.Create(to)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, from); err != nil {
			out.Close()
			return err
		}
		if rel == "chanlab.css" {
			io.WriteString(out, "\n:root { --deploy: \""+mark+"\"; }\n")
		}
		return out.Close()
	})
	if err != nil {
		t.Fatalf("copying %s: %v", web, err)
	}
	return dst
}

// checkVersion checks the version of the app the page runs (go-app's
// GOAPP_VERSION, from app.js) and the stylesheet's deploy mark.
func (b *browser) checkVersion(version, mark string) {
	b.t.Helper()
	if got := eval[string](b, `goappGetenv("GOAPP_VERSION")`); got != version {
		b.t.Errorf("the page runs version %s, want %s", got, version)
	}
	got := eval[string](b, `getComputedStyle(document.documentElement).getPropertyValue("--deploy").trim()`)
	if want := `"` + mark + `"`; mark != "" && got != want || mark == "" && got != "" {
		b.t.Errorf("the stylesheet's deploy mark is %s, want %q", got, mark)
	}
}

func (b *browser) promptShown() bool {
	b.t.Helper()
	return eval[bool](b, `document.getElementById("update").childElementCount > 0`)
}

// pressReload presses the prompt's Reload from the keyboard and waits for
// the page it loads.
func (b *browser) pressReload() {
	b.t.Helper()
	eval[bool](b, `(window.beforeReload = true)`)
	for i := 0; !eval[bool](b, `document.activeElement === document.getElementById("update-reload")`); i++ {
		if i == 60 {
			b.t.Fatal("60 presses of Tab never reached the Reload button")
		}
		b.do(chromedp.KeyEvent(kb.Tab))
	}
	b.do(chromedp.KeyEvent(kb.Enter))
	// Generous: the new worker takes over (the page reloads anyway after
	// 10 s), then the page reloads and compiles app.wasm, on a machine
	// that may be busy; and short enough that the browser's own deadline
	// leaves time to say what the page was doing.
	const wait = 30 * time.Second
	deadline := time.Now().Add(wait)
	for {
		// Each look at the page is bounded: a page that never answers
		// (a navigation that does not commit) must not use up the
		// browser's deadline.
		look, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		reloaded, err := chromedp.Run(look, chromedp.Evaluate[bool](`window.beforeReload !== true && !!document.querySelector('.shell[data-live="true"]')`))
		cancel()
		if err == nil && reloaded {
			return
		}
		if time.Now().After(deadline) {
			var targets []string
			if ts, err := chromedp.Targets(b.ctx); err == nil {
				for _, t := range ts {
					desc := fmt.Sprintf("%s %s attached=%v", t.Type, t.URL, t.Attached)
					if t.Type == "service_worker" || t.Type == "worker" {
						// What the workers say, each in a context of its own.
						wctx, cancelW := chromedp.NewContext(b.ctx, chromedp.WithTargetID(t.TargetID))
						wctx, cancelT := context.WithTimeout(wctx, 5*time.Second)
						said, err := chromedp.Run(wctx, chromedp.Evaluate[string](`(self.registration ?
							Promise.all([clients.matchAll({includeUncontrolled: true, type: "all"})]).then(([cs]) => JSON.stringify({
								active: self.registration.active && self.registration.active.state,
								waiting: self.registration.waiting && self.registration.waiting.state,
								clients: cs.map((c) => c.url + " " + c.frameType + " " + (c.focused ? "focused" : ""))})) :
							Promise.resolve("alive"))`, chromedp.EvalAwaitPromise))
						desc += fmt.Sprintf(" says %s (%v)", said, err)
						cancelT()
						cancelW()
					}
					targets = append(targets, desc)
				}
			}
			look, cancel := context.WithTimeout(b.ctx, 5*time.Second)
			defer cancel()
			state, err := chromedp.Run(look, chromedp.Evaluate[string](`navigator.serviceWorker.getRegistration().then((r) => JSON.stringify({
				href: location.href, readyState: document.readyState, beforeReload: window.beforeReload === true,
				live: !!document.querySelector('.shell[data-live="true"]'),
				button: document.getElementById("update-reload") ? (document.getElementById("update-reload").disabled ? "pressed" : "not pressed") : "gone",
				active: r && r.active && r.active.state, waiting: r && r.waiting && r.waiting.state,
				installing: r && r.installing && r.installing.state,
				controlled: !!navigator.serviceWorker.controller}))`, chromedp.EvalAwaitPromise))
			stack := b.pausedStack()
			if png, err := chromedp.Run(look, chromedp.FullScreenshot(100)); err == nil {
				saveScreenshot(b.t, "new-deploy-no-reload", png)
			}
			b.t.Fatalf("Reload did not reload the page in %v: %s (reading the page: %v); the browser's targets: %q; the page's main thread, paused: %s; the renderers: %s; chromedp's target goroutines:\n%s", wait, state, err, targets, stack, rendererDump(), chromedpGoroutines())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pausedStack pauses the page's JavaScript, wherever it is (a page that
// runs forever answers no evaluation, but the debugger interrupts it), and
// returns where it was: the innermost call frames, or why it could not.
func (b *browser) pausedStack() string {
	paused := make(chan *debugger.EventPaused, 1)
	b.mu.Lock()
	b.onEvent = func(ev any) {
		if p, ok := ev.(*debugger.EventPaused); ok {
			select {
			case paused <- p:
			default:
			}
		}
	}
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, debugger.Enable, debugger.EnableParams{}); err != nil {
		return "Debugger.enable: " + err.Error()
	}
	if _, err := chromedp.Call(ctx, debugger.Pause, cdp.Empty{}); err != nil {
		return "Debugger.pause: " + err.Error()
	}
	select {
	case p := <-paused:
		var frames []string
		for _, f := range p.CallFrames[:min(16, len(p.CallFrames))] {
			frames = append(frames, fmt.Sprintf("%s:%d", cmp.Or(f.FunctionName, "(anonymous)"), f.Location.LineNumber))
		}
		return strings.Join(frames, " < ")
	case <-ctx.Done():
		return "it did not pause in 5 s: blocked outside JavaScript"
	}
}
