//go:build browser

package main

import (
	"slices"
	"strconv"
	"testing"
)

// BenchmarkBrowserRewindStep measures, in Chromium, what a frame of the
// panels costs by how many events the run recorded: once a run of about
// 10k, and one of about 100k events, has ended (the fan-out pipeline with
// no delays and 1,000 or 10,000 items: the same panels), the Rewind cursor
// is moved across it as a learner drags it (an input event on its
// slider), and each step is timed from the input until the panels show
// the new instant and the browser has styled and laid out the page for
// it: every panel's render, go-app's update of the DOM, style and layout
// (not paint). It
// reports the median and the longest step, what the page's Go code
// allocated per step, and the events recorded.
func BenchmarkBrowserRewindStep(b *testing.B) {
	runs := []struct{ name, path string }{
		{"10k", "/fanout?items=1000&download=0ms&resize=0ms&upload=0ms"},
		{"100k", "/fanout?items=10000&download=0ms&resize=0ms&upload=0ms"},
	}
	for _, tc := range runs {
		b.Run(tc.name, func(b *testing.B) {
			br := newBrowser(b)
			br.open(tc.path)
			br.runToEnd("done")
			br.waitPanelsEnd()
			events, err := strconv.Atoi(eval[string](br, `document.querySelector(".run-panels").dataset.events`))
			if err != nil {
				b.Fatalf("the events recorded: %v", err)
			}
			// A first round untimed: V8 optimizes the code the steps run.
			eval[[]float64](br, rewindSteps)
			var steps []float64
			before := eval[goMemory](br, `chanlabGoMemory()`).TotalAlloc
			for b.Loop() {
				steps = append(steps, eval[[]float64](br, rewindSteps)...)
			}
			allocated := eval[goMemory](br, `chanlabGoMemory()`).TotalAlloc - before
			slices.Sort(steps)
			b.ReportMetric(float64(events), "events")
			b.ReportMetric(steps[len(steps)/2], "ms-median-step")
			b.ReportMetric(steps[len(steps)-1], "ms-longest-step")
			b.ReportMetric(allocated/float64(len(steps))/1024, "KB-per-step")
			b.Logf("%s: %d events; steps, ms: %v", tc.path, events, steps)
		})
	}
}

// rewindSteps moves the Rewind cursor to 20 instants spread over the run,
// out of order, each after the browser has drawn the last, and returns
// what each took: from the input until the cursor's readout has changed
// (go-app renders the panels and updates the DOM in the one task the
// input starts, the readout with them: watched for 150 ms after each
// step, the panels changed no further) and the page is styled and laid
// out again.
const rewindSteps = `(async () => {
	const scrub = document.getElementById("scrub");
	const readout = document.getElementById("scrub-at");
	const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
	const took = [];
	for (let i = 0; i < 20; i++) {
		await frame();
		const shown = new Promise((resolve) => {
			const obs = new MutationObserver(() => { obs.disconnect(); resolve(); });
			obs.observe(readout, {childList: true, characterData: true, subtree: true});
		});
		const t0 = performance.now();
		scrub.value = String(Math.round(scrub.max * (((i * 7) % 20) + 0.5) / 20));
		scrub.dispatchEvent(new Event("input", {bubbles: true}));
		await shown;
		document.body.offsetHeight; // style and layout, now
		took.push(performance.now() - t0);
	}
	return took;
})()`
