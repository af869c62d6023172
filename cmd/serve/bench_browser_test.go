//go:build browser

package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkBrowserRun measures, in headless Chromium against the real
// server, what a learner waits for: from the Run click to the first event
// of the run on screen (the page posts Start, the worker starts the run and
// sends its first batch, the page renders it), and from Stop to the page
// showing the run ended. Each iteration is one run of a busy
// producer/consumer on an already loaded page; make bench prints the
// figures.
func BenchmarkBrowserRun(b *testing.B) {
	br := newBrowser(b)
	br.open("/prodcons?duration=30s&pdelay=1ms&cdelay=1ms&producers=4&consumers=4")
	var first, stop float64
	n := 0
	for b.Loop() {
		first += eval[float64](br, `new Promise((resolve) => {
			const t0 = performance.now();
			const seen = () => document.querySelector("#log li") && document.getElementById("status").dataset.state === "running";
			const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); resolve(performance.now() - t0); } });
			obs.observe(document.body, {subtree: true, childList: true, attributes: true});
			document.getElementById("run").click();
		})`)
		stop += br.clickStopAndWait()
		n++
	}
	b.ReportMetric(first/float64(n), "ms-to-first-event")
	b.ReportMetric(stop/float64(n), "ms-to-stop")
}

// BenchmarkBrowserProcesses measures the processes lesson in Chromium:
// the same counting as goroutines on the run worker's one thread and as
// processes (a Web Worker each), for 1, 2 and 4 workers, with the page's
// longest task while they count; and with nothing to count, how long
// starting the processes and hearing back from all of them takes.
func BenchmarkBrowserProcesses(b *testing.B) {
	br := newBrowser(b)
	read := func(url string) (speedup, goroutines, processes, longest float64) {
		br.open(url)
		eval[bool](br, `(() => {
			window.__long = 0;
			new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({type: "longtask"});
			return true;
		})()`)
		br.runToEnd("done")
		ms := func(name string) float64 {
			d, err := time.ParseDuration(br.text(`[data-metric="` + name + `"] dd`))
			if err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			return float64(d) / float64(time.Millisecond)
		}
		if strings.Contains(url, "mode=compare") {
			fmt.Sscanf(br.text(`[data-metric="speedup"] dd`), "%f", &speedup)
			goroutines = ms("goroutines-elapsed")
		}
		processes = ms("processes-elapsed")
		return speedup, goroutines, processes, eval[float64](br, `window.__long`)
	}
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			var speedup, g, p, longest float64
			n := 0
			for b.Loop() {
				// 2×10⁹ counts in all: about 2s as goroutines, so that
				// starting the processes (about 170ms) counts little.
				s, gg, pp, l := read(fmt.Sprintf("/processes?workers=%d&n=%d&mode=compare", workers, 2_000_000_000/workers))
				speedup, g, p, longest = speedup+s, g+gg, p+pp, max(longest, l)
				n++
			}
			b.ReportMetric(speedup/float64(n), "speedup")
			b.ReportMetric(g/float64(n), "ms-goroutines")
			b.ReportMetric(p/float64(n), "ms-processes")
			b.ReportMetric(longest, "ms-longest-task")
		})
	}
	b.Run("spawn=4", func(b *testing.B) {
		var p float64
		n := 0
		for b.Loop() {
			_, _, pp, _ := read("/processes?workers=4&n=0&mode=processes")
			p += pp
			n++
		}
		b.ReportMetric(p/float64(n), "ms-to-all-reported")
	})
}
