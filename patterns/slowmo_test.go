package patterns

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

// TestSlowMotionKnob checks that every pattern with a delay has the
// slow-motion knob, last, and that the others do not show one that would
// change nothing.
func TestSlowMotionKnob(t *testing.T) {
	for _, s := range All() {
		i := slices.IndexFunc(s.Params, func(p Param) bool { return p.Name == SlowMotion })
		hasDelay := slices.ContainsFunc(s.Params, scaled)
		switch {
		case hasDelay && i != len(s.Params)-1:
			t.Errorf("%s: slow motion is knob %d of %d, want the last", s.ID, i, len(s.Params))
		case !hasDelay && i >= 0:
			t.Errorf("%s: has no delay, yet a slow-motion knob", s.ID)
		}
	}
	for _, id := range []string{"counter", "processes", "deadlock", "failures"} {
		if s, _ := Lookup(id); slices.ContainsFunc(s.Params, func(p Param) bool { return p.Name == SlowMotion }) {
			t.Errorf("%s has a slow-motion knob: it has nothing to slow down", id)
		}
	}
	if len(slowmoFactors) != len(slowmoParam.Choices) {
		t.Errorf("%d factors for %d choices", len(slowmoFactors), len(slowmoParam.Choices))
	}
	for i, c := range slowmoParam.Choices[1:] {
		if want := fmt.Sprintf("%dx", slowmoFactors[i+1]); c != want {
			t.Errorf("choice %q has the factor %d", c, slowmoFactors[i+1])
		}
	}
}

// TestSlowed checks the scaling for every pattern and every factor: each
// delay is multiplied, every other knob (and a limit) is unchanged, and the
// learner's values are left as they were.
func TestSlowed(t *testing.T) {
	failures, _ := Lookup("failures")
	specs := append(All(), Spec{ID: "failures-forced", Params: append(slices.Clip(failures.Params), slowmoParam)})
	for _, s := range specs {
		for i, f := range slowmoFactors {
			t.Run(fmt.Sprintf("%s/%s", s.ID, slowmoParam.Choices[i]), func(t *testing.T) {
				vals := s.Defaults()
				vals[SlowMotion] = int64(i)
				before := maps.Clone(vals)
				got := s.slowed(vals)
				if !maps.Equal(vals, before) {
					t.Errorf("slowed changed its argument: %v, was %v", vals, before)
				}
				if len(got) != len(vals) {
					t.Errorf("slowed returned %d values, want %d", len(got), len(vals))
				}
				for _, p := range s.Params {
					want := vals[p.Name]
					if scaled(p) {
						want *= f
					}
					if got[p.Name] != want {
						t.Errorf("%s = %s, want %s", p.Name, p.Format(got[p.Name]), p.Format(want))
					}
				}
			})
		}
	}

	s, _ := Lookup("prodcons")
	for _, tt := range []struct {
		name string
		vals Values
		want Values
	}{
		{"no knob", Values{"pdelay": 50}, Values{"pdelay": 50}},
		{"not a choice", Values{"pdelay": 50, SlowMotion: 99}, Values{"pdelay": 50, SlowMotion: 99}},
		{"negative", Values{"pdelay": 50, SlowMotion: -1}, Values{"pdelay": 50, SlowMotion: -1}},
		{"saturates", Values{"pdelay": math.MaxInt64 / 3, "cdelay": math.MinInt64 / 3, SlowMotion: 4},
			Values{"pdelay": math.MaxInt64, "cdelay": math.MinInt64, SlowMotion: 4}},
		{"only what is there", Values{"buffer": 3, SlowMotion: 1}, Values{"buffer": 3, SlowMotion: 1}},
		{"nil", nil, nil},
	} {
		if got := s.slowed(tt.vals); !maps.Equal(got, tt.want) {
			t.Errorf("%s: slowed(%v) = %v, want %v", tt.name, tt.vals, got, tt.want)
		}
	}
}

// TestSlowMotionURL checks the knob's round trip through a link, and its
// bad values.
func TestSlowMotionURL(t *testing.T) {
	s, _ := Lookup("prodcons")
	for _, tt := range []struct {
		in      string
		want    string // the value, formatted
		query   string // Query of the parsed values
		problem bool
	}{
		{"", "off", "", false},
		{"off", "off", "", false},
		{"2x", "2x", "slowmo=2x", false},
		{"5x", "5x", "slowmo=5x", false},
		{" 10X ", "10x", "slowmo=10x", false},
		{"20x", "20x", "slowmo=20x", false},
		{"3x", "off", "", true},
		{"5", "off", "", true},
		{"fast", "off", "", true},
	} {
		vals, problems := s.Parse(url.Values{SlowMotion: {tt.in}})
		if got := slowmoParam.Format(vals[SlowMotion]); got != tt.want {
			t.Errorf("slowmo=%q parses as %q, want %q", tt.in, got, tt.want)
		}
		if got := s.Query(vals).Encode(); got != tt.query {
			t.Errorf("slowmo=%q: Query = %q, want %q", tt.in, got, tt.query)
		}
		switch {
		case tt.problem && (len(problems) != 1 || problems[0].Param != SlowMotion || !strings.Contains(problems[0].Message, "Slow motion")):
			t.Errorf("slowmo=%q: problems %v, want one naming Slow motion", tt.in, problems)
		case !tt.problem && len(problems) != 0:
			t.Errorf("slowmo=%q: problems %v, want none", tt.in, problems)
		}
	}

	// A link with slow motion runs with longer delays, and shows the ones
	// the learner chose.
	link, _ := url.ParseQuery("pdelay=100ms&slowmo=20x&buffer=3")
	vals, problems := s.Parse(link)
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	if got := s.Query(vals).Encode(); got != link.Encode() {
		t.Errorf("Query = %q, want %q", got, link.Encode())
	}
	run := s.slowed(vals)
	for name, want := range map[string]time.Duration{"pdelay": 2 * time.Second, "cdelay": 2 * time.Second, "duration": time.Minute} {
		if got := run.Duration(name); got != want {
			t.Errorf("the run's %s = %v, want %v", name, got, want)
		}
	}
	if got := run.Int("buffer"); got != 3 {
		t.Errorf("the run's buffer = %d, want 3", got)
	}
}

// TestSlowMotionRun runs patterns through Exec, as the UI does, at 1× and
// at k×: the same items go through, and the run takes k times as long.
func TestSlowMotionRun(t *testing.T) {
	for _, tt := range []struct {
		id     string
		counts []string // metrics that must not change
	}{
		{"async-queue", []string{"produced", "consumed", "left", "exited"}},
		{"queues", []string{"put", "processed", "left", "maxlen"}},
		{"fanout", []string{"finished", "exited"}},
	} {
		s, _ := Lookup(tt.id)
		run := func(factor int) (Result, time.Duration) {
			var res Result
			var took time.Duration
			synctest.Test(t, func(t *testing.T) {
				vals := s.Defaults()
				vals[SlowMotion] = int64(slices.Index(slowmoFactors, int64(factor)))
				start := time.Now()
				var err error
				res, err = s.Exec(t.Context(), vals, timeline.New(0))
				took = time.Since(start)
				if err != nil {
					t.Errorf("%s at %d×: Exec = %v", s.ID, factor, err)
				}
			})
			return res, took
		}
		base, baseTook := run(1)
		for _, k := range []int{5, 20} {
			res, took := run(k)
			for _, name := range tt.counts {
				got, _ := res.Metric(name)
				want, _ := base.Metric(name)
				if got.Value != want.Value {
					t.Errorf("%s at %d×: %s = %q, want %q as at 1×", s.ID, k, name, got.Value, want.Value)
				}
			}
			// Exactly k× natively; on js/wasm the pacing's 1ms pauses,
			// which slow motion does not scale, add a little.
			want := time.Duration(k) * baseTook
			if diff := took - want; diff < -want/50 || diff > want/50 {
				t.Errorf("%s at %d×: took %v, want %v (k × %v)", s.ID, k, took, want, baseTook)
			}
		}
	}
}

// TestSlowMotionNotStuck runs every pattern at 20× slower in a bubble: slow
// motion makes nothing look deadlocked, and every run ends as at 1×.
func TestSlowMotionNotStuck(t *testing.T) {
	for _, s := range All() {
		if !slices.ContainsFunc(s.Params, func(p Param) bool { return p.Name == SlowMotion }) {
			continue
		}
		t.Run(s.ID, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				vals := shortRunValues(s)
				vals[SlowMotion] = int64(len(slowmoFactors) - 1)
				_, err := s.Exec(t.Context(), vals, timeline.New(0))
				if _, deadlocked := errors.AsType[*timeline.DeadlockError](err); deadlocked {
					t.Errorf("judged stuck at %s: %v", slowmoParam.Choices[vals[SlowMotion]], err)
				} else if err != nil {
					t.Errorf("Exec = %v", err)
				}
			})
		})
	}
}
