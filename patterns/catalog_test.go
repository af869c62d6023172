package patterns

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"chanlab/patterns/timeline"
)

func TestMain(m *testing.M) {
	// On js/wasm the runtime's event handler goroutine is always there.
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("runtime.handleEvent"))
}

// slug is what IDs and knob names look like: they are URL path segments
// and query keys.
var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestCatalog(t *testing.T) {
	specs := All()
	if len(specs) == 0 {
		t.Fatal("the catalog is empty")
	}
	ids := map[string]bool{}
	lastTopic := 0
	for _, s := range specs {
		t.Run(s.ID, func(t *testing.T) {
			if !slug.MatchString(s.ID) || url.PathEscape(s.ID) != s.ID {
				t.Errorf("ID %q is not a URL-safe slug", s.ID)
			}
			if ids[s.ID] {
				t.Errorf("ID %q is used twice", s.ID)
			}
			ids[s.ID] = true
			topic := slices.Index(Topics, s.Topic)
			if topic < 0 {
				t.Errorf("topic %q is not one of %q", s.Topic, Topics)
			}
			if topic < lastTopic {
				t.Errorf("topic %q comes after %q: All() must follow the course order", s.Topic, Topics[lastTopic])
			}
			lastTopic = max(lastTopic, topic)
			for field, v := range map[string]string{"Title": s.Title, "Lesson": s.Lesson, "Python": s.Python, "InGo": s.InGo, "Source": s.Source} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s is empty", field)
				}
			}
			if !strings.Contains(s.Source, "package ") {
				t.Errorf("Source does not look like Go: it has no package clause")
			}
			if s.Run == nil {
				t.Errorf("Run is nil")
			}
			checkParams(t, s.Params)
			if _, problems := s.Parse(nil); len(problems) != 0 {
				t.Errorf("the defaults have problems: %v", problems)
			}
		})
	}
}

func checkParams(t *testing.T, params []Param) {
	t.Helper()
	names := map[string]bool{}
	for _, p := range params {
		if !slug.MatchString(p.Name) || url.QueryEscape(p.Name) != p.Name {
			t.Errorf("knob name %q is not a URL-safe slug", p.Name)
		}
		if names[p.Name] {
			t.Errorf("knob name %q is used twice", p.Name)
		}
		names[p.Name] = true
		if p.Label == "" || p.Help == "" {
			t.Errorf("knob %s: label %q, help %q; want both", p.Name, p.Label, p.Help)
		}
		switch p.Kind {
		case Int, Duration:
			if p.Min > p.Max {
				t.Errorf("knob %s: min %d > max %d", p.Name, p.Min, p.Max)
			}
		case Bool:
		case Choice:
			if len(p.Choices) == 0 {
				t.Errorf("knob %s: a choice without choices", p.Name)
			}
			for i, c := range p.Choices {
				if c == "" || slices.IndexFunc(p.Choices[:i], func(d string) bool { return strings.EqualFold(c, d) }) >= 0 {
					t.Errorf("knob %s: choice %q is empty or repeated", p.Name, c)
				}
			}
		default:
			t.Errorf("knob %s: unknown kind %d", p.Name, p.Kind)
		}
		if _, err := p.parse(p.Default); err != nil {
			t.Errorf("knob %s: default %q does not parse: %v", p.Name, p.Default, err)
			continue
		}
		def, msg := p.Parse(p.Default)
		if msg != "" {
			t.Errorf("knob %s: default %q: %s", p.Name, p.Default, msg)
		}
		if got, _ := p.Parse(""); got != def {
			t.Errorf("knob %s: Parse(\"\") = %d, want the default %d", p.Name, got, def)
		}
		if got, msg := p.Parse(p.Format(def)); got != def || msg != "" {
			t.Errorf("knob %s: default %q formats as %q, which parses as %d, %q", p.Name, p.Default, p.Format(def), got, msg)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, s := range All() {
		got, ok := Lookup(s.ID)
		if !ok || got.ID != s.ID || got.Title != s.Title {
			t.Errorf("Lookup(%q) = %q, %v; want %q", s.ID, got.ID, ok, s.ID)
		}
	}
	for _, id := range []string{"", "nope", "prodcons/", " prodcons"} {
		if got, ok := Lookup(id); ok || got.ID != "" {
			t.Errorf("Lookup(%q) = %q, %v; want nothing", id, got.ID, ok)
		}
	}
}

// shortRunValues are spec's defaults with every duration knob at most
// 100ms, so that a test run takes well under a second.
func shortRunValues(s Spec) Values {
	v := s.Defaults()
	for _, p := range s.Params {
		if p.Kind == Duration {
			v[p.Name] = max(min(v[p.Name], int64(100*time.Millisecond)), p.Min)
		}
	}
	return v
}

// deadlocksByDefault are the patterns whose lesson is a deadlock: at their
// defaults Exec stops them as stuck, and without a recorder to watch only
// their context ends them.
var deadlocksByDefault = map[string]bool{"deadlock": true}

// ignoresCancel are the patterns whose lesson is a run that cancelling
// cannot stop.
var ignoresCancel = map[string]bool{"failures": true}

// TestCatalogRun runs every pattern once with its defaults, shortened, with
// and without a recorder, the way the UI does (Exec). No pattern but the
// deadlock lesson is ever judged stuck.
func TestCatalogRun(t *testing.T) {
	for _, s := range All() {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/recorder=%v", s.ID, withRec), func(t *testing.T) {
				var rec *timeline.Recorder
				if withRec {
					rec = timeline.New(0)
				}
				limit := 2 * time.Second
				if deadlocksByDefault[s.ID] && !withRec {
					limit = 100 * time.Millisecond
				}
				ctx, cancel := context.WithTimeout(t.Context(), limit)
				defer cancel()
				res, err := s.Exec(ctx, shortRunValues(s), rec)
				_, deadlocked := errors.AsType[*timeline.DeadlockError](err)
				switch {
				case deadlocksByDefault[s.ID] && withRec:
					if !deadlocked {
						t.Errorf("Exec = %v, want a deadlock", err)
					}
				case deadlocksByDefault[s.ID]:
					if !errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("Exec = %v, want the deadline: nothing else ends it", err)
					}
				case err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded):
					t.Errorf("Exec: %v", err)
				case ctx.Err() != nil:
					t.Errorf("the shortened run took more than 2s")
				}
				checkMetrics(t, res)
				if rec != nil {
					// Run returns when every goroutine it started has exited.
					for _, g := range rec.Snapshot(0).Goroutines {
						if g.State != timeline.Done {
							t.Errorf("%s is %v after Run returned, want done", g.Name, g.State)
						}
					}
				}
			})
		}
	}
}

func checkMetrics(t *testing.T, res Result) {
	t.Helper()
	if len(res.Metrics) == 0 {
		t.Fatal("no metrics")
	}
	names := map[string]bool{}
	lessons := 0
	for _, m := range res.Metrics {
		if !slug.MatchString(m.Name) || m.Label == "" || m.Value == "" {
			t.Errorf("metric %+v: want a slug name, a label and a value", m)
		}
		if names[m.Name] {
			t.Errorf("metric %q appears twice", m.Name)
		}
		names[m.Name] = true
		if got, ok := res.Metric(m.Name); !ok || got != m {
			t.Errorf("Metric(%q) = %+v, %v; want %+v", m.Name, got, ok, m)
		}
		if m.Lesson {
			lessons++
		}
	}
	if lessons == 0 {
		t.Errorf("no metric is marked as the lesson")
	}
	if _, ok := res.Metric("no-such-metric"); ok {
		t.Errorf("Metric(no-such-metric) found something")
	}
	checkMetricsKo(t, res)
}

// TestCatalogRunCancel stops every pattern, at its defaults, soon after it
// started: it returns promptly, with no error other than the context's.
func TestCatalogRunCancel(t *testing.T) {
	for _, s := range All() {
		t.Run(s.ID, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			time.AfterFunc(50*time.Millisecond, cancel)
			vals := s.Defaults()
			if ignoresCancel[s.ID] {
				// Its lesson is a run that cannot be cancelled: it ends
				// at its own limit, not at the cancel.
				vals["limit"] = int64(300 * time.Millisecond)
			}
			start := time.Now()
			res, err := s.Run(ctx, vals, timeline.New(0))
			took := time.Since(start)
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("Run = %v, want nil or context.Canceled", err)
			}
			switch {
			case ignoresCancel[s.ID] && took < 300*time.Millisecond:
				t.Errorf("Run returned after %v, before its 300ms limit: it was meant to ignore the cancel", took)
			case !ignoresCancel[s.ID] && took > 50*time.Millisecond+500*time.Millisecond:
				t.Errorf("Run returned %v after a cancel at 50ms", took-50*time.Millisecond)
			}
			checkMetrics(t, res)
		})
	}
}

func TestSpread(t *testing.T) {
	for _, tc := range []struct {
		least, most int
		want        string
	}{{-1, 0, "none"}, {0, 0, "0"}, {5, 5, "5"}, {4, 5, "4–5"}} {
		if got := spread(tc.least, tc.most); got != tc.want {
			t.Errorf("spread(%d, %d) = %q, want %q", tc.least, tc.most, got, tc.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		12345 * time.Millisecond:   "12.3s",
		1234567 * time.Microsecond: "1.235s",
		729600 * time.Microsecond:  "730ms",
		72940 * time.Microsecond:   "72.9ms",
		1434 * time.Microsecond:    "1.43ms",
		729 * time.Microsecond:     "729µs",
		0:                          "0s",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
