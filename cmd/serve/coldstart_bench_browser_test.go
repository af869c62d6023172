//go:build browser

package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// coldStart is how long BenchmarkBrowserColdStart floods: the first run's
// long tasks all came in its first 2.5 s.
const coldStart = 5 * time.Second

// BenchmarkBrowserColdStart measures a page's first run in a fresh
// browser, the flood for 5 s, started as BenchmarkBrowserFlood starts it,
// by when the learner presses Run:
//
//   - at-once: as soon as the page is live, before the warm-up (warmup.go)
//     begins: the run waits for its worker's own warm-up (runner.WarmUp),
//     then meets the page's code as V8 first compiled it, and V8
//     compiling the page's hot code with its optimizing compiler, on
//     background threads that take the cores from the page and the run;
//   - during-warm-up: 2.5 s after the page is live, while the warm-up
//     runs: Run stops it, and the run has what it had warmed, and the
//     heap the page had grown;
//   - after-warm-up: once the warm-up has finished and the page has grown
//     its heap (growHeap), as a learner who read the lesson first;
//   - liftoff-only: at once, with V8 told never to optimize WebAssembly (a
//     flag no learner's browser has): what the first seconds cost without
//     the optimizing compiler, for comparison;
//   - repeat-visit: after a first run, the page is loaded again in the
//     same browser: V8 starts with the optimized code it cached, and the
//     page does not warm up again; Run is pressed once it has grown its
//     heap.
//
// It reports the long tasks, the longest gap between frames, frames per
// second and events per second over the run and its end.
func BenchmarkBrowserColdStart(b *testing.B) {
	for _, tc := range []struct {
		name, flags string
		wait        func(br *browser) // from the page live to the press on Run
		repeat      bool              // a second visit: the page loaded again, in the same browser, after a run
	}{
		{name: "at-once", wait: func(*browser) {}},
		{name: "during-warm-up", wait: func(br *browser) {
			time.Sleep(2500 * time.Millisecond)
			br.warmUpState(time.Second, "running")
		}},
		{name: "after-warm-up", wait: func(br *browser) {
			br.warmUpState(warmUpWithin, "done")
			br.waitHeapGrown(5 * time.Second)
		}},
		{name: "liftoff-only", flags: "--liftoff-only", wait: func(*browser) {}},
		{name: "repeat-visit", repeat: true, wait: func(br *browser) {
			br.warmUpState(warmUpWithin, "skipped")
			br.waitHeapGrown(5 * time.Second)
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var extra []chromedp.ExecAllocatorOption
			if tc.flags != "" {
				extra = append(extra, chromedp.Flag("js-flags", tc.flags))
			}
			for b.Loop() {
				br := floodPage(b, floodURL(coldStart), extra...)
				if tc.repeat {
					br.warmUpState(warmUpWithin, "done")
					br.startFlood()
					br.waitFloodEnd(coldStart)
					time.Sleep(2 * time.Second)
					br.open(floodURL(coldStart))
				}
				tc.wait(br)
				br.startFlood()
				br.waitFloodEnd(coldStart)
				time.Sleep(time.Second) // for the panels' end, and the window after it
				end := br.floodSnap()
				w := br.floodWindow(0, coldStart.Seconds())
				// The long tasks with the run's end: a first run's is
				// cold too.
				withEnd := br.floodWindow(0, coldStart.Seconds()+1)
				for _, l := range eval[[][2]float64](br, `__flood.longs()`) {
					b.Logf("cold start, %s: long task at %.2f s: %.0f ms", tc.name, l[0], l[1])
				}
				// What made them: the frames' scripts by who called
				// them, and their style, layout and paint.
				for _, l := range eval[[]string](br, `__flood.longFrames()`) {
					b.Logf("cold start, %s: long frame at %s", tc.name, l)
				}
				b.ReportMetric(float64(withEnd.LongCount), "long-tasks")
				b.ReportMetric(withEnd.LongMax, "ms-longest-task")
				b.ReportMetric(end.LongSum, "ms-in-long-tasks")
				b.ReportMetric(w.MaxGap, "ms-longest-frame-gap")
				b.ReportMetric(w.FPS, "fps")
				b.ReportMetric(float64(end.Lines)/coldStart.Seconds(), "events/s")
			}
		})
	}
}

// warmUpWithin bounds the wait for a fresh page's warm-up to end: it
// starts a second after the page (app.warmDelay), loads a frame and runs
// for 4 s (app.warmRun): some 6 s in all, where a frame that has not
// finished is removed 20 s after it was added (app.warmLimit).
const warmUpWithin = 20 * time.Second

// waitFloodEnd waits until a flood of d has ended, or fails.
func (br *browser) waitFloodEnd(d time.Duration) {
	br.t.Helper()
	deadline := time.Now().Add(d + 20*time.Second)
	for br.floodSnap().State == "running" {
		if time.Now().After(deadline) {
			br.t.Fatalf("the run was still going %v after it should have ended", d+20*time.Second)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
