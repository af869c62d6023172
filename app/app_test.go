package app

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"go.uber.org/goleak"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/history"
	"chanlab/patterns/prodcons"
	"chanlab/patterns/timeline"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if runtime.GOOS == "js" {
		// Under Node only the render benchmarks run (make bench's js/wasm
		// column): Node has no Web Worker, so no runner was started.
		os.Exit(code)
	}
	// The page starts the tab's runner (here in process) when it mounts;
	// it lives as long as the app, so end it before looking for leaks.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	if c, err := theRunners.take(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "a run still has the runner:", err)
		code = 1
	} else {
		theRunners.give(c, false)
	}
	cancel()
	if err := goleak.Find(); err != nil && code == 0 {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

// runProdcons runs prodcons with cfg in process and feeds its snapshots
// into a view as the UI does, several per run.
func runProdcons(t *testing.T, cfg prodcons.Config) (*runView, prodcons.Result) {
	t.Helper()
	rec := timeline.New(0)
	v := newRunView("prodcons", "Producer and consumer", "", "")
	v.src = &recorderSource{rec: rec}
	done := make(chan prodcons.Result)
	go func() {
		res, _ := prodcons.Run(context.Background(), cfg, rec)
		done <- res
	}()
	var res prodcons.Result
	for running := true; running; {
		select {
		case res = <-done:
			running = false
		case <-time.After(5 * time.Millisecond):
		}
		v.refresh()
	}
	v.settle() // as the page does at the run's end
	return v, res
}

// onceSource gives one snapshot, then nothing.
type onceSource struct {
	s    timeline.Snapshot
	gave bool
}

func (o *onceSource) Take() []timeline.Snapshot {
	if o.gave {
		return nil
	}
	o.gave = true
	return []timeline.Snapshot{o.s}
}

func (o *onceSource) Recycle([]timeline.Event) {}

// TestRunViewFoldsInParts checks that a frame whose budget is spent folds
// one chunk of a large snapshot and leaves the rest for later frames, and
// that the history folded in parts is the one folded at once.
func TestRunViewFoldsInParts(t *testing.T) {
	// A run long enough for several chunks: under -race on a busy
	// machine, 30 ms records only about a thousand events.
	var s timeline.Snapshot
	for d := 30 * time.Millisecond; len(s.Events) < 3*foldChunk; d *= 2 {
		if d > 4*time.Second {
			t.Fatalf("only %d events recorded in %v; the test needs several chunks", len(s.Events), d/2)
		}
		rec := timeline.New(0)
		cfg := prodcons.Config{Buffer: 4, Producers: 2, Consumers: 2, Duration: d}
		if _, err := prodcons.Run(t.Context(), cfg, rec); err != nil {
			t.Fatal(err)
		}
		s = rec.Snapshot(0)
	}
	whole := newRunView("prodcons", "", "", "")
	whole.src = &onceSource{s: s}
	whole.settle()

	parts := newRunView("prodcons", "", "", "")
	parts.src = &onceSource{s: s}
	frames := 0
	for frames == 0 || len(parts.backlog) > 0 {
		// A deadline already past: each frame folds its one chunk.
		if !parts.fold(time.Now()) {
			t.Fatalf("frame %d folded no event with %d waiting", frames, parts.waiting)
		}
		frames++
		if want := max(0, len(s.Events)-frames*foldChunk); parts.waiting != want {
			t.Fatalf("after frame %d: %d events waiting, want %d", frames, parts.waiting, want)
		}
	}
	if want := (len(s.Events) + foldChunk - 1) / foldChunk; frames != want {
		t.Errorf("%d events folded in %d frames, want %d", len(s.Events), frames, want)
	}
	// Every figure, the lanes' and queues' series and the kept events
	// included.
	if a, b := whole.h, parts.h; !reflect.DeepEqual(a, b) {
		t.Errorf("the history folded in %d parts differs from the one folded at once: elapsed %v / %v, log lines %d / %d", frames, b.Elapsed, a.Elapsed, b.Log.Len(), a.Log.Len())
	}
}

// TestRunView checks that the panels' numbers add up with the run's own.
func TestRunView(t *testing.T) {
	cfg := prodcons.Config{Buffer: 2, Producers: 2, Consumers: 1, Duration: 60 * time.Millisecond, ConsumerDelay: time.Millisecond}
	v, res := runProdcons(t, cfg)
	q := v.h.Queues[0]
	if q.Puts != res.Produced || q.Gets != res.Consumed {
		t.Errorf("view: %d puts, %d gets; run: %d produced, %d consumed", q.Puts, q.Gets, res.Produced, res.Consumed)
	}
	if peak := q.Series.Peak(); peak > cfg.Buffer || peak != res.MaxQueueLen {
		t.Errorf("chart peak %d, run's max %d, capacity %d", peak, res.MaxQueueLen, cfg.Buffer)
	}
	if q.Latency.N != res.Consumed {
		t.Errorf("%d latencies for %d items consumed", q.Latency.N, res.Consumed)
	}
	n := v.h.Log.Len()
	if n == 0 {
		t.Fatal("no log lines")
	}
	if last := v.h.LogLine(n - 1); last.Text != "done" {
		t.Errorf("last line = %+v, want a goroutine's end", last)
	}
	for i := range v.h.Lanes {
		if l := &v.h.Lanes[i]; l.Live.State != timeline.Done || l.At(v.h, v.h.Elapsed).State != timeline.Done {
			t.Errorf("%s: %v after the run", l.Name, l.Live.State)
		}
	}
}

// TestRunViewGauge checks that a gauge's value and peak reach the view.
func TestRunViewGauge(t *testing.T) {
	rec := timeline.New(0)
	g := timeline.NewGauge(rec, "backlog", "items")
	for _, n := range []int64{2, 7, 3} {
		g.Set(t.Context(), n)
	}
	v := newRunView("unbounded", "", "", "")
	v.src = &recorderSource{rec: rec}
	v.refresh()
	if len(v.h.Gauges) != 1 {
		t.Fatalf("%d gauges in the view, want 1", len(v.h.Gauges))
	}
	if gv := v.h.Gauges[0]; gv.Value != 3 || gv.Max != 7 || gv.Series.Peak() != 7 {
		t.Errorf("gauge now %d, max %d, chart peak %d; want 3, 7, 7", gv.Value, gv.Max, gv.Series.Peak())
	}
}

// TestLogFilter filters a real run's log by goroutine and by text, and
// checks the window follows the newest matching lines.
func TestLogFilter(t *testing.T) {
	v, res := runProdcons(t, prodcons.Config{Buffer: 1, Producers: 2, Consumers: 2, Duration: 40 * time.Millisecond, ConsumerDelay: time.Millisecond})
	l := &logView{View: v}
	l.OnMount(nil)
	l.sync()
	if got, want := l.count(), v.h.Log.Len(); got != want {
		t.Fatalf("unfiltered: %d lines listed, %d kept", got, want)
	}
	l.setFilter(history.Filter{G: -1, Text: "GOT "})
	l.sync()
	if got := l.count(); got != res.Consumed {
		t.Errorf("lines matching %q: got %d, want %d (one per item consumed)", "GOT ", got, res.Consumed)
	}
	top, _ := l.window()
	for i := top; i < l.count(); i++ {
		if ln := v.h.LogLine(l.kept(i)); !strings.HasPrefix(ln.Text, "got ") {
			t.Errorf("listed line %d: %q does not match", i, ln.Text)
		}
	}
	l.setFilter(history.Filter{G: 0})
	l.sync()
	for i := range l.count() {
		if ln := v.h.LogLine(l.kept(i)); ln.Who != v.h.Lanes[0].Name {
			t.Errorf("filtered on %s, listed a line of %s", v.h.Lanes[0].Name, ln.Who)
		}
	}
	l.scroll(-3)
	if l.follow {
		t.Error("still following after scrolling back")
	}
}

// logLines runs a goroutine that logs n lines "line 0" to "line n-1",
// folding them into a view every batch lines, and returns the view.
func logLines(t *testing.T, n, batch int) *runView {
	t.Helper()
	rec := timeline.New(2 * history.KeepEvents)
	v := newRunView("prodcons", "", "", "")
	v.src = &recorderSource{rec: rec}
	g := timeline.NewGroup(rec)
	g.Go(t.Context(), "writer", func(ctx context.Context) error {
		for i := range n {
			timeline.Logf(ctx, "line %d", i)
			if i%batch == batch-1 {
				v.settle()
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	v.settle()
	return v
}

// TestLogPauseHolds checks that a paused log keeps showing the same lines
// while new ones come and the oldest are let go, and through a change of
// filter.
func TestLogPauseHolds(t *testing.T) {
	v := logLines(t, history.KeepEvents, 1000)
	l := &logView{View: v}
	l.OnMount(nil)
	l.sync()
	l.scroll(-5 * logRows) // paused, some way back from the newest
	top, _ := l.window()
	shown := v.h.LogLine(l.kept(top)).Text
	// More lines: the oldest are let go under the paused window.
	rec := v.src.(*recorderSource).rec
	g := timeline.NewGroup(rec)
	g.Go(t.Context(), "more", func(ctx context.Context) error {
		for i := range 5000 {
			timeline.Logf(ctx, "more %d", i)
		}
		return nil
	})
	g.Wait()
	v.settle()
	l.sync()
	if v.h.Log.Total() == v.h.Log.Len() {
		t.Fatal("no line was let go: the test shows nothing")
	}
	top, _ = l.window()
	if got := v.h.LogLine(l.kept(top)).Text; got != shown || l.follow {
		t.Errorf("paused at %q, the window now starts at %q (following %v)", shown, got, l.follow)
	}
	// A filter keeps the pause, at the first matching line from there.
	l.setFilter(history.Filter{G: -1, Text: "line 9"})
	l.sync()
	top, _ = l.window()
	if got := v.h.LogLine(l.kept(top)).Text; l.follow || !strings.HasPrefix(got, "line 9") {
		t.Errorf("filtered while paused at %q: window at %q, following %v", shown, got, l.follow)
	}
}

// TestLogScrollWhileRewinding checks that the log, centred on the time
// cursor's line, scrolls while rewinding, and centres again when the
// cursor moves; and that a scroll past the log's ends says it did not
// move, so that the wheel scrolls the page.
func TestLogScrollWhileRewinding(t *testing.T) {
	v, _ := runProdcons(t, prodcons.Config{Buffer: 1, Producers: 2, Consumers: 2, Duration: 40 * time.Millisecond, ConsumerDelay: time.Millisecond})
	l := &logView{View: v}
	l.OnMount(nil)
	l.sync()
	if l.count() < 3*logRows {
		t.Fatalf("%d lines, want at least %d", l.count(), 3*logRows)
	}
	if l.scroll(1) {
		t.Error("following the newest lines, a scroll down moved the window")
	}
	l.Rewinding, l.Now = true, v.h.Elapsed/2
	centred, cursor := l.window()
	if cursor < 0 || centred != cursor-logRows/2 {
		t.Fatalf("rewound: window at %d, cursor's line %d: want it centred", centred, cursor)
	}
	if !l.scroll(-3) {
		t.Fatal("rewinding, a scroll up did not move the window")
	}
	if top, c := l.window(); top != centred-3 || c != cursor {
		t.Errorf("scrolled up 3 while rewinding: window at %d, cursor's line %d; want %d, %d", top, c, centred-3, cursor)
	}
	l.Now = v.h.Elapsed / 3
	if top, c := l.window(); top != c-logRows/2 {
		t.Errorf("the cursor moved: window at %d, cursor's line %d; want it centred again", top, c)
	}
	l.scroll(-3)
	l.setFilter(history.Filter{G: -1, Text: "got"})
	l.sync()
	if top, c := l.window(); c < 0 || top != max(c-logRows/2, 0) {
		t.Errorf("scrolled, then filtered: window at %d, cursor's line %d; want it centred on the cursor's line", top, c)
	}
	l.scrollTo(0, false)
	if l.scroll(-1) {
		t.Error("at the first line, a scroll up moved the window")
	}
}

// TestPageLoad opens pages from URLs, good and bad, in go-app's client
// tester.
func TestPageLoad(t *testing.T) {
	tests := []struct {
		url       string
		wantID    string
		wantNotes []string
		wantValue map[string]int64
	}{
		{"/", "prodcons", nil, map[string]int64{"buffer": 10}},
		{"/prodcons?buffer=1&duration=300ms", "prodcons", nil, map[string]int64{"buffer": 1, "duration": int64(300 * time.Millisecond)}},
		{"/prodcons?buffer=-3&consumers=x&what=1", "prodcons", []string{"Buffer", "Consumers", `"what"`}, map[string]int64{"buffer": 0, "consumers": 1}},
		{"/prodcons?buffer=99999999999999999999", "prodcons", []string{"far too large"}, map[string]int64{"buffer": 10}},
		// The warm-up's embed: the flood, every knob taken as is.
		{warmPath, "prodcons", nil, map[string]int64{"producers": 4, "consumers": 4, "buffer": 10, "pdelay": 0, "cdelay": 0, "duration": int64(warmRun)}},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			p := &page{}
			disp := app.NewClientTester(p)
			defer disp.Close()
			u, _ := url.Parse(tt.url)
			disp.Nav(u)
			disp.Consume()
			if p.spec.ID != tt.wantID {
				t.Errorf("pattern = %q, want %q", p.spec.ID, tt.wantID)
			}
			notes := strings.Join(p.urlNotes, "\n")
			if len(tt.wantNotes) == 0 && notes != "" {
				t.Errorf("notes = %q, want none", notes)
			}
			for _, w := range tt.wantNotes {
				if !strings.Contains(notes, w) {
					t.Errorf("notes %q do not mention %s", notes, w)
				}
			}
			for k, w := range tt.wantValue {
				if got := p.values[k]; got != w {
					t.Errorf("%s = %d, want %d", k, got, w)
				}
			}
		})
	}
}

// TestKnobPermalink checks that typed knobs give a link that restores them.
func TestKnobPermalink(t *testing.T) {
	p := &page{}
	disp := app.NewClientTester(p)
	defer disp.Close()
	disp.Nav(&url.URL{Path: "/prodcons"})
	disp.Consume()
	p.onKnob(nil, "buffer", "1")
	p.onKnob(nil, "consumers", "3")
	p.onKnob(nil, "duration", "nonsense")
	if _, bad := p.problems["duration"]; !bad {
		t.Error("no message for a nonsense duration")
	}
	link, _ := url.Parse(p.permalink())
	vals, problems := p.spec.Parse(link.Query())
	if len(problems) != 0 || vals.Int("buffer") != 1 || vals.Int("consumers") != 3 {
		t.Errorf("link %s restores %v with %v", link, vals, problems)
	}
	if spec, _ := patterns.Lookup("prodcons"); link.Path != "/"+spec.ID {
		t.Errorf("link path %q", link.Path)
	}
}

// recorderSource reads a recorder in process, as the runner does in the
// worker, for tests that drive a runView directly.
type recorderSource struct {
	rec    *timeline.Recorder
	cursor uint64
}

func (r *recorderSource) Take() []timeline.Snapshot {
	s := r.rec.Snapshot(r.cursor)
	r.cursor = s.Next
	return []timeline.Snapshot{s}
}

func (r *recorderSource) Recycle([]timeline.Event) {}

// TestFigureDelta checks the comparison of a pattern's own figures, as
// the patterns write them: the lesson's "84% (2.538s)" and "2/10" once
// compared as nothing.
func TestFigureDelta(t *testing.T) {
	for _, tc := range []struct {
		a, b, want string
	}{
		{"84% (2.538s)", "81% (2.439s)", "-3 pts"},
		{"84% (2.538s)", "84% (2.1s)", "same"},
		{"2.44s (81% of the run)", "1.22s (40% of the run)", "×0.5"},
		{"2/2", "10/10", "×5"},
		{"46 of 50", "50 of 50", "+9%"},
		{"23.9 items/s", "47.8 items/s", "×2"},
		{"900.0 KiB", "1.2 MiB", "+37%"},
		{"1.43×", "1.75×", "+22%"},
		{"729µs", "1.458ms", "×2"},
		{"-3412", "120", "+3532"},
		{"yes", "no", ""},
		{"not run", "12", ""},
		{"3", "2–4", ""},
		{"84%", "12", ""},
	} {
		if got := figureDelta(i18n.En, tc.a, tc.b); got != tc.want {
			t.Errorf("figureDelta(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestCompareRowsOnce checks that a figure both the recorder and the
// pattern measure (Elapsed) is one row of the comparison, not two.
func TestCompareRowsOnce(t *testing.T) {
	a, _ := runProdcons(t, prodcons.Config{Buffer: 1, Producers: 1, Consumers: 1, Duration: 20 * time.Millisecond})
	b, _ := runProdcons(t, prodcons.Config{Buffer: 8, Producers: 1, Consumers: 1, Duration: 20 * time.Millisecond})
	// What prodcons reports: its own Elapsed among its figures.
	result := func(elapsed, produced string) patterns.Result {
		return patterns.Result{Metrics: []patterns.Metric{
			{Name: "produced", Label: "Produced", Value: produced},
			{Name: "elapsed", Label: "Elapsed", Value: elapsed},
		}}
	}
	ra, rb := result("21ms", "4"), result("20ms", "9")
	c := &compareView{A: a, B: b, AResult: &ra, BResult: &rb}
	labels := map[string]int{}
	for _, r := range c.rows() {
		labels[r.label]++
	}
	for l, n := range labels {
		if n > 1 {
			t.Errorf("%d rows labelled %q", n, l)
		}
	}
	if labels["Elapsed"] != 1 || labels["Produced"] != 1 {
		t.Errorf("rows %v: want one Elapsed and the pattern's own figures", labels)
	}
}

// TestPanelsTakeTurns checks the panels' refresh policy during a run:
// every group refreshes each frame while their renders fit renderBudget
// together, one group per frame, in turn, once they do not, and all again
// once they are fast; without events, a frame renders once a group has
// gone quietEvery without its turn.
func TestPanelsTakeTurns(t *testing.T) {
	v := newRunView("prodcons", "", "", "")
	r := &runPanels{View: v, Running: true}
	all := []int{0, 1, 2, 3}
	when := time.Now()
	step := func() []int {
		v.version++ // a frame with news
		when = when.Add(frame)
		r.advance(when)
		got := append([]int(nil), r.refreshed...)
		for g := range r.shownAt {
			fresh := r.shownAt[g].version == v.version
			if fresh != slices.Contains(got, g) {
				t.Fatalf("group %d shows version %d, now %d, refreshed %v", g, r.shownAt[g].version, v.version, got)
			}
		}
		return got
	}
	if got := step(); !slices.Equal(got, all) {
		t.Fatalf("first frame refreshed %v, want all groups", got)
	}
	r.renderCost = [4]time.Duration{renderBudget, renderBudget, renderBudget, renderBudget}
	for i := range 6 {
		if got, want := step(), []int{i % 4}; !slices.Equal(got, want) {
			t.Fatalf("slow frame %d refreshed %v, want %v", i, got, want)
		}
	}
	r.renderCost = [4]time.Duration{time.Millisecond, time.Millisecond, time.Millisecond, time.Millisecond}
	if got := step(); !slices.Equal(got, all) {
		t.Fatalf("fast again: refreshed %v, want all groups", got)
	}
	// Without events, a frame renders once a group has gone quietEvery
	// without its turn; taking turns, the group that waited longest goes
	// first, and the next is due at once.
	if r.nextFrame(when.Add(quietEvery - frame)) {
		t.Errorf("a quiet frame %v after the last render renders", quietEvery-frame)
	}
	if !r.nextFrame(when.Add(quietEvery)) {
		t.Errorf("a quiet frame %v after the last render does not render", quietEvery)
	}
	r.renderCost = [4]time.Duration{renderBudget, renderBudget, renderBudget, renderBudget}
	r.shownWhen[2] = when.Add(-frame)
	r.advance(when.Add(quietEvery))
	if got, want := r.refreshed, []int{2}; !slices.Equal(got, want) {
		t.Errorf("a quiet frame taking turns refreshed %v, want %v, the group shown longest ago", got, want)
	}
	if !r.nextFrame(when.Add(quietEvery)) {
		t.Errorf("taking turns, a quiet frame does not render with three groups %v without their turn", quietEvery)
	}
	// Once the run has stopped, the groups still show it as of their
	// turns until the panels show its end (the page first says how it
	// ended, in a render of its own); then every group shows it as it is.
	r.Running = false
	v.version++
	for g := range r.shownAt {
		if f := r.frameOf(g); f.version == v.version {
			t.Errorf("stopped, before the end is shown, group %d shows the latest version %d", g, v.version)
		}
	}
	slow := v.slowVersion()
	v.ended = true
	if v.slowVersion() == slow {
		t.Error("the run's end leaves the slow panels' version as it was: they would show ages as of the last event or second")
	}
	for g := range r.shownAt {
		if f := r.frameOf(g); f.version != v.version {
			t.Errorf("after the run group %d shows version %d, want %d", g, f.version, v.version)
		}
	}
}

// TestPanelsEnd checks the order of a run's end: the panels show the run
// live while it runs and after the page says it stopped, until their end
// is shown; a newer run releases the refresh loop still waiting on the
// page for an older one.
func TestPanelsEnd(t *testing.T) {
	r := &runPanels{}
	if r.live() {
		t.Error("panels with no run are live")
	}
	v := newRunView("prodcons", "", "", "")
	r.View, r.Running = v, true
	stopped := r.follow(v)
	r.noteStopped()
	if !r.live() || r.stopped == nil {
		t.Fatalf("running: live %v, stopped released %v; want live, not released", r.live(), r.stopped == nil)
	}
	r.Running = false
	if !r.live() {
		t.Error("stopped, before the end is shown: not live, want live")
	}
	r.noteStopped()
	select {
	case <-stopped:
	default:
		t.Fatal("the page shows the run stopped: the refresh loop is not told")
	}
	v.ended = true
	if r.live() {
		t.Error("the end shown: live")
	}

	// A newer run before the page showed the older one stopped.
	older := r.follow(v)
	newer := r.follow(newRunView("prodcons", "", "", ""))
	select {
	case <-older:
	default:
		t.Error("a newer run left the older run's refresh loop waiting")
	}
	select {
	case <-newer:
		t.Error("the newer run's refresh loop is told its run stopped")
	default:
	}
}

// TestPanelsMovedOn checks that the refresh loop of a run the panels no
// longer show (the learner picked another pattern mid-run) stops, and that
// no slice it asked for before touches the run the panels show now: once, a
// render asked for just before the page moved on read a nil run, and the
// panic, which go-app does not report while goroutines of its own run,
// froze the page.
func TestPanelsMovedOn(t *testing.T) {
	r := &runPanels{}
	disp := app.NewClientTester(r)
	defer disp.Close()
	var ctx app.Context
	disp.Dispatch(app.Dispatch{Mode: app.Next, Source: r, Function: func(c app.Context) { ctx = c }})
	disp.Consume()
	// onUI's slices run on the test's goroutine, which plays go-app's loop.
	onLoop := func(f func() bool) bool {
		ret := make(chan bool, 1)
		go func() { ret <- f() }()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
			disp.Consume()
			select {
			case ok := <-ret:
				return ok
			case <-time.After(time.Millisecond):
			}
		}
		t.Fatal("still waiting after 5 s")
		return false
	}

	v := newRunView("prodcons", "", "", "")
	prepared := false
	if onLoop(func() bool { return r.render(ctx, v, func() { prepared = true }, nil) }) || prepared {
		t.Error("a render for a run the panels do not show happened")
	}
	r.View = v
	if !onLoop(func() bool { return r.render(ctx, v, func() { prepared = true }, nil) }) || !prepared {
		t.Error("a render for the run the panels show did not happen")
	}
	r.View = nil
	if onLoop(func() bool { return r.liveFrames(ctx, v) }) {
		t.Error("liveFrames reports the run ended; the panels moved on from it")
	}
}

// TestClock checks the log's hand-written stamp against Time.Format.
func TestClock(t *testing.T) {
	v := newRunView("prodcons", "", "", "")
	for _, start := range []time.Time{
		time.Date(2026, 11, 22, 0, 0, 0, 0, time.Local),
		time.Date(2026, 11, 22, 9, 5, 7, 3_000_000, time.Local),
		time.Date(2026, 11, 22, 23, 59, 59, 999_999_999, time.Local),
	} {
		v.start = start
		for _, at := range []time.Duration{0, time.Millisecond, 999 * time.Microsecond, 61*time.Second + 10*time.Millisecond, 25 * time.Hour} {
			if got, want := v.clock(at), start.Add(at).Format("15:04:05.000"); got != want {
				t.Errorf("clock(%v) from %v = %q, want %q", at, start, got, want)
			}
		}
	}
}

func TestDelta(t *testing.T) {
	for _, tc := range []struct {
		a, b float64
		want string
	}{
		{1, 1, "same"},
		{0, 3, "new"},
		{1, 1.4, "+40%"},
		{1, 0.6, "-40%"},
		{1, 2.5, "×2.5"},
		{0.00001, 0.005, "×500"},
		{10, 1234, "×120"},
		{5, 0.0002, "×0.00004"},
		{-3412, 120, "+3532"},
		{100, -50, "-150"},
		{0, -37, "-37"},
		{math.NaN(), 1, ""},
	} {
		if got := delta(tc.a, tc.b); got != tc.want {
			t.Errorf("delta(%v, %v) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestNoticeHeldBack checks that a notice held back by noticeEvery is read
// out once it is due, though no event comes in the meantime: a goroutine
// failing just after a queue filled up, and the run then quiet.
func TestNoticeHeldBack(t *testing.T) {
	v := newRunView("prodcons", "", "", "")
	v.src = &onceSource{s: timeline.Snapshot{}}
	v.h.Notice, v.h.Notices = i18n.Text{En: "queue full"}, 1
	v.refresh()
	if v.notice.En != "queue full" {
		t.Fatalf("the first notice: %q", v.notice.En)
	}
	v.h.Notice, v.h.Notices = i18n.Text{En: "worker-1 failed"}, 2
	v.refresh()
	if v.notice.En != "queue full" {
		t.Errorf("a second notice within %v: %q, want it held back", noticeEvery, v.notice.En)
	}
	version := v.version
	v.noticeAt = v.noticeAt.Add(-noticeEvery) // noticeEvery later
	v.refresh()
	if v.notice.En != "worker-1 failed" || v.version == version {
		t.Errorf("%v later, with no new event: notice %q (version %d, was %d), want the one held back, shown", noticeEvery, v.notice.En, v.version, version)
	}
}

// TestLogBeforeKept checks that rewinding to an instant whose lines were
// let go says so, rather than show later lines as that instant's.
func TestLogBeforeKept(t *testing.T) {
	v := logLines(t, history.KeepEvents+5000, 1000)
	l := &logView{View: v, Rewinding: true}
	l.OnMount(nil)
	l.sync()
	_, cursor := l.window()
	if !l.beforeKept(cursor) {
		t.Errorf("rewound to 0 with the first %d lines let go: cursor line %d, no note", v.h.Log.Total()-v.h.Log.Len(), cursor)
	}
	l.Now = v.h.Elapsed
	if _, cursor := l.window(); l.beforeKept(cursor) {
		t.Error("rewound to the end: the note says the cursor is before the oldest line")
	}
}

// TestPanelsRenderEmpty renders every panel of a run that has recorded
// nothing yet, as the page does the moment Run is pressed, following and
// rewound: a panel that reads a line or a lane that is not there panics,
// and a panic ends the page's Go program.
func TestPanelsRenderEmpty(t *testing.T) {
	v := newRunView("prodcons", "", "", "")
	for _, rewinding := range []bool{false, true} {
		for _, c := range []app.Composer{
			&timings{View: v},
			&goroutineLanes{View: v, Rewinding: rewinding},
			&queueChart{View: v, Now: -1, Rewinding: rewinding},
			&goroutineList{View: v, Now: -1},
			&logView{View: v, Rewinding: rewinding, follow: true, filter: history.Filter{G: -1}},
			&compareView{A: v, B: v},
		} {
			c.Render()
		}
	}
}

// TestLogFilterNarrows checks that a filter typed a letter at a time, which
// tests only the lines the one before let through, lists the same lines
// as the whole log tested afresh.
func TestLogFilterNarrows(t *testing.T) {
	v := logLines(t, 20_000, 1000)
	typed := &logView{View: v}
	typed.OnMount(nil)
	for _, f := range []history.Filter{{G: -1, Text: "L"}, {G: -1, Text: "Li"}, {G: -1, Text: "line 1"}, {G: 0, Text: "line 1"}, {G: 0, Text: "line 19"}, {G: 0, Text: "line 1"}, {G: -1, Text: "ine 1"}} {
		typed.setFilter(f)
		typed.sync()
		fresh := &logView{View: v}
		fresh.OnMount(nil)
		fresh.setFilter(f)
		fresh.sync()
		if !slices.Equal(typed.matches, fresh.matches) {
			t.Errorf("filter %+v: typed lists %d lines, tested afresh %d", f, len(typed.matches), len(fresh.matches))
		}
	}
}
