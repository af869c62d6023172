package app

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"go.uber.org/goleak"

	"chanlab/patterns"
	"chanlab/patterns/prodcons"
	"chanlab/patterns/timeline"
)

func TestMain(m *testing.M) {
	code := m.Run()
	// The page starts the tab's runner (here in process) when it mounts;
	// it lives as long as the app, so end it before looking for leaks.
	theRunners.mu.Lock()
	c := theRunners.current
	theRunners.mu.Unlock()
	if c != nil {
		theRunners.discard(c)
	}
	if err := goleak.Find(); err != nil && code == 0 {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

// TestSeriesBounded checks that a long run keeps at most chartBuckets points
// and never loses its peak, whatever the bucket merges.
func TestSeriesBounded(t *testing.T) {
	var s series
	peak := 0
	for i := range 100_000 {
		n := (i * 7919) % 13
		if i == 54_321 {
			n = 99 // one short spike in a long run
		}
		peak = max(peak, n)
		s.add(time.Duration(i)*time.Millisecond, n)
	}
	if len(s.buckets) > chartBuckets {
		t.Errorf("%d buckets, want ≤ %d", len(s.buckets), chartBuckets)
	}
	if got := s.peak(); got != peak {
		t.Errorf("peak = %d, want %d", got, peak)
	}
}

// TestRunView feeds a real run's snapshots into the view as the UI does,
// several per run, and checks that the panels' numbers add up.
func TestRunView(t *testing.T) {
	rec := timeline.New(0)
	v := newRunView()
	v.src = &recorderSource{rec: rec}
	cfg := prodcons.Config{Buffer: 2, Producers: 2, Consumers: 1, Duration: 60 * time.Millisecond, ConsumerDelay: time.Millisecond}
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
	q := v.queues[0]
	if q.Puts != res.Produced || q.Gets != res.Consumed {
		t.Errorf("view: %d puts, %d gets; run: %d produced, %d consumed", q.Puts, q.Gets, res.Produced, res.Consumed)
	}
	if peak := q.chart.peak(); peak > cfg.Buffer || peak != res.MaxQueueLen {
		t.Errorf("chart peak %d, run's max %d, capacity %d", peak, res.MaxQueueLen, cfg.Buffer)
	}
	lines := v.lines(visibleLogLines)
	if len(lines) == 0 || len(v.log) > maxLogLines {
		t.Fatalf("%d lines shown, %d kept", len(lines), len(v.log))
	}
	if last := lines[len(lines)-1]; last.Text != "done" {
		t.Errorf("last line = %+v, want a goroutine's end", last)
	}
	for _, g := range v.goroutines {
		if g.State != timeline.Done {
			t.Errorf("%s: %v after the run", g.Name, g.State)
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
	v := newRunView()
	v.src = &recorderSource{rec: rec}
	v.refresh()
	if len(v.gauges) != 1 {
		t.Fatalf("%d gauges in the view, want 1", len(v.gauges))
	}
	if gv := v.gauges[0]; gv.Value != 3 || gv.Max != 7 || gv.chart.peak() != 7 {
		t.Errorf("gauge now %d, max %d, chart peak %d; want 3, 7, 7", gv.Value, gv.Max, gv.chart.peak())
	}
}

func TestLogRingKeepsNewest(t *testing.T) {
	var v runView
	for i := range maxLogLines + 10 {
		v.addLine(logLine{Text: strings.Repeat("x", i%3) + string(rune('a'+i%26))})
	}
	lines := v.lines(3)
	want := []int{maxLogLines + 7, maxLogLines + 8, maxLogLines + 9}
	for i, l := range lines {
		if w := strings.Repeat("x", want[i]%3) + string(rune('a'+want[i]%26)); l.Text != w {
			t.Errorf("line %d = %q, want %q", i, l.Text, w)
		}
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

func (r *recorderSource) Take() (timeline.Snapshot, bool) {
	s := r.rec.Snapshot(r.cursor)
	r.cursor = s.Next
	return s, true
}
