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
// slider), 60 times, with Chrome's trace recording the page's main thread.
//
// It reports what the page's main thread did per step: its busy time (every
// task of the steps: the input's, go-app's frame with every panel's render
// and DOM update, style, layout and paint) and its longest task, the Go
// collections the steps brought and what they allocated; and how long
// after the input the panels showed the new instant, laid out. That is
// mostly waiting: go-app updates the components an event changed at its
// next frame, on a 60 Hz ticker, so a step shows one frame later.
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
			var shown, tasks []float64
			before := eval[goMemory](br, `chanlabGoMemory()`)
			for b.Loop() {
				trace := br.traceWhile(func() { shown = append(shown, eval[[]float64](br, rewindSteps)...) })
				tasks = append(tasks, mainTasks(trace)...)
			}
			after := eval[goMemory](br, `chanlabGoMemory()`)
			if len(tasks) == 0 {
				b.Fatal("the traces hold no task of the page's main thread")
			}
			steps := float64(len(shown))
			slices.Sort(shown)
			b.ReportMetric(float64(events), "events")
			b.ReportMetric(shown[len(shown)/2], "ms-median-shown")
			b.ReportMetric(shown[len(shown)-1], "ms-longest-shown")
			b.ReportMetric(sum(tasks)/steps, "ms-busy-per-step")
			b.ReportMetric(slices.Max(tasks), "ms-longest-task")
			b.ReportMetric((after.TotalAlloc-before.TotalAlloc)/steps/1024, "KB-per-step")
			b.ReportMetric(float64(after.NumGC-before.NumGC), "GCs")
			slices.Sort(tasks)
			b.Logf("%s: %d events; shown after, ms: %v; the longest tasks, ms: %v", tc.path, events, shown, tasks[max(len(tasks)-10, 0):])
		})
	}
}

// mainTasks is how long each of the page's main-thread tasks in a trace
// took, in ms.
func mainTasks(events []traceEvent) []float64 {
	k, ok := pageMainThread(events)
	if !ok {
		return nil
	}
	var tasks []float64
	for _, e := range events {
		if (threadKey{e.Pid, e.Tid}) == k && e.Ph == "X" && e.Name == "RunTask" {
			tasks = append(tasks, e.Dur/1000)
		}
	}
	return tasks
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// rewindSteps moves the Rewind cursor to 20 instants spread over the run,
// out of order, each after the browser has drawn the last, and returns how
// long each took to show: from the input until the cursor's readout has
// changed (go-app renders the panels and updates the DOM in one task, the
// readout with them: watched for 150 ms after each step, the panels
// changed no further) and the page is styled and laid out again.
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
