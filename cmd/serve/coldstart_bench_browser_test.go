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
// browser: the flood for 5 s, started as BenchmarkBrowserFlood starts it.
// It runs twice, with V8 as shipped and with V8 told never to optimize
// WebAssembly (--liftoff-only, a flag no learner's browser has), so that
// the table shows side by side what the first seconds cost and how much
// of it is V8 compiling the page's and the worker's hot code with its
// optimizing compiler, on background threads that take the cores from the
// page and the run. A third time it runs on a second visit: after a first
// run, the page is loaded again in the same browser, and V8 starts it with
// the optimized code it cached. It reports the long tasks, the longest gap
// between frames, frames per second and events per second over the run and
// its end.
func BenchmarkBrowserColdStart(b *testing.B) {
	for _, tc := range []struct {
		name, flags string
		repeat      bool // a second visit: the page loaded again, in the same browser, after a run
	}{
		{"v8=default", "", false},
		{"v8=liftoff-only", "--liftoff-only", false},
		{"v8=default/repeat-visit", "", true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var extra []chromedp.ExecAllocatorOption
			if tc.flags != "" {
				extra = append(extra, chromedp.Flag("js-flags", tc.flags))
			}
			for b.Loop() {
				br := floodPage(b, floodURL(coldStart), extra...)
				if tc.repeat {
					time.Sleep(2500 * time.Millisecond)
					br.startFlood()
					br.waitFloodEnd(coldStart)
					time.Sleep(2 * time.Second)
					br.open(floodURL(coldStart))
				}
				time.Sleep(2500 * time.Millisecond) // idle, as before BenchmarkBrowserFlood's run
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
