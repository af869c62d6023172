//go:build browser

package main

import (
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// clickStopAndWait clicks Stop and returns how long the page took to show
// the run ended, measured in the page.
func (b *browser) clickStopAndWait() float64 {
	b.t.Helper()
	return eval[float64](b, `new Promise((resolve, reject) => {
		const status = document.getElementById("status");
		if (status.dataset.state !== "running") { reject(new Error("no run to stop: " + status.textContent)); return; }
		const t0 = performance.now();
		const obs = new MutationObserver(() => {
			if (status.dataset.state !== "running") { obs.disconnect(); resolve(performance.now() - t0); }
		});
		obs.observe(status, {attributes: true});
		document.getElementById("stop").click();
	})`)
}

// runToEnd runs the page's pattern and waits until the run has started and
// then ended in state, and the panels show its end; it returns the status
// text. (Waiting for the state alone would match the previous run's end.)
func (b *browser) runToEnd(state string) string {
	b.t.Helper()
	text := eval[string](b, `new Promise((resolve) => {
		const status = document.getElementById("status");
		let started = false;
		const obs = new MutationObserver(() => check());
		const check = () => {
			if (status.dataset.state === "running") {
				started = true;
			} else if (started && status.dataset.state === "`+state+`") {
				obs.disconnect();
				resolve(status.textContent);
			}
		};
		obs.observe(status, {attributes: true, childList: true, subtree: true, characterData: true});
		document.getElementById("run").click();
		check();
	})`)
	b.waitPanelsEnd()
	return text
}

// TestBrowserFailures drives the failures lesson: a run that ignores Stop
// (spinning, or stuck on plain channels) costs its worker within a second,
// a panic nobody recovers is reported with the runtime's own words, and
// after each the next run works on a fresh worker.
func TestBrowserFailures(t *testing.T) {
	for _, mode := range []string{"runaway", "stuck"} {
		t.Run(mode, func(t *testing.T) {
			b := newBrowser(t)
			// A short run first: Stop must reach a run the worker is
			// running, and a first visit's worker warms up before it
			// takes one (runner.WarmUp); a Stop while the run waits for
			// it stops a run that never started.
			b.open("/failures?mode=" + mode + "&limit=100ms")
			if got := b.runToEnd("done"); !strings.HasPrefix(got, "Finished") {
				t.Fatalf("the first run: %q, want Finished", got)
			}
			b.setKnob("limit", "20s")
			b.do(chromedp.Click(chromedp.ID("run")))
			b.do(chromedp.WaitVisible(chromedp.CSS(`#status[data-state="running"]`)))
			time.Sleep(300 * time.Millisecond)
			took := b.clickStopAndWait()
			status := b.text("#status")
			t.Logf("Stop of a %s run: %.0f ms: %s", mode, took, status)
			if took > 1000 {
				t.Errorf("the page recovered after %.0f ms, want within 1s", took)
			}
			if !strings.Contains(status, "did not stop within 500ms") || !strings.Contains(status, "terminated") {
				t.Errorf("status = %q, want the worker's termination explained", status)
			}
			// The runaway loop holds the worker's thread from its start,
			// so the panels are empty and the status says why; the stuck
			// goroutines block, and the worker sends what they did.
			if said := strings.Contains(status, "it sent nothing after it started"); said != (mode == "runaway") {
				t.Errorf("status = %q: says the worker sent nothing: %v, want %v", status, said, mode == "runaway")
			}
			// Nothing recorded, nothing to keep or export; otherwise the tools.
			shown, hidden := "#nothing-recorded", "#keep"
			if mode == "stuck" {
				shown, hidden = hidden, shown
			}
			b.do(chromedp.WaitVisible(chromedp.CSS(shown)))
			if eval[bool](b, `!!document.querySelector("`+hidden+`")`) {
				t.Errorf("%s shown beside %s", hidden, shown)
			}
			if mode == "stuck" {
				checkStuckShown(t, b)
			}
			b.screenshot("failures-" + mode)
			b.setKnob("limit", "100ms")
			if got := b.runToEnd("done"); !strings.HasPrefix(got, "Finished") {
				t.Errorf("the next run: %q, want Finished", got)
			}
			// The fresh worker got the module the page compiled at load:
			// nothing was fetched again.
			b.mu.Lock()
			fetches := 0
			for _, r := range b.requests {
				if strings.HasSuffix(r, "/web/runner.wasm") {
					fetches++
				}
			}
			b.mu.Unlock()
			if fetches != 1 {
				t.Errorf("runner.wasm fetched %d times for two workers, want once", fetches)
			}
			b.checkClean()
		})
	}
	t.Run("panic", func(t *testing.T) {
		b := newBrowser(t)
		b.open("/failures?mode=panic&limit=1s")
		status := b.runToEnd("failed")
		t.Logf("panic: %s", status)
		if !strings.Contains(status, "Go runtime stopped") || !strings.Contains(status, "panic: failures: a panic nobody recovers") {
			t.Errorf("status = %q, want the runtime's panic message", status)
		}
		if got := eval[string](b, `(document.getElementById("failure-detail") || {}).textContent || ""`); !strings.Contains(got, "goroutine") {
			t.Errorf("the runtime's report = %q, want its goroutine trace", got)
		}
		// The panels show the run up to its last batch before the panic:
		// the worker at its items, never done, since the panic ended it.
		if got := b.text("#log"); !strings.Contains(got, "item 1 done") {
			t.Errorf("the log does not show the worker's items before the panic:\n%s", got)
		}
		if got := eval[string](b, `(document.querySelector('[data-goroutine="worker"]') || {dataset: {}}).dataset.state || ""`); got == "" || got == "done" {
			t.Errorf("the worker's last state %q, want one before done: the panic ended it", got)
		}
		b.screenshot("failures-panic")
		b.setKnob("mode", "runaway")
		b.setKnob("limit", "50ms")
		if got := b.runToEnd("done"); !strings.HasPrefix(got, "Finished") {
			t.Errorf("the next run: %q, want Finished", got)
		}
		// The dead worker's last words went to the console as errors; the
		// page itself logged none.
		b.expectErrors(func(e string) bool {
			return strings.Contains(e, "runner.js") || strings.Contains(e, "wasm_exec.js")
		})
		b.checkClean()
	})
}

// checkStuckShown checks what the goroutines table says of a stuck run
// that Stop terminated: ping and pong wait on plain channels, so their rows
// say they wait, not that they run, and for about all of the run, since
// they started waiting in its first milliseconds.
func checkStuckShown(t *testing.T, b *browser) {
	t.Helper()
	b.waitPanelsEnd()
	rows := eval[[]string](b, `[...document.querySelectorAll(".goroutines tr[data-goroutine]")].map(r => r.dataset.goroutine + " " + r.dataset.state + ": " + r.querySelector(".badge").textContent)`)
	waited := eval[[]string](b, `[...document.querySelectorAll(".goroutines tr[data-goroutine] .g-since")].map(c => c.textContent)`)
	elapsed, err := time.ParseDuration(b.text(`[data-stat="elapsed"] .stat-value`))
	t.Logf("goroutines at the end: %q, waiting for %q of %v", rows, waited, elapsed)
	if err != nil {
		t.Fatalf("elapsed: %v", err)
	}
	if len(rows) != 2 || rows[0] != "ping waiting: waiting (a send on pong, not ctx)" || rows[1] != "pong waiting: waiting (a send on ping, not ctx)" {
		t.Errorf("goroutines = %q, want ping and pong shown waiting on a send", rows)
	}
	for i, w := range waited {
		d, err := time.ParseDuration(w)
		if err != nil || d < elapsed-200*time.Millisecond {
			t.Errorf("goroutine %d shown waiting for %q of the run's %v, want about all of it", i, w, elapsed)
		}
	}
}

// TestBrowserResponsiveWhileComputing runs a CPU-bound pattern (sixteen
// workers counting) for 10 s and checks that the page never blocks: its
// longest task stays under 50 ms and the panels keep updating.
//
// The run starts once the page's warm-up has finished, as for a learner who
// read the lesson first. A page that has not warmed up has its own code
// optimized by V8 during the run: its few renders a second make that
// several seconds in, on three compiler threads, while the run holds one
// of the machine's two cores, and the page's render then waited 53–74 ms
// for a CPU (3 runs in 4; none with --liftoff-only, none warmed). That is
// the cold start, which BenchmarkBrowserColdStart measures.
func TestBrowserResponsiveWhileComputing(t *testing.T) {
	b := newBrowser(t)
	// 16 × 10⁹ counts: over 15 s of computing at js/wasm's 1 count per ns.
	b.open("/processes?workers=16&n=1000000000&mode=goroutines")
	b.warmUpState(warmUpWithin, "done")
	eval[bool](b, `(() => {
		window.__long = 0; window.__tasks = [];
		new PerformanceObserver((l) => { for (const e of l.getEntries()) { window.__long = Math.max(window.__long, e.duration); window.__tasks.push(Math.round(e.startTime) + ":" + Math.round(e.duration)); } }).observe({type: "longtask"});
		return true;
	})()`)
	b.do(chromedp.Click(chromedp.ID("run")))
	b.do(chromedp.WaitVisible(chromedp.CSS(`#status[data-state="running"]`)))
	// Let the page settle after the run's start, then measure, noting
	// each time the elapsed time the page shows moves.
	time.Sleep(time.Second)
	eval[bool](b, `(() => {
		window.__long = 0; window.__tasks = []; window.__t0 = performance.now(); window.__moves = [];
		const stat = document.querySelector('[data-stat="elapsed"]');
		new MutationObserver(() => window.__moves.push(Math.round(performance.now() - window.__t0) + ":" + stat.querySelector(".stat-value").textContent)).observe(stat, {subtree: true, childList: true, characterData: true});
		return true;
	})()`)
	mem0 := eval[goMemory](b, `chanlabGoMemory()`)
	time.Sleep(10 * time.Second)
	longest := eval[float64](b, `window.__long`)
	mem := eval[goMemory](b, `chanlabGoMemory()`)
	moves := eval[[]string](b, `window.__moves`)
	// Each render allocates, and each garbage collection blocks the page
	// while it marks: a run without events should cost the page little.
	t.Logf("the page's Go heap in those 10 s: %.1f MB allocated, %d collections, %.1f MB live at the end",
		float64(mem.TotalAlloc-mem0.TotalAlloc)/1e6, mem.NumGC-mem0.NumGC, float64(mem.HeapAlloc)/1e6)
	t.Logf("long tasks (start:ms after measuring began): %s", eval[string](b, `window.__tasks.map(s => { const [a, d] = s.split(":"); return Math.round(a - window.__t0) + ":" + d; }).join(" ")`))
	took := b.clickStopAndWait()
	still := longestStill(moves, 10*time.Second)
	t.Logf("while computing: longest page task %.0f ms; the elapsed time moved %d times (ms:shown %v), standing still for at most %v; Stop took %.0f ms",
		longest, len(moves), moves, still, took)
	if longest >= 50 {
		t.Errorf("the page's longest task was %.0f ms while the run computed, want < 50 ms", longest)
	}
	// The clocks move once a second without events (quietEvery), plus a
	// frame and the browser's turns.
	if still > 1500*time.Millisecond {
		t.Errorf("the elapsed time stood still for %v: the panels stopped updating", still)
	}
	if got := b.text("#status"); !strings.HasPrefix(got, "Stopped") && !strings.Contains(got, "terminated") {
		t.Errorf("status = %q after Stop", got)
	}
	b.checkClean()
}

// longestStill is the longest time a shown value stood still in a window
// of the given length, from moves noted as "ms:value" since its start.
func longestStill(moves []string, window time.Duration) time.Duration {
	var still, last time.Duration
	for _, m := range moves {
		ms, _, _ := strings.Cut(m, ":")
		n, err := strconv.Atoi(ms)
		if err != nil {
			continue
		}
		at := time.Duration(n) * time.Millisecond
		still, last = max(still, at-last), at
	}
	return max(still, window-last)
}

// TestBrowserProcessesSpeedup runs the processes lesson's comparison: two
// workers counting as goroutines on the run worker's one thread, then as
// two processes, each a Web Worker with a thread of its own. There is
// enough counting (about 4s as goroutines) that starting the processes,
// about 170ms, matters little. Measured here: 1.56–1.89×, the rest of the
// two cores going to the page, the run worker and the browser. The test
// warms up, then wants 1.5× in one of up to four runs, and logs each.
//
// The cores of this machine are virtual and shared: in one CI run, three
// comparisons in a row measured 1.28, 1.40 and 0.97×, the goroutines as
// fast as ever (about 4s) and the processes half as fast as usual (3–4s
// against 2.1–2.4s), as when someone else holds one of the two cores. So
// after a run that falls short, the test measures what the host gives two
// goroutines of native Go (hostParallelism): a run is held against the
// page only when the host, just after it, ran native Go 1.7× faster on two
// cores than on one. On one core, or a host that never gave two, only the
// totals can be checked, and the test says so.
func TestBrowserProcessesSpeedup(t *testing.T) {
	b := newBrowser(t)
	// A short processes run first, as a benchmark warms up: the first
	// comparisons on a fresh page measured 1.19–1.36×, later ones 1.6–2.0×.
	b.open("/processes?workers=2&n=200000000&transport=queue&mode=processes")
	if got := b.runToEnd("done"); !strings.HasPrefix(got, "Finished") {
		t.Fatalf("warm-up run: %q", got)
	}
	b.setKnob("n", "2000000000")
	b.setKnob("mode", "compare")
	m := metrics{t: t, b: b}
	var best, host float64 // host: the best native speed-up seen after a short run
	for try := 1; try <= 4; try++ {
		if got := b.runToEnd("done"); !strings.HasPrefix(got, "Finished") {
			t.Fatalf("run %d: %q", try, got)
		}
		for _, k := range []string{"goroutines-total", "processes-total"} {
			if got := m.text(k); got != "4000000000" {
				t.Errorf("%s = %q, want 2 × 2000000000", k, got)
			}
		}
		cores, speedup := m.num("cores"), m.num("speedup")
		t.Logf("run %d: speed-up of 2 processes over 2 goroutines: %.2f× on %v cores (goroutines %s, processes %s)",
			try, speedup, cores, m.text("goroutines-elapsed"), m.text("processes-elapsed"))
		best = max(best, speedup)
		if cores < 2 || best >= 1.5 {
			break
		}
		p := hostParallelism()
		t.Logf("run %d fell short; just after it, native Go ran %.2f× faster on two goroutines than on one", try, p)
		host = max(host, p)
	}
	switch cores := m.num("cores"); {
	case cores < 2:
		t.Logf("%v core: only the totals can be checked", cores)
	case best >= 1.5:
	case host >= 1.7:
		t.Errorf("best speed-up %.2f× on %v cores, want ≥ 1.5× (the host gave native Go %.2f×)", best, cores, host)
	default:
		t.Logf("best speed-up %.2f× on %v cores, below 1.5×, but the host never gave native Go more than %.2f× on two goroutines: only the totals can be checked", best, cores, host)
	}
	b.screenshot("processes-compare")
	b.checkClean()
}

// hostParallelism measures how much faster the host runs the same native
// Go work on two goroutines than on one, about 100ms each way: near 2 when
// it has two cores free, near 1 when something else holds one.
func hostParallelism() float64 {
	const n = 50_000_000
	spin := func() uint64 { // xorshift: work the compiler cannot fold away
		x := uint64(88172645463325252)
		for range n {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
		}
		return x
	}
	timed := func(goroutines int) time.Duration {
		var wg sync.WaitGroup
		sums := make([]uint64, goroutines)
		start := time.Now()
		for i := range goroutines {
			wg.Go(func() { sums[i] = spin() })
		}
		wg.Wait()
		return time.Since(start)
	}
	one, two := timed(1), timed(2)
	return 2 * one.Seconds() / two.Seconds()
}

// TestBrowserRunnerFetchRetried checks that a run whose runner could not be
// fetched says so, and that the next run fetches it again: a network that
// dropped for a moment does not leave the page unable to run until a
// reload.
func TestBrowserRunnerFetchRetried(t *testing.T) {
	chromium(t)
	handler, err := newHandler(options{webDir: filepath.Join("..", "..", "web"), frameAncestors: "*"})
	if err != nil {
		t.Fatalf("the server cannot start: %v (run make build first)", err)
	}
	var down atomic.Bool
	down.Store(true)
	b := newBrowserOn(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() && strings.HasSuffix(r.URL.Path, "/runner.wasm") {
			http.Error(w, "down for a moment", http.StatusServiceUnavailable)
			return
		}
		handler.ServeHTTP(w, r)
	}))
	b.open("/prodcons?duration=300ms")
	b.do(chromedp.Click(chromedp.ID("run")))
	waitFor(b, "the run to fail", `document.getElementById("status").dataset.state === "failed"`)
	status := b.text("#status")
	t.Logf("runner.wasm unavailable: %s", status)
	if !strings.Contains(status, "runner did not start") || !strings.Contains(status, "HTTP status 503") {
		t.Errorf("status = %q, want that the runner did not start, with the HTTP status", status)
	}
	b.screenshot("runner-fetch-failed")

	down.Store(false)
	if status := b.runToEnd("done"); !strings.HasPrefix(status, "Finished") {
		t.Errorf("the next run, runner.wasm served again: %q, want Finished", status)
	}
	// The failed fetches are on the console, as the browser reports them.
	b.expectErrors(func(e string) bool { return strings.Contains(e, "503") || strings.Contains(e, "runner.wasm") })
	b.checkClean()
}
