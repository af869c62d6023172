//go:build browser

package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserPanels drives the run panels as a learner would: run, read
// the lanes, queues and timings, rewind, filter the log, export, keep the
// run and compare it with another, and checks what the page shows against
// the run's own result.
func TestBrowserPanels(t *testing.T) {
	b := newBrowser(t)
	// A consumer four times slower than each producer: the queue of 2
	// fills and the producers block on put.
	b.open("/prodcons?buffer=2&producers=2&consumers=1&pdelay=10ms&cdelay=40ms&duration=1500ms")
	b.runToEnd("done")
	m := metrics{t, b}
	produced, consumed := m.text("produced"), m.text("consumed")

	// One run, one time: the timings' Elapsed (the recorder's clock, which
	// stops when the run returns) and the result's (the pattern's own)
	// differ by the moment between the recorder's start and the
	// pattern's, not by the wait for the last batch (10–25 ms before).
	// TestExecFinishesTheRecorder checks the clock's stop exactly; here
	// the worker's thread may lose the CPU between two clock reads on a
	// loaded machine (CI once measured 6 ms), hence the 10 ms.
	timed, err := time.ParseDuration(b.text(`[data-stat="elapsed"] .stat-value`))
	if err != nil {
		t.Fatal(err)
	}
	if own := m.duration("elapsed"); timed-own > 10*time.Millisecond || own > timed {
		t.Errorf("timings' elapsed %v, the result's %v: want the same run time", timed, own)
	} else {
		t.Logf("timings' elapsed %v, the result's %v", timed, own)
	}

	// Lanes: one per goroutine, each done.
	lanes := eval[[]string](b, `[...document.querySelectorAll(".lanes .lane")].map(l => l.dataset.state)`)
	started := b.text(`[data-stat="goroutines"] .stat-value`)
	if want := "0 / " + strconv.Itoa(len(lanes)); started != want {
		t.Errorf("goroutines %q, lanes %d", started, len(lanes))
	}
	for i, s := range lanes {
		if s != "done" {
			t.Errorf("lane %d ends %q, want done", i, s)
		}
	}
	if n := eval[int](b, `document.querySelectorAll(".lanes path[d]").length`); n == 0 {
		t.Error("the lanes draw nothing")
	}

	// Queue figures: the figures agree with the result; a slow consumer
	// keeps the queue full.
	if got := b.text(`[data-stat="produced"] .stat-value`); got != produced {
		t.Errorf("timings say %s put, the result %s produced", got, produced)
	}
	peak := eval[int](b, `+document.querySelector("figure[data-queue]").dataset.peak`)
	if want := int(m.num("maxlen")); peak != want {
		t.Errorf("queue peak %d, result's max length %d", peak, want)
	}
	full := b.text(`[data-fig="full"] dd`)
	if d, err := time.ParseDuration(full); err != nil || d < 500*time.Millisecond {
		t.Errorf("queue full for %q: want most of the 1.5 s run", full)
	}
	p50 := eval[int](b, `+document.querySelector("[data-latency] [data-p50]").dataset.p50`)
	if p50 < 20_000 {
		t.Errorf("time queued p50 %d µs: each item waits for a slow consumer (40 ms), want more", p50)
	}

	// After the run the time cursor stands at its end, thumb included.
	elapsed := eval[int](b, `+document.getElementById("scrub").max`)
	if at := eval[int](b, `+document.getElementById("scrub").value`); at != elapsed {
		t.Errorf("after the run the time cursor is at %d ms of %d", at, elapsed)
	}

	// The log followed its newest lines, and its position slider's thumb
	// is at its end too, as its text says.
	if pos := eval[[]string](b, `(() => { const s = document.getElementById("log-position"); return [s.value, s.max, s.getAttribute("aria-valuetext")]; })()`); pos[0] != pos[1] || pos[0] == "0" {
		t.Errorf("log position slider: value %s of max %s (%s), want at its end", pos[0], pos[1], pos[2])
	}

	// Rewind to the middle of the run: producers blocked on a full queue.
	eval[bool](b, `(() => { const s = document.getElementById("scrub"); s.value = `+strconv.Itoa(elapsed/2)+`; s.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	b.do(chromedp.WaitVisible(chromedp.CSS(`.log-lines li.at-cursor`)))
	if n := eval[int](b, `document.querySelectorAll('.log-lines li[aria-current="time"]').length`); n != 1 || !eval[bool](b, `document.querySelector(".log-lines li.at-cursor").getAttribute("aria-current") === "time"`) {
		t.Errorf("rewound: %d log lines marked aria-current=time, want the cursor's line alone", n)
	}
	states := eval[[]string](b, `[...document.querySelectorAll(".goroutines tr[data-state]")].map(r => r.dataset.state)`)
	if strings.Count(strings.Join(states, " "), "done") == len(states) {
		t.Errorf("rewound to mid-run, every goroutine shows done: %v", states)
	}
	if !strings.Contains(strings.Join(states, " "), "blocked-put") {
		t.Errorf("mid-run, no producer blocked on put: %v", states)
	}
	if n := eval[int](b, `+document.querySelector("figure[data-queue]").dataset.len`); n < 0 || n > 2 {
		t.Errorf("queue length at the cursor %d, capacity 2", n)
	}
	if at := b.text("#scrub-at"); !strings.Contains(at, "/") {
		t.Errorf("cursor reads %q", at)
	}
	// The timings and the queue's figures stay the whole run's, and say so.
	if n := eval[int](b, `document.querySelectorAll(".timings .whole-run, figure[data-queue] .whole-run").length`); n != 2 {
		t.Errorf("rewound: %d notes that the figures are the whole run's, want 2 (timings, queue)", n)
	}
	b.screenshot("panels-rewind")
	checkLaneReadout(t, b)
	b.do(chromedp.Click(chromedp.ID("live")))
	b.do(chromedp.WaitNotPresent(chromedp.CSS(`.log-lines li.at-cursor`)))
	if n := eval[int](b, `document.querySelectorAll(".whole-run").length`); n != 0 {
		t.Errorf("back at the end: %d whole-run notes, want none", n)
	}
	// The slider's own end is the run's end too: back from the middle
	// with the End key, the panels no longer rewind.
	b.do(chromedp.Focus(chromedp.ID("scrub")), chromedp.KeyEvent(kb.Home))
	b.do(chromedp.WaitEnabled(chromedp.ID("live")))
	b.do(chromedp.KeyEvent(kb.End))
	waitFor(b, "the panels to leave rewinding at the time cursor's end (End key)", `document.getElementById("live").disabled`)
	if n := eval[int](b, `document.querySelectorAll(".whole-run").length`); n != 0 {
		t.Errorf("the time cursor at its end (End key): %d whole-run notes, want none", n)
	}

	// Log: filtered to gets, every line shown is one, and they number the
	// items consumed.
	b.do(chromedp.SendKeys(chromedp.ID("log-text"), "got "))
	// The count shows once the first key is in; wait for the whole text's.
	b.do(chromedp.WaitVisible(chromedp.CSS(`#log-matches[data-filter='"got "']`)))
	if got := b.text("#log-matches"); strings.TrimSuffix(got, " matching") != consumed {
		t.Errorf("%q lines match \"got \", %s items consumed", got, consumed)
	}
	for _, msg := range eval[[]string](b, `[...document.querySelectorAll("#log li .msg")].map(e => e.textContent)`) {
		if !strings.HasPrefix(msg, "got ") {
			t.Errorf("filtered log shows %q", msg)
		}
	}
	b.do(chromedp.Click(chromedp.ID("log-follow")))
	b.do(chromedp.WaitVisible(chromedp.CSS(`#log-follow[aria-pressed="true"]`)))

	// Export: the events, the trace and the timings, as downloads.
	dir := t.TempDir()
	events := true
	if _, err := chromedp.Call(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &events,
	}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	var run struct {
		Meta struct {
			Ended  string `json:"ended"`
			Result []struct {
				Name, Value string
			} `json:"result"`
		} `json:"meta"`
		Events []struct {
			Kind string `json:"kind"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b.download(dir, "export-json", ".json"), &run); err != nil {
		t.Fatalf("events JSON: %v", err)
	}
	puts := 0
	for _, e := range run.Events {
		if e.Kind == "put" {
			puts++
		}
	}
	if strconv.Itoa(puts) != produced {
		t.Errorf("the exported events hold %d puts, the run produced %s", puts, produced)
	}
	// The pattern's own figures, as the page shows them.
	if i := slices.IndexFunc(run.Meta.Result, func(f struct{ Name, Value string }) bool { return f.Name == "produced" }); i < 0 || run.Meta.Result[i].Value != produced || run.Meta.Ended != "finished" {
		t.Errorf("the exported meta: ended %q, result %v; want finished, and produced %s", run.Meta.Ended, run.Meta.Result, produced)
	}
	var trace struct {
		TraceEvents []map[string]any `json:"traceEvents"`
	}
	if err := json.Unmarshal(b.download(dir, "export-trace", ".trace.json"), &trace); err != nil || len(trace.TraceEvents) == 0 {
		t.Errorf("trace: %d events, %v", len(trace.TraceEvents), err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(b.download(dir, "export-csv", ".csv")))).ReadAll()
	if err != nil || len(rows) < 5 || rows[0][0] != "section" {
		t.Errorf("timings CSV: %d rows, %v", len(rows), err)
	}
	if !slices.ContainsFunc(rows, func(r []string) bool {
		return slices.Equal(r, []string{"result", "prodcons", "produced", produced, ""})
	}) {
		t.Errorf("timings CSV: no result row with the %s produced", produced)
	}

	// Compare: keep this run, run again with a larger buffer.
	b.do(chromedp.Click(chromedp.ID("keep")))
	b.setKnob("buffer", "10")
	b.runToEnd("done")
	b.do(chromedp.WaitVisible(chromedp.ID("compare")))
	m2 := metrics{t, b}
	a := b.text(`[data-diff="metric-produced"] .a`)
	bb := b.text(`[data-diff="metric-produced"] .b`)
	if a != produced || bb != m2.text("produced") {
		t.Errorf("compare: produced A %s, B %s; runs %s, %s", a, bb, produced, m2.text("produced"))
	}
	if d := b.text(`[data-diff="elapsed"] .delta`); d == "" {
		t.Error("compare: no delta for elapsed")
	}
	// The lesson's figure, a share with its time ("84% (2.538s)"),
	// compares in points.
	var shareA, shareB int
	_, errA := fmt.Sscanf(b.text(`[data-diff="metric-blocked"] .a`), "%d%%", &shareA)
	_, errB := fmt.Sscanf(b.text(`[data-diff="metric-blocked"] .b`), "%d%%", &shareB)
	want := fmt.Sprintf("%+d pts", shareB-shareA)
	if shareA == shareB {
		want = "same"
	}
	if d := b.text(`[data-diff="metric-blocked"] .delta`); errA != nil || errB != nil || d != want {
		t.Errorf("compare: producers blocked %d%% and %d%% (%v, %v), delta %q, want %q", shareA, shareB, errA, errB, d, want)
	}
	// The comparison draws the lanes three times; an ID is still one
	// element's, as labels and scripts expect.
	if dup := eval[[]string](b, `(() => { const seen = new Set(), dup = []; for (const e of document.querySelectorAll("[id]")) { if (seen.has(e.id)) dup.push(e.id); seen.add(e.id); } return dup; })()`); len(dup) != 0 {
		t.Errorf("compare: IDs on more than one element: %v", dup)
	}
	// The headings, in the page's order, go down one level at a time: a
	// screen reader's outline puts each run's panels under the comparison.
	if skips := eval[[]string](b, `(() => { const out = []; let prev = 1; for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6")) { const n = +h.tagName[1]; if (n > prev + 1) out.push(h.tagName + " " + h.textContent); prev = n; } return out; })()`); len(skips) != 0 {
		t.Errorf("compare: headings that skip a level: %v", skips)
	}
	if got := eval[[]string](b, `[...document.querySelectorAll("#compare h3")].map(h => h.textContent)`); !slices.Equal(got, []string{"A · Queues", "B · Queues", "A · Goroutine lanes", "B · Goroutine lanes"}) {
		t.Errorf("compare: the runs' panel headings are %q", got)
	}
	b.screenshot("panels-compare")

	for _, w := range []int64{400, 1400} {
		b.do(chromedp.EmulateViewport(w, 900))
		time.Sleep(300 * time.Millisecond) // layout
		b.screenshot("panels-" + strconv.FormatInt(w, 10))
	}
	b.checkClean()
}

// download clicks the button with id and returns the file it saved into
// dir, whose name ends in suffix.
func (b *browser) download(dir, id, suffix string) []byte {
	b.t.Helper()
	before, _ := os.ReadDir(dir)
	b.do(chromedp.Click(chromedp.ID(id)))
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			if len(files) > len(before) && strings.HasSuffix(f.Name(), suffix) && !strings.HasSuffix(f.Name(), ".crdownload") {
				data, err := os.ReadFile(filepath.Join(dir, f.Name()))
				if err == nil && len(data) > 0 {
					os.Remove(filepath.Join(dir, f.Name()))
					return data
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("%s: no %s file downloaded", id, suffix)
	return nil
}

// TestBrowserSlowMotion checks that slow motion stretches a run: the same
// producer and consumer at 5× take five times as long.
func TestBrowserSlowMotion(t *testing.T) {
	b := newBrowser(t)
	b.open("/prodcons?duration=300ms&slowmo=5x")
	if got := eval[string](b, `document.getElementById("knob-slowmo").value`); got != "5x" {
		t.Fatalf("slow motion knob reads %q", got)
	}
	b.runToEnd("done")
	el := b.text(`[data-stat="elapsed"] .stat-value`)
	d, err := time.ParseDuration(el)
	if err != nil || d < 1500*time.Millisecond || d > 4*time.Second {
		t.Errorf("a 300ms run at 5× took %q, want about 1.5s", el)
	}
}

// checkLaneReadout reads the lanes of a rewound run as a learner does:
// with the keyboard (focus a lane: it reads at the time cursor; the arrows
// move the instant read, End to the run's end) and with the pointer (the
// instant under it). The read-out must agree with the lane's own value
// (a lane is a slider over the run's time, for a screen reader), which
// says where the goroutine is at the instant read: the cursor's, until
// the keys move it.
func checkLaneReadout(t *testing.T, b *browser) {
	t.Helper()
	readout := func() string { return b.text("#lane-readout") }
	// changed waits until the read-out is no longer was (go-app shows an
	// event's change with its next frame), and returns it.
	changed := func(was, what string) string {
		waitFor(b, what, `document.getElementById("lane-readout").textContent !== `+strconv.Quote(was))
		return readout()
	}
	at := func(r string) time.Duration {
		_, rest, _ := strings.Cut(r, " at ")
		s, _, _ := strings.Cut(rest, ": ")
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatalf("read-out %q: no instant: %v", r, err)
		}
		return d
	}
	cursor, total, _ := strings.Cut(b.text("#scrub-at"), " / ")
	name := eval[string](b, `document.querySelector(".lanes .lane").getAttribute("aria-label")`)
	value := func() string {
		return eval[string](b, `document.querySelector(".lanes .lane").getAttribute("aria-valuetext")`)
	}
	atCursor := value()
	if !strings.HasPrefix(atCursor, cursor+": ") {
		t.Errorf("the first lane's value %q, want it at the cursor, %s", atCursor, cursor)
	}

	// A headless page never has the window's focus, and without it
	// focusing an element fires no focus event.
	if _, err := chromedp.Call(b.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatalf("focus emulation: %v", err)
	}
	got := readout()
	b.do(chromedp.Focus(chromedp.CSS(`.lanes .lane`)))
	got = changed(got, "the read-out of a focused lane")
	if want := name + " at " + atCursor; got != want {
		t.Errorf("lane focused at the cursor reads %q, want %q (its value)", got, want)
	}
	b.do(chromedp.KeyEvent(kb.ArrowRight))
	if next := changed(got, "ArrowRight's read-out"); at(next) <= at(got) {
		t.Errorf("ArrowRight on a lane: read %q, then %q", got, next)
	} else if v := value(); name+" at "+v != next {
		t.Errorf("ArrowRight on a lane: it reads %q, and its value for a screen reader is %q", next, v)
	}
	// The read-out before the key: read after it, it may already be
	// End's, which the wait would then never see change.
	was := readout()
	b.do(chromedp.KeyEvent(kb.End))
	got = changed(was, "End's read-out")
	if want := name + " at " + total + ": done"; got != want {
		t.Errorf("End on a lane reads %q, want %q", got, want)
	}
	if v := value(); v != total+": done" {
		t.Errorf("End on a lane: its value for a screen reader is %q, want %q", v, total+": done")
	}

	// The pointer at the middle of the second lane's track.
	second := eval[string](b, `document.querySelectorAll(".lanes .lane")[1].dataset.goroutine`)
	box := eval[[]float64](b, `(() => { const r = document.querySelectorAll(".lanes .lane-track")[1].getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	b.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0]+box[2]/2, box[1]+box[3]/2))
	got = changed(got, "the read-out under the pointer")
	end, err := time.ParseDuration(total)
	if err != nil {
		t.Fatalf("the run's length %q: %v", total, err)
	}
	// Half the run, give or take a pixel's worth of it and the rounding.
	if !strings.HasPrefix(got, second+" at ") || at(got) < end/2-end/50 || at(got) > end/2+end/50 {
		t.Errorf("the pointer at the middle of %s's lane reads %q, want it at about %v", second, got, end/2)
	}
	b.screenshot("panels-lane-readout")
}
