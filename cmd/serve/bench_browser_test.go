//go:build browser

package main

import (
	"testing"
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
