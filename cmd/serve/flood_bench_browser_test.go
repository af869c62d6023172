//go:build browser

package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// The flood: the performance benchmark. While a pattern emits well
// over 100,000 events a second for 30 s, the page should keep its longest
// main-thread task ≤ 50 ms and its frame rate ≥ 50 fps, and its JS heap
// and wasm memory should stop growing after the first seconds. (The
// reference, measured in headless Chromium: updating 20k log lines
// directly blocks the page about 250 ms; batched once per frame the longest
// gap is 6–9 ms.)
//
// Environment, for quick or special runs:
//
//	CHANLAB_FLOOD_DURATION  the run's length (default 30s, the issue's)
//	CHANLAB_FLOOD_PATH      the page and knobs, without duration (default
//	                        floodPath)
//	CHANLAB_FLOOD_POINTER   move the mouse along the lanes during the flood,
//	                        a move per frame, as a learner reading them
//	CHANLAB_FLOOD_WEB       serve this web directory instead of web/, e.g.
//	                        one with an unstripped app.wasm for profiling
//	CHANLAB_FLOOD_PROFILE   BenchmarkBrowserProfileFlood's output file
//	                        (default bin/profiles/flood.cpuprofile)
//	CHANLAB_FLOOD_PROFILE_AT  how far into the flood it starts (default 2s;
//	                          0 profiles the cold start, Run pressed as
//	                          soon as the page is live, without a trace)
//	CHANLAB_FLOOD_PROFILE_FOR its length (default 5s)
//	CHANLAB_FLOOD_TRACE_END   trace the end of an 8 s flood (or of
//	                          CHANLAB_FLOOD_DURATION) instead
//	CHANLAB_FLOOD_TRACE_COLD  with PROFILE_AT=0: trace the cold start instead
//	                          of profiling it, and list its long tasks
//	CHANLAB_FLOOD_TRACE_START trace the first 1.5 s of a flood started as
//	                          BenchmarkBrowserFlood starts it instead
//	CHANLAB_TRACE_SECOND      with TRACE_START: trace a second flood in the
//	                          page instead of its first
//	CHANLAB_TRACE_NOWARM      with TRACE_START: as if the browser had warmed
//	                          this build before (no warm-up)
//	CHANLAB_TRACE_TASK_MS     list the traced tasks from this long (default 50)
//	CHANLAB_TRACE_OTHERS      with each task listed, what the other threads
//	                          did meanwhile; and V8's wasm compiling
//	CHANLAB_TRACE_MORE        more trace categories, space-separated, e.g.
//	                          "v8.wasm disabled-by-default-v8.wasm.detailed"
//	CHANLAB_FLOOD_SUMMARIZE   summarize this saved profile instead, without
//	                          a browser
const floodPath = "/prodcons?producers=4&consumers=4&buffer=10&pdelay=0ms&cdelay=0ms"

// floodProbe is installed in the page before any of its scripts run. It
// keeps the Go wasm instances' memories (wasm_exec.js's `go` is local to
// go-app's app.js, so the instantiate calls are wrapped), counts animation
// frames and their gaps, and records long tasks, from __flood.reset() on.
const floodProbe = `(() => {
	const mems = [];
	for (const name of ["instantiateStreaming", "instantiate"]) {
		const orig = WebAssembly[name];
		if (!orig) continue;
		WebAssembly[name] = function (...args) {
			return orig.apply(this, args).then((r) => {
				const inst = r instanceof WebAssembly.Instance ? r : r && r.instance;
				if (inst && inst.exports && inst.exports.mem instanceof WebAssembly.Memory) mems.push(inst.exports.mem);
				return r;
			});
		};
	}
	const f = {t0: 0, frames: 0, last: 0, maxGap: 0, maxSince: 0, gaps: [], gapAt: [], long: []};
	const tick = (now) => {
		if (f.last) {
			const gap = now - f.last;
			f.maxGap = Math.max(f.maxGap, gap);
			f.maxSince = Math.max(f.maxSince, gap);
			f.gaps.push(gap);
			f.gapAt.push((now - f.t0) / 1000);
		}
		f.last = now;
		f.frames++;
		requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
	try {
		new PerformanceObserver((l) => {
			for (const e of l.getEntries()) f.long.push({start: e.startTime, ms: e.duration});
		}).observe({type: "longtask", buffered: true});
		f.longtasks = true;
	} catch (e) { f.longtasks = false; }
	// What a long animation frame spent its time on (where the browser has
	// the API): its scripts, by who called them, and its rendering.
	f.frames50 = [];
	try {
		new PerformanceObserver((l) => {
			for (const e of l.getEntries()) {
				if (e.duration < 50) continue;
				const scripts = e.scripts.map((s) => s.invokerType + " " + s.invoker + " " + Math.round(s.duration) + " ms" +
					(s.forcedStyleAndLayoutDuration ? " (layout " + Math.round(s.forcedStyleAndLayoutDuration) + ")" : "") +
					(s.pauseDuration ? " (paused " + Math.round(s.pauseDuration) + ")" : ""));
				f.frames50.push({start: e.startTime, ms: e.duration, blocking: e.blockingDuration,
					render: e.renderStart ? e.renderStart - e.startTime : -1,
					layout: e.styleAndLayoutStart ? e.duration - (e.styleAndLayoutStart - e.startTime) : -1,
					scripts: scripts.join("; ")});
			}
		}).observe({type: "long-animation-frame", buffered: true});
	} catch (e) {}
	const text = (css) => { const e = document.querySelector(css); return e ? e.textContent.trim() : ""; };
	globalThis.__flood = {
		reset() { f.t0 = performance.now(); f.frames = 0; f.last = 0; f.maxGap = 0; f.maxSince = 0; f.gaps = []; f.gapAt = []; return true; },
		snap() {
			const now = performance.now();
			const maxSince = Math.max(f.maxSince, f.last ? now - f.last : 0);
			f.maxSince = 0;
			const long = f.long.filter((e) => e.start >= f.t0);
			const lc = document.querySelector(".log-count");
			const status = document.getElementById("status");
			return {
				t: (now - f.t0) / 1000,
				frames: f.frames,
				maxGap: f.maxGap,
				maxSince: maxSince,
				longtasks: f.longtasks,
				longCount: long.length,
				longMax: long.reduce((m, e) => Math.max(m, e.ms), 0),
				longSum: long.reduce((s, e) => s + e.ms, 0),
				wasm: mems.reduce((s, m) => s + m.buffer.byteLength, 0),
				instances: mems.length,
				lines: lc && lc.dataset.total ? Number(lc.dataset.total) : -1,
				got: Number(text('[data-stat="consumed"] .stat-value')) || 0,
				overflow: text(".log-hidden").includes("overflowed"),
				state: status ? status.dataset.state || "" : "",
				go: globalThis.chanlabGoMemory ? chanlabGoMemory() : null,
			};
		},
		gaps() { return f.gaps; },
		// Each long animation frame since reset, as a line.
		longFrames() {
			return f.frames50.filter((e) => e.start >= f.t0).map((e) => ((e.start - f.t0) / 1000).toFixed(2) + " s: " + Math.round(e.ms) +
				" ms, blocking " + Math.round(e.blocking) + ", render from " + Math.round(e.render) + ", style+layout+paint " + Math.round(e.layout) + "; " + e.scripts);
		},
		// Each long task since reset: when it started (s) and its length (ms).
		longs() { return f.long.filter((e) => e.start >= f.t0).map((e) => [(e.start - f.t0) / 1000, e.ms]); },
		// The frames, the longest gap and the long tasks between from and
		// to, in seconds since reset.
		window(from, to) {
			let frames = 0, maxGap = 0;
			f.gaps.forEach((g, i) => { if (f.gapAt[i] > from && f.gapAt[i] <= to) { frames++; maxGap = Math.max(maxGap, g); } });
			const long = f.long.filter((e) => (e.start - f.t0) / 1000 >= from && (e.start - f.t0) / 1000 < to);
			return {frames: frames, fps: frames / (to - from), maxGap: maxGap, longCount: long.length, longMax: long.reduce((m, e) => Math.max(m, e.ms), 0)};
		},
	};
})()`

// floodSample is one reading of the page during the flood.
type floodSample struct {
	T         float64  `json:"t"` // seconds since Run was clicked
	Frames    int      `json:"frames"`
	MaxGap    float64  `json:"maxGap"`
	MaxSince  float64  `json:"maxSince"`  // the longest gap since the previous sample, the current one included
	LongTasks bool     `json:"longtasks"` // the Long Tasks API works here
	LongCount int      `json:"longCount"`
	LongMax   float64  `json:"longMax"`
	LongSum   float64  `json:"longSum"`
	Wasm      float64  `json:"wasm"` // bytes of the page's wasm memories
	Instances int      `json:"instances"`
	Lines     int      `json:"lines"` // the log's line count
	Got       int      `json:"got"`   // items got, from the timings
	Overflow  bool     `json:"overflow"`
	State     string   `json:"state"`
	Heap      float64  // JS heap used, bytes (CDP Runtime.getHeapUsage)
	Go        goMemory `json:"go"` // the page's Go heap
}

// floodPage is a page of the test server ready for a flood: the probe
// installed, loaded, and the Performance domain on. Options in extra are
// added to the browser's command line.
func floodPage(b *testing.B, path string, extra ...chromedp.ExecAllocatorOption) *browser {
	br := newBrowser(b, extra...)
	if dir := os.Getenv("CHANLAB_FLOOD_WEB"); dir != "" {
		h, err := newHandler(options{webDir: dir, frameAncestors: "*"})
		if err != nil {
			b.Fatalf("CHANLAB_FLOOD_WEB=%s: %v", dir, err)
		}
		srv := httptest.NewServer(h)
		b.Cleanup(srv.Close)
		br.base, _ = url.Parse(srv.URL)
	}
	if _, err := chromedp.Call(br.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: floodProbe}); err != nil {
		b.Fatalf("installing the probe: %v", err)
	}
	if _, err := chromedp.Call(br.ctx, performance.Enable, performance.EnableParams{}); err != nil {
		b.Fatalf("Performance.enable: %v", err)
	}
	br.open(path)
	if n := eval[int](br, `__flood.snap().instances`); n < 1 {
		b.Fatalf("the probe saw no wasm instance in the page")
	}
	return br
}

// floodEnvDuration is the duration in the environment variable name, or
// def.
func floodEnvDuration(b *testing.B, name string, def time.Duration) time.Duration {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		b.Fatalf("%s=%q: want a duration such as 5s", name, s)
	}
	return d
}

func floodDuration(b *testing.B) time.Duration {
	d := 30 * time.Second
	if s := os.Getenv("CHANLAB_FLOOD_DURATION"); s != "" {
		var err error
		if d, err = time.ParseDuration(s); err != nil || d <= 0 {
			b.Fatalf("CHANLAB_FLOOD_DURATION=%q: want a duration such as 5s", s)
		}
	}
	return d
}

func floodURL(d time.Duration) string {
	p := cmp.Or(os.Getenv("CHANLAB_FLOOD_PATH"), floodPath)
	sep := "?"
	if strings.Contains(p, "?") {
		sep = "&"
	}
	return p + sep + "duration=" + d.String()
}

func (br *browser) floodSnap() floodSample {
	br.t.Helper()
	var s floodSample
	raw := eval[string](br, `JSON.stringify(__flood.snap())`)
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		br.t.Fatalf("probe: %v: %s", err, raw)
	}
	h, err := chromedp.Call(br.ctx, runtime.GetHeapUsage, cdp.Empty{})
	if err != nil {
		br.t.Fatalf("Runtime.getHeapUsage: %v", err)
	}
	s.Heap = h.UsedSize
	return s
}

// mainThread is the renderer's main-thread time so far, in seconds, by
// kind (CDP Performance.getMetrics).
func (br *browser) mainThread() map[string]float64 {
	br.t.Helper()
	r, err := chromedp.Call(br.ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		br.t.Fatalf("Performance.getMetrics: %v", err)
	}
	m := map[string]float64{}
	for _, x := range r.Metrics {
		m[x.Name] = x.Value
	}
	return m
}

// startFlood clicks Run with the probe's counters reset at the click, and
// returns once the run is running.
func (br *browser) startFlood() {
	br.t.Helper()
	eval[bool](br, `new Promise((resolve, reject) => {
		const status = document.getElementById("status");
		const obs = new MutationObserver(() => check());
		const check = () => { if (status.dataset.state === "running") { obs.disconnect(); resolve(true); } };
		obs.observe(status, {attributes: true});
		__flood.reset();
		document.getElementById("run").click();
		setTimeout(() => reject(new Error("the run did not start within 10s")), 10000);
	})`)
}

const mb = 1 << 20

// floodWindow is what the probe saw between two instants of a flood.
type floodWindow struct {
	Frames    int     `json:"frames"`
	FPS       float64 `json:"fps"`
	MaxGap    float64 `json:"maxGap"`
	LongCount int     `json:"longCount"`
	LongMax   float64 `json:"longMax"`
}

// floodWindow is the frames, the longest gap between them and the long
// tasks from from to to, in seconds since the flood started.
func (br *browser) floodWindow(from, to float64) floodWindow {
	br.t.Helper()
	return eval[floodWindow](br, fmt.Sprintf(`__flood.window(%g, %g)`, from, to))
}

// BenchmarkBrowserFlood runs the flood in headless Chromium for
// CHANLAB_FLOOD_DURATION (30 s) and reports what the page went through:
// events/s that reached it (log lines, a lower bound on events: state
// changes that are not blocking are not logged), items/s, the longest
// main-thread task (Long Tasks API: tasks ≥ 50 ms; 0 means none), the
// longest gap between animation frames, frames per second (and idle, as
// this headless browser's ceiling), the JS heap and wasm memory after the
// first seconds and at the end, and the share of the main thread spent in
// tasks, script, layout and style. It logs the memory and rate every second
// as "flood-sample" lines for .ci/bench.
func BenchmarkBrowserFlood(b *testing.B) {
	d := floodDuration(b)
	for b.Loop() {
		br := floodPage(b, floodURL(d))
		// A learner who reads the lesson first: the first visit's
		// warm-up runs, and the page grows its heap
		// (BenchmarkBrowserColdStart measures a Run pressed before).
		// Then the idle frame rate: this browser's ceiling.
		br.warmUpState(warmUpWithin, "done")
		br.waitHeapGrown(5 * time.Second)
		time.Sleep(500 * time.Millisecond)
		eval[bool](br, `__flood.reset()`)
		time.Sleep(time.Second)
		idle := br.floodSnap()

		before := br.mainThread()
		br.startFlood()
		stopPointing := func() {}
		if os.Getenv("CHANLAB_FLOOD_POINTER") != "" {
			stopPointing = br.pointAtLanes()
		}
		settle := min(5*time.Second, d/2)
		var samples []floodSample
		deadline := time.Now().Add(d + 20*time.Second)
		for {
			time.Sleep(time.Second)
			s := br.floodSnap()
			samples = append(samples, s)
			if s.State != "running" {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("the run was still going %v after it should have ended", d+20*time.Second)
			}
		}
		stopPointing()
		after := br.mainThread()
		end := samples[len(samples)-1]
		gaps := eval[[]float64](br, `__flood.gaps()`)

		// The run's own elapsed time, as the result shows it.
		elapsed, err := time.ParseDuration(br.text(`[data-metric="elapsed"] dd`))
		if err != nil || elapsed <= 0 {
			b.Fatalf("the result's elapsed time: %v", err)
		}
		if end.Lines < 0 {
			b.Fatalf("no .log-count[data-total] on the page: the log's count moved")
		}
		// The last sample may be up to a second after the run ended: the
		// frames are those of the run, up to that sample.
		running := samples[:len(samples)-1]
		if len(running) == 0 {
			running = samples
		}
		last := running[len(running)-1]

		b.Logf("flood-sample | %5s | %9s | %9s | %8s | %8s | %8s | %4s | %6s | %9s |", "t s", "lines", "lines/s", "heap MB", "wasm MB", "Go MB", "GCs", "fps", "gap ms")
		prev := floodSample{}
		for _, s := range samples {
			rate := float64(s.Lines-prev.Lines) / (s.T - prev.T)
			fps := float64(s.Frames-prev.Frames) / (s.T - prev.T)
			b.Logf("flood-sample | %5.1f | %9d | %9.0f | %8.1f | %8.1f | %8.1f | %4d | %6.1f | %9.1f |", s.T, s.Lines, rate, s.Heap/mb, s.Wasm/mb, s.Go.HeapAlloc/mb, s.Go.NumGC, fps, s.MaxSince)
			prev = s
		}

		// The sample nearest the settling time stands for it; the JS heap
		// rises and falls with its collections, so its growth is the peak
		// after it against the peak up to it.
		settled := samples[0]
		heapEarly, heapLate := 0.0, 0.0
		for _, s := range samples {
			if math.Abs(s.T-settle.Seconds()) < math.Abs(settled.T-settle.Seconds()) {
				settled = s
			}
		}
		for _, s := range samples {
			if s.T <= settled.T {
				heapEarly = max(heapEarly, s.Heap)
			} else {
				heapLate = max(heapLate, s.Heap)
			}
		}
		heapMax := max(heapEarly, heapLate)
		slices.Sort(gaps)
		pct := func(p float64) float64 {
			if len(gaps) == 0 {
				return 0
			}
			return gaps[min(len(gaps)-1, int(math.Ceil(p*float64(len(gaps))))-1)]
		}
		slow := len(gaps) - sort50(gaps)
		longestGap := 0.0
		if len(gaps) > 0 {
			longestGap = gaps[len(gaps)-1]
		}
		wall := after["Timestamp"] - before["Timestamp"]
		share := func(k string) float64 { return 100 * (after[k] - before[k]) / wall }

		// After the first seconds: V8 compiles the code a flood runs
		// first with its baseline compiler, and the first batches are
		// slow until the optimized code replaces it.
		var late, lateFrames floodWindow
		if settle.Seconds() < last.T {
			late = br.floodWindow(settle.Seconds(), end.T)
			lateFrames = br.floodWindow(settle.Seconds(), last.T)
		}
		b.Logf("flood: %s for %v: %d log lines, %d items got; recorder overflow: %v; Long Tasks API works: %v",
			floodURL(d), elapsed, end.Lines, end.Got, end.Overflow, end.LongTasks)
		for _, l := range eval[[][2]float64](br, `__flood.longs()`) {
			b.Logf("flood: long task at %.2f s: %.0f ms", l[0], l[1])
		}
		for _, l := range eval[[]string](br, `__flood.longFrames()`) {
			b.Logf("flood: long frame at %s", l)
		}
		b.Logf("flood: %d long tasks, %.0f ms in all; frame gaps p50 %.1f, p95 %.1f, p99 %.1f, max %.1f ms; %d gaps > 50 ms",
			end.LongCount, end.LongSum, pct(0.5), pct(0.95), pct(0.99), longestGap, slow)
		b.Logf("flood: main thread: %.0f layouts (%.1f ms each), %.0f style recalcs (%.1f ms each), %.0f DOM nodes at the end",
			after["LayoutCount"]-before["LayoutCount"], 1000*(after["LayoutDuration"]-before["LayoutDuration"])/max(1, after["LayoutCount"]-before["LayoutCount"]),
			after["RecalcStyleCount"]-before["RecalcStyleCount"], 1000*(after["RecalcStyleDuration"]-before["RecalcStyleDuration"])/max(1, after["RecalcStyleCount"]-before["RecalcStyleCount"]),
			after["Nodes"])
		if !end.LongTasks {
			b.Logf("flood: this browser has no Long Tasks API: ms-longest-task is 0, read ms-longest-frame-gap")
		}
		if rate := float64(end.Lines) / elapsed.Seconds(); rate < 100_000 {
			b.Logf("flood: only %.0f events/s reached the page, under the issue's 100,000: the machine is busy (the worker got little CPU) or the pattern is too slow; the rest measures a lighter load", rate)
		}
		if end.Overflow {
			b.Logf("flood: the recorder's ring overflowed: events were lost before the page read them")
		}

		b.ReportMetric(float64(end.Lines)/elapsed.Seconds(), "events/s")
		b.ReportMetric(float64(end.Got)/elapsed.Seconds(), "items/s")
		b.ReportMetric(end.LongMax, "ms-longest-task")
		b.ReportMetric(float64(end.LongCount), "long-tasks")
		b.ReportMetric(longestGap, "ms-longest-frame-gap")
		b.ReportMetric(pct(0.99), "ms-p99-frame-gap")
		b.ReportMetric(float64(last.Frames)/last.T, "fps")
		b.ReportMetric(float64(idle.Frames)/idle.T, "fps-idle")
		b.ReportMetric(late.LongMax, "ms-longest-task-settled")
		b.ReportMetric(float64(late.LongCount), "long-tasks-settled")
		b.ReportMetric(late.MaxGap, "ms-longest-frame-gap-settled")
		b.ReportMetric(lateFrames.FPS, "fps-settled")
		b.ReportMetric(settled.Heap/mb, "MB-heap-settled")
		b.ReportMetric(end.Heap/mb, "MB-heap-end")
		b.ReportMetric((heapLate-heapEarly)/mb, "MB-heap-peak-growth")
		b.ReportMetric(heapMax/mb, "MB-heap-max")
		b.ReportMetric(idle.Wasm/mb, "MB-wasm-idle")
		b.ReportMetric(settled.Wasm/mb, "MB-wasm-settled")
		b.ReportMetric(end.Wasm/mb, "MB-wasm-end")
		b.ReportMetric(settle.Seconds(), "s-settle")
		b.ReportMetric(share("TaskDuration"), "%-busy")
		b.ReportMetric(share("ScriptDuration"), "%-script")
		b.ReportMetric(share("LayoutDuration"), "%-layout")
		b.ReportMetric(share("RecalcStyleDuration"), "%-style")
		b.ReportMetric(d.Seconds(), "s-run")
		br.checkClean()
	}
}

// pointAtLanes moves the mouse along the goroutine lanes, as a learner
// reading them does, a move per frame (60 a second) until stop is called.
func (br *browser) pointAtLanes() (stop func()) {
	br.t.Helper()
	box := eval[[]float64](br, `new Promise((resolve) => {
		const look = () => {
			const t = document.querySelector(".lanes .lane-track");
			if (!t) { setTimeout(look, 50); return; }
			t.scrollIntoView({block: "center"});
			const s = t.getBoundingClientRect();
			resolve([s.left, s.top, s.width, s.height]);
		};
		look();
	})`)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Second / 60)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			x := box[0] + box[2]*float64(i%120)/120
			// Errors end the moves: the test reads the page itself.
			if err := chromedp.Do(br.ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, box[1]+box[3]/2)); err != nil {
				return
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// sort50 is the number of sorted gaps ≤ 50 ms.
func sort50(sorted []float64) int {
	i, _ := slices.BinarySearch(sorted, 50.0000001)
	return i
}

// BenchmarkBrowserProfileFlood is not a measurement but a tool: it records
// Chrome's trace for 3 s and then a V8 CPU profile of the page's main
// thread for 5 s, from 2 s (CHANLAB_FLOOD_PROFILE_AT) into a 20 s flood,
// writes it (CHANLAB_FLOOD_PROFILE, default
// bin/profiles/flood.cpuprofile; DevTools' Performance panel loads it) and
// logs where the time went: by function, self and total, and by kind.
// Function names need an app.wasm built without -s -w, served with
// CHANLAB_FLOOD_WEB.
func BenchmarkBrowserProfileFlood(b *testing.B) {
	if in := os.Getenv("CHANLAB_FLOOD_SUMMARIZE"); in != "" {
		// Summarize a profile this wrote before, without a browser.
		raw, err := os.ReadFile(in)
		if err != nil {
			b.Fatal(err)
		}
		var p profiler.Profile
		if err := json.Unmarshal(raw, &p); err != nil {
			b.Fatalf("%s: %v", in, err)
		}
		for b.Loop() {
			summarizeProfile(b, &p)
		}
		return
	}
	out := cmp.Or(os.Getenv("CHANLAB_FLOOD_PROFILE"), filepath.Join("..", "..", "bin", "profiles", "flood.cpuprofile"))
	for b.Loop() {
		if os.Getenv("CHANLAB_FLOOD_TRACE_END") != "" {
			// The end of an 8 s flood, traced: its last 1.5 s and what
			// follows.
			d := 8 * time.Second
			if os.Getenv("CHANLAB_FLOOD_DURATION") != "" {
				d = floodDuration(b)
			}
			br := floodPage(b, floodURL(d))
			br.warmUpState(warmUpWithin, "done")
			br.waitHeapGrown(5 * time.Second)
			time.Sleep(1500 * time.Millisecond)
			br.startFlood()
			time.Sleep(d - 1500*time.Millisecond)
			summarizeTrace(b, br.trace(3*time.Second, nil))
			continue
		}
		if os.Getenv("CHANLAB_FLOOD_TRACE_START") != "" {
			// The start of a flood as BenchmarkBrowserFlood starts it
			// (after the warm-up and the heap's growth), traced.
			br := floodPage(b, floodURL(8*time.Second))
			if os.Getenv("CHANLAB_TRACE_NOWARM") != "" {
				// As if this browser had warmed this build before.
				eval[bool](br, `localStorage.setItem("chanlab-warmed", goappEnv.GOAPP_VERSION), true`)
				br.warmUpState(warmUpWithin, "skipped")
			} else {
				br.warmUpState(warmUpWithin, "done")
			}
			br.waitHeapGrown(5 * time.Second)
			time.Sleep(1500 * time.Millisecond)
			if os.Getenv("CHANLAB_TRACE_SECOND") != "" {
				br.startFlood()
				for br.floodSnap().State == "running" {
					time.Sleep(200 * time.Millisecond)
				}
				time.Sleep(1500 * time.Millisecond)
			}
			summarizeTrace(b, br.trace(1500*time.Millisecond, br.startFlood))
			continue
		}
		at, length := floodEnvDuration(b, "CHANLAB_FLOOD_PROFILE_AT", 2*time.Second), floodEnvDuration(b, "CHANLAB_FLOOD_PROFILE_FOR", 5*time.Second)
		br := floodPage(b, floodURL(20*time.Second))
		if at > 0 {
			// The cold start is Run pressed as soon as the page is live,
			// as BenchmarkBrowserColdStart's at-once: 1.5 s later the
			// warm-up would have begun.
			time.Sleep(1500 * time.Millisecond)
		}
		call := func(what string, err error) {
			if err != nil {
				b.Fatalf("%s: %v", what, err)
			}
		}
		_, err := chromedp.Call(br.ctx, profiler.Enable, cdp.Empty{})
		call("Profiler.enable", err)
		_, err = chromedp.Call(br.ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200})
		call("Profiler.setSamplingInterval", err)
		var before map[string]float64
		if at == 0 && os.Getenv("CHANLAB_FLOOD_TRACE_COLD") != "" {
			// The cold start's tasks, traced instead of profiled.
			summarizeTrace(b, br.trace(length, br.startFlood))
			continue
		}
		if at == 0 {
			// The flood's first seconds, the cold start: no trace.
			before = br.mainThread()
			_, err = chromedp.Call(br.ctx, profiler.Start, cdp.Empty{})
			call("Profiler.start", err)
			br.startFlood()
		} else {
			br.startFlood()
			time.Sleep(at)
			// 3 s of Chrome's trace, for the tasks and for what the
			// profile calls "(program)": layout, style, paint.
			summarizeTrace(b, br.trace(3*time.Second, nil))
			before = br.mainThread()
			_, err = chromedp.Call(br.ctx, profiler.Start, cdp.Empty{})
			call("Profiler.start", err)
		}
		time.Sleep(length)
		res, err := chromedp.Call(br.ctx, profiler.Stop, cdp.Empty{})
		call("Profiler.stop", err)
		after := br.mainThread()
		raw, err := json.Marshal(res.Profile)
		call("encoding the profile", err)
		call("mkdir", os.MkdirAll(filepath.Dir(out), 0o755))
		call("writing the profile", os.WriteFile(out, raw, 0o644))
		b.Logf("profile: %s", out)
		wall := after["Timestamp"] - before["Timestamp"]
		for _, k := range []string{"TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration"} {
			b.Logf("main thread %-20s %5.1f%% of %.1fs", k, 100*(after[k]-before[k])/wall, wall)
		}
		summarizeProfile(b, res.Profile)
	}
}

// traceEvent is one event of Chrome's trace (the JSON trace format).
type traceEvent struct {
	Name string          `json:"name"`
	Cat  string          `json:"cat"`
	Ph   string          `json:"ph"`
	Ts   float64         `json:"ts"`   // µs
	Dur  float64         `json:"dur"`  // µs, for complete (X) events
	Tdur float64         `json:"tdur"` // µs the thread was on a CPU, for complete (X) events
	Pid  int             `json:"pid"`
	Tid  int             `json:"tid"`
	Args json.RawMessage `json:"args"`
}

// trace records Chrome's devtools timeline for d, calling first (if not
// nil) once the recording has started.
func (br *browser) trace(d time.Duration, first func()) []traceEvent {
	br.t.Helper()
	return br.traceWhile(func() {
		if first != nil {
			first()
		}
		time.Sleep(d)
	})
}

// traceWhile records Chrome's devtools timeline while do runs.
func (br *browser) traceWhile(do func()) []traceEvent {
	br.t.Helper()
	var events []traceEvent
	done := make(chan struct{})
	br.mu.Lock()
	br.onEvent = func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			for _, v := range ev.Value {
				var e traceEvent
				if json.Unmarshal(v, &e) == nil {
					events = append(events, e)
				}
			}
		case *tracing.EventTracingComplete:
			close(done)
		}
	}
	br.mu.Unlock()
	defer func() { br.mu.Lock(); br.onEvent = nil; br.mu.Unlock() }()
	_, err := chromedp.Call(br.ctx, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{
		IncludedCategories: append([]string{"devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink", "toplevel"}, strings.Fields(os.Getenv("CHANLAB_TRACE_MORE"))...),
	}})
	if err != nil {
		br.t.Fatalf("Tracing.start: %v", err)
	}
	do()
	if _, err := chromedp.Call(br.ctx, tracing.End, cdp.Empty{}); err != nil {
		br.t.Fatalf("Tracing.end: %v", err)
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		br.t.Fatalf("the trace did not complete")
	}
	br.mu.Lock()
	defer br.mu.Unlock()
	return events
}

// isTask reports whether e is a thread's task: a renderer thread's or a
// thread pool's (tasks nest events named like them, which are not counted).
func isTask(e traceEvent) bool { return e.Name == "RunTask" || e.Name == "ThreadPool_RunTask" }

// overlapMs is how long e overlaps t, in ms (0 or less if it does not).
func overlapMs(e, t traceEvent) float64 {
	return (min(e.Ts+e.Dur, t.Ts+t.Dur) - max(e.Ts, t.Ts)) / 1000
}

// longTaskUs is the least length of a task summarizeTrace details, in µs:
// a long task's, or CHANLAB_TRACE_TASK_MS's.
var longTaskUs = func() float64 {
	if ms, err := strconv.ParseFloat(os.Getenv("CHANLAB_TRACE_TASK_MS"), 64); err == nil {
		return ms * 1000
	}
	return 50_000
}()

// threadKey names a thread in a trace.
type threadKey struct{ pid, tid int }

// pageMainThread is the page's main thread in a trace: the busiest
// renderer main thread (an iframe or a worker's page may have its own).
func pageMainThread(events []traceEvent) (threadKey, bool) {
	busy := map[threadKey]float64{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" && strings.Contains(string(e.Args), `"CrRendererMain"`) {
			busy[threadKey{e.Pid, e.Tid}] += 0
		}
	}
	for _, e := range events {
		if _, ok := busy[threadKey{e.Pid, e.Tid}]; ok && e.Ph == "X" && e.Name == "RunTask" {
			busy[threadKey{e.Pid, e.Tid}] += e.Dur
		}
	}
	var main threadKey
	found := false
	for k, d := range busy {
		if !found || d > busy[main] {
			main, found = k, true
		}
	}
	return main, found
}

// summarizeTrace logs the page's main thread (CrRendererMain) in the
// trace: its tasks' lengths, and the time in each kind of event, with the
// layouts' sizes.
func summarizeTrace(b *testing.B, events []traceEvent) {
	k, ok := pageMainThread(events)
	if !ok {
		b.Logf("trace: no CrRendererMain thread among %d events", len(events))
		return
	}
	threadNames := map[threadKey]string{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" {
			var a struct {
				Name string `json:"name"`
			}
			json.Unmarshal(e.Args, &a)
			threadNames[threadKey{e.Pid, e.Tid}] = fmt.Sprintf("%s(%d)", a.Name, e.Pid)
		}
	}
	var t0, t1 float64
	var tasks, cpu []float64 // each task's length, and its time on a CPU
	type agg struct {
		n        int
		sum, max float64
	}
	by := map[string]*agg{}
	var dirty, total, forced, layouts int
	for _, e := range events {
		if (threadKey{e.Pid, e.Tid}) != k || e.Ph != "X" {
			continue
		}
		if t0 == 0 || e.Ts < t0 {
			t0 = e.Ts
		}
		t1 = max(t1, e.Ts+e.Dur)
		if e.Name == "RunTask" {
			tasks = append(tasks, e.Dur/1000)
			cpu = append(cpu, e.Tdur/1000)
		}
		a := by[e.Name]
		if a == nil {
			a = &agg{}
			by[e.Name] = a
		}
		a.n++
		a.sum += e.Dur / 1000
		a.max = max(a.max, e.Dur/1000)
		if e.Name == "Layout" {
			var args struct {
				BeginData struct {
					Dirty      int             `json:"dirtyObjects"`
					Total      int             `json:"totalObjects"`
					StackTrace json.RawMessage `json:"stackTrace"`
				} `json:"beginData"`
			}
			json.Unmarshal(e.Args, &args)
			layouts++
			dirty += args.BeginData.Dirty
			total += args.BeginData.Total
			if len(args.BeginData.StackTrace) > 0 {
				forced++
			}
		}
	}
	wall := (t1 - t0) / 1000
	slices.Sort(tasks)
	var long, inTasks float64
	for _, t := range tasks {
		inTasks += t
		if t >= 50 {
			long++
		}
	}
	b.Logf("trace: %.0f ms of the page's main thread, %.0f ms in %d tasks (%.0f%%), %.0f of them ≥ 50 ms; longest %.1f ms, p99 %.1f, p90 %.1f, median %.2f",
		wall, inTasks, len(tasks), 100*inTasks/wall, long, tasks[len(tasks)-1], tasks[len(tasks)*99/100], tasks[len(tasks)*90/100], tasks[len(tasks)/2])
	// On a CPU, the tasks are what the page's code and the browser's
	// rendering cost, whatever the other threads took of the cores.
	slices.Sort(cpu)
	b.Logf("trace: the tasks' time on a CPU: longest %.1f ms, p99.9 %.1f, p99 %.1f, p90 %.1f",
		cpu[len(cpu)-1], cpu[len(cpu)*999/1000], cpu[len(cpu)*99/100], cpu[len(cpu)*90/100])
	// What the long tasks were, by the longest events inside them.
	var onMain []traceEvent
	for _, e := range events {
		if (threadKey{e.Pid, e.Tid}) == k && e.Ph == "X" {
			onMain = append(onMain, e)
		}
	}
	for _, t := range onMain {
		if t.Name != "RunTask" || t.Dur < longTaskUs && t.Tdur < longTaskUs {
			continue
		}
		longest := map[string]float64{}
		for _, e := range onMain {
			if e.Ts >= t.Ts && e.Ts+e.Dur <= t.Ts+t.Dur && !strings.Contains(e.Name, "RunTask") {
				longest[e.Name] = max(longest[e.Name], e.Dur/1000)
				if e.Name == "Layout" && e.Dur >= 5000 {
					b.Logf("trace:   a layout of %.0f ms (%.0f on a CPU): %s", e.Dur/1000, e.Tdur/1000, e.Args)
				}
			}
		}
		names := make([]string, 0, len(longest))
		for n := range longest {
			names = append(names, n)
		}
		slices.SortFunc(names, func(a, c string) int { return cmp.Compare(longest[c], longest[a]) })
		var parts []string
		for _, n := range names[:min(6, len(names))] {
			parts = append(parts, fmt.Sprintf("%s %.0f", n, longest[n]))
		}
		// A task whose thread was on a CPU for much less than its length
		// waited for a core: other threads (the run worker, V8's
		// compilers) had them.
		b.Logf("trace: long task at +%.0f ms, %.0f ms (%.0f ms on a CPU): %s", (t.Ts-t0)/1000, t.Dur/1000, t.Tdur/1000, strings.Join(parts, ", "))
		if os.Getenv("CHANLAB_TRACE_OTHERS") != "" {
			// The other threads' tasks meanwhile, and what they ran in
			// them: who had the cores.
			busyIn := map[threadKey]float64{}
			what := map[threadKey]map[string]float64{}
			for _, e := range events {
				kk := threadKey{e.Pid, e.Tid}
				ms := overlapMs(e, t)
				switch {
				case e.Ph != "X" || kk == k || ms <= 0:
				case isTask(e):
					busyIn[kk] += ms
				case !strings.Contains(e.Name, "RunTask"):
					if what[kk] == nil {
						what[kk] = map[string]float64{}
					}
					what[kk][e.Name] += ms
				}
			}
			var others []string
			for kk, ms := range busyIn {
				if ms >= 3 {
					var top []string
					for n := range what[kk] {
						top = append(top, n)
					}
					slices.SortFunc(top, func(a, c string) int { return cmp.Compare(what[kk][c], what[kk][a]) })
					var tops []string
					for _, n := range top[:min(3, len(top))] {
						tops = append(tops, fmt.Sprintf("%s %.0f", n, what[kk][n]))
					}
					others = append(others, fmt.Sprintf("%s %.0f [%s]", threadNames[kk], ms, strings.Join(tops, "; ")))
				}
			}
			slices.Sort(others)
			b.Logf("trace:   meanwhile: %s", strings.Join(others, ", "))
		}
	}
	if os.Getenv("CHANLAB_TRACE_OTHERS") != "" {
		// Every thread's tasks' time on a CPU: who had the cores.
		onCPU := map[threadKey]float64{}
		for _, e := range events {
			if e.Ph == "X" && isTask(e) {
				onCPU[threadKey{e.Pid, e.Tid}] += e.Tdur / 1000
			}
		}
		var threads []string
		var all float64
		for kk, ms := range onCPU {
			all += ms
			if ms >= wall/100 {
				threads = append(threads, fmt.Sprintf("%s %.0f%%", threadNames[kk], 100*ms/wall))
			}
		}
		slices.Sort(threads)
		b.Logf("trace: on a CPU, of the %.0f ms: all threads %.0f%% (of one core); %s", wall, 100*all/wall, strings.Join(threads, ", "))
		// V8's wasm compiling, on every thread, by the second.
		comp := map[string]map[int]float64{}
		for _, e := range events {
			if e.Ph == "X" && strings.HasPrefix(e.Name, "wasm.") && e.Name != "wasm.ExecuteCompilationUnits" && e.Name != "wasm.AddCompiledCode" {
				if comp[e.Name] == nil {
					comp[e.Name] = map[int]float64{}
				}
				comp[e.Name][int((e.Ts-t0)/500_000)] += e.Dur / 1000
			}
		}
		for n, byHalf := range comp {
			var parts []string
			for i := 0; i <= int((t1-t0)/500_000); i++ {
				parts = append(parts, fmt.Sprintf("%.0f", byHalf[i]))
			}
			b.Logf("trace: %s ms per half second: %s", n, strings.Join(parts, " "))
		}
	}
	if layouts > 0 {
		b.Logf("trace: %d layouts, %d forced by script; on average %d of %d layout objects dirty", layouts, forced, dirty/layouts, total/layouts)
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, c string) int { return cmp.Compare(by[c].sum, by[a].sum) })
	for _, n := range names[:min(30, len(names))] {
		a := by[n]
		b.Logf("trace  %6.1f%% %8.1f ms  %6d× max %7.1f ms  %s", 100*a.sum/wall, a.sum, a.n, a.max, n)
	}
}

// summarizeProfile logs where the sampled time went: by activity (each
// sample counted once, under the frame nearest its leaf that names one of
// floodActivities, and under Go GC first if it is collecting), across
// activities (allocation, syscall/js, formatting), and by function, self
// and total.
func summarizeProfile(b *testing.B, p *profiler.Profile) {
	type node struct {
		*profiler.ProfileNode
		parent *profiler.ProfileNode
	}
	nodes := map[int64]*node{}
	for _, n := range p.Nodes {
		nodes[n.ID] = &node{ProfileNode: n}
	}
	for _, n := range p.Nodes {
		for _, c := range n.Children {
			nodes[c].parent = n
		}
	}
	name := func(n *profiler.ProfileNode) string {
		f := n.CallFrame
		fn := cmp.Or(f.FunctionName, "(anonymous)")
		if f.URL != "" && !strings.HasPrefix(f.URL, "wasm") {
			return fn + " " + filepath.Base(f.URL)
		}
		return fn
	}
	self, total, activity, across := map[string]float64{}, map[string]float64{}, map[string]float64{}, map[string]float64{}
	var all float64
	for i, id := range p.Samples {
		// A sample stands for the time to the next one.
		dt := float64(p.TimeDeltas[i]) / 1000
		if i+1 < len(p.TimeDeltas) {
			dt = float64(p.TimeDeltas[i+1]) / 1000
		}
		all += dt
		var stack []string // leaf first
		for n := nodes[id].ProfileNode; n != nil; n = nodes[n.ID].parent {
			stack = append(stack, name(n))
		}
		self[stack[0]] += dt
		seen := map[string]bool{}
		for _, k := range stack {
			if !seen[k] {
				seen[k] = true
				total[k] += dt
			}
		}
		activity[floodActivity(stack)] += dt
		for _, a := range floodAcross {
			for _, k := range stack {
				if strings.Contains(k, a.match) {
					across[a.name] += dt
					break
				}
			}
		}
	}
	top := func(m map[string]float64, n int) []string {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, c string) int { return cmp.Compare(m[c], m[a]) })
		return keys[:min(n, len(keys))]
	}
	b.Logf("profile: %.0f ms sampled, %d samples", all, len(p.Samples))
	for _, k := range top(activity, 40) {
		b.Logf("activity %6.1f%% %8.1f ms  %s", 100*activity[k]/all, activity[k], k)
	}
	for _, k := range top(across, 40) {
		b.Logf("across   %6.1f%% %8.1f ms  %s", 100*across[k]/all, across[k], k)
	}
	for _, k := range top(self, 30) {
		b.Logf("self     %6.1f%% %8.1f ms  %s", 100*self[k]/all, self[k], k)
	}
	for _, k := range top(total, 60) {
		b.Logf("total    %6.1f%% %8.1f ms  %s", 100*total[k]/all, total[k], k)
	}
}

// floodActivities name what the page's main thread does, by a frame on the
// stack (wasm names as V8 shows them from an unstripped build: "/" and
// "(*T)" become "_" and "__T_"). floodActivity tries them in order.
var floodActivities = []struct{ match, name string }{
	{"(program)", "browser: native work outside JS/wasm (layout, style, paint, event loop, postMessage)"},
	{"(garbage collector)", "V8 GC (JS heap)"},
	{"(idle)", "idle"},
	{"wasm-to-js", "syscall/js: calls into JS and what they do (DOM)"},
	{"syscall_js.", "syscall/js: calls into JS and what they do (DOM)"},
	{"chanlab_app.__runView_.line", "app: runView.line, a log line for every event"},
	{"chanlab_app.__series_.add", "app: series.add, the charts"},
	{"chanlab_app.__runView_.apply", "app: runView.apply, the rest"},
	{"chanlab_patterns_history.__Log_.", "history: Log (the log's lines)"},
	{"chanlab_patterns_history.__Queue_.", "history: Queue (queue figures)"},
	{"chanlab_patterns_history.__Lane", "history: lanes"},
	{"chanlab_patterns_history.__History_.Add", "history: History.Add, the rest"},
	{"chanlab_patterns_timeline.DecodeSnapshot", "runner: DecodeSnapshot"},
	{"chanlab_patterns_runner.__Run_.merge", "runner: Run.merge (pending events)"},
	{"chanlab_patterns_runner.Decode", "runner: Decode (message)"},
	{"chanlab_app.__workerConn_.receive", "app: workerConn.receive (copy from JS)"},
	{"chanlab_app.__workerConn_.pump", "app: workerConn.pump"},
}

// floodGeneric are tried last: whatever else a stack has.
var floodGeneric = []struct{ match, name string }{
	{"chanlab_patterns_history.", "history: other"},
	{"pkg_app.", "go-app: engine"},
	{"chanlab_app.", "app: other"},
	{"runtime.schedule", "Go scheduler"},
	{"runtime.", "Go runtime, other"},
	{"wasm_exec.js", "wasm_exec.js glue"},
}

// component is the chanlab component a wasm frame belongs to, from
// "chanlab_app.__logView_.Render" or
// "chanlab_app.__logView_.github.com_…_pkg_app.updateWith": "logView".
func component(frame string) string {
	rest, ok := strings.CutPrefix(frame, "chanlab_app.__")
	if !ok {
		return ""
	}
	name, _, ok := strings.Cut(rest, "_.")
	if !ok {
		return ""
	}
	return name
}

// floodAcross are costs spread over the activities.
var floodAcross = []struct{ match, name string }{
	{"runtime.mallocgc", "Go allocation (runtime.mallocgc)"},
	{"runtime.gcAssistAlloc", "Go GC: assists"},
	{"runtime.gcBgMarkWorker", "Go GC: background mark"},
	{"runtime.bgsweep", "Go GC: background sweep"},
	{"time.Time.Format", "time.Time.Format"},
	{"fmt.Sprint", "fmt.Sprint*"},
	{"wasm-to-js", "syscall/js: wasm-to-js"},
	{"pkg_app.__engine_.handleFrame", "go-app: engine.handleFrame (render + update)"},
	{"pkg_app.__engine_.handleDispatch", "go-app: engine.handleDispatch (dispatched funcs)"},
	{"chanlab_patterns_runner.__Run_.read", "runner: Run.read"},
	{"(program)", "(program)"},
}

// floodActivity is the activity of a sample's stack, leaf first: Go GC if
// any frame collects; else the floodActivities frame nearest the leaf (so
// that syscall/js calls count as such wherever they are made from; these
// name the component they update); else a component's Render, or go-app
// updating a component (diffing its tree against the DOM), by the
// component nearest the leaf; else the nearest floodGeneric frame; else the
// leaf itself.
func floodActivity(stack []string) string {
	for _, k := range stack {
		for _, gc := range []string{"runtime.gcDrain", "runtime.gcAssistAlloc", "runtime.gcBgMarkWorker", "runtime.markroot", "runtime.bgsweep", "runtime.sweepone", "runtime.gcStart", "runtime.gcMarkTermination", "runtime.__sweepLocked_.sweep", "runtime.scanobject"} {
			if strings.HasPrefix(k, gc) {
				return "Go GC (mark, sweep, assists)"
			}
		}
	}
	under := func(i int) string {
		for _, k := range stack[i:] {
			if c := component(k); c != "" && c != "runView" && c != "workerConn" {
				return " (" + c + ")"
			}
		}
		return ""
	}
	for i, k := range stack {
		for _, a := range floodActivities {
			if strings.Contains(k, a.match) {
				if strings.HasPrefix(a.name, "syscall/js") {
					return a.name + under(i)
				}
				return a.name
			}
		}
	}
	for i, k := range stack {
		if c := component(k); c != "" && strings.HasSuffix(k, ".Render") || strings.Contains(k, ".Render.func") {
			return "go-app: Render" + under(i)
		}
		if c := component(k); c != "" && (strings.HasSuffix(k, "pkg_app.updateWith") || strings.HasSuffix(k, "pkg_app.updateRoot")) {
			return "go-app: update (diff and DOM)" + under(i)
		}
		if strings.Contains(k, "pkg_app.__Compo_.render") {
			return "go-app: Render" + under(i)
		}
	}
	for _, k := range stack {
		for _, a := range floodGeneric {
			if strings.Contains(k, a.match) {
				return a.name
			}
		}
	}
	return "other: " + stack[0]
}
