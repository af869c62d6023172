package patterns

import (
	"maps"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Knobs of every kind, for the tests.
var (
	items   = Param{Name: "items", Label: "Items", Kind: Int, Default: "5", Min: 0, Max: 100}
	workers = Param{Name: "workers", Label: "Workers", Kind: Int, Default: "2", Min: 1, Max: 8}
	delay   = Param{Name: "delay", Label: "Delay", Kind: Duration, Default: "50ms", Min: 0, Max: int64(time.Minute)}
	tick    = Param{Name: "tick", Label: "Tick", Kind: Duration, Default: "1s", Min: int64(10 * time.Millisecond), Max: int64(time.Hour)}
	verbose = Param{Name: "verbose", Label: "Verbose", Kind: Bool, Default: "off"}
	fair    = Param{Name: "fair", Label: "Fair", Kind: Bool, Default: "on"}
	order   = Param{Name: "order", Label: "Order", Kind: Choice, Default: "fifo", Choices: []string{"fifo", "lifo", "priority"}}
)

// TestParamMessageBrief checks that a long bad value is quoted by its
// start: a message that echoed 100,000 characters would bury the form.
func TestParamMessageBrief(t *testing.T) {
	long := strings.Repeat("x", 100_000)
	if _, msg := items.Parse(long); msg == "" || len(msg) > 200 || !strings.Contains(msg, strings.Repeat("x", 40)+"…") {
		t.Errorf("message for a 100,000-character value: %d bytes: %.80q", len(msg), msg)
	}
	if got := Brief("한국어 값"); got != "한국어 값" {
		t.Errorf("Brief of a short value: %q", got)
	}
}

func TestParamParse(t *testing.T) {
	ms := int64(time.Millisecond)
	tests := []struct {
		p       Param
		in      string
		want    Value
		wantMsg bool
	}{
		{items, "", 5, false},
		{items, "10", 10, false},
		{items, " 7 ", 7, false},
		{items, "+7", 7, false},
		{items, "0", 0, false},
		{items, "100", 100, false},
		{items, "-1", 0, true},
		{items, "101", 100, true},
		{items, "99999999999999999999999", 5, true},
		{items, "-99999999999999999999999", 5, true},
		{items, "abc", 5, true},
		{items, "1.5", 5, true},
		{items, "1e3", 5, true},
		{items, "0x10", 5, true},
		{items, "7 items", 5, true},
		{workers, "0", 1, true},
		{workers, "-1", 1, true},
		{workers, "9", 8, true},

		{delay, "", 50 * ms, false},
		{delay, "500ms", 500 * ms, false},
		{delay, "2s", 2000 * ms, false},
		{delay, "250", 250 * ms, false},
		{delay, " 2s ", 2000 * ms, false},
		{delay, "1.5s", 1500 * ms, false},
		{delay, "1.5", 1500 * int64(time.Microsecond), false},
		{delay, "+0.25", 250 * int64(time.Microsecond), false},
		{delay, "-1.5", 0, true},
		{delay, "1.2.3", 50 * ms, true},
		{delay, "1e3", 50 * ms, true},
		{delay, "99999999999999.5", 50 * ms, true},
		{delay, "0", 0, false},
		{delay, "1µs", int64(time.Microsecond), false},
		{delay, "1m", int64(time.Minute), false},
		{delay, "-5ms", 0, true},
		{delay, "-5", 0, true},
		{delay, "1h", int64(time.Minute), true},
		{delay, "61s", int64(time.Minute), true},
		{delay, "bogus", 50 * ms, true},
		{delay, "5 ms", 50 * ms, true},
		{delay, "99999999999999999999999", 50 * ms, true},
		{delay, "9999999999999", 50 * ms, true}, // milliseconds beyond a Duration
		{delay, "9999999999999h", 50 * ms, true},
		{tick, "5ms", 10 * ms, true},
		{tick, "0", 10 * ms, true},

		{verbose, "", 0, false},
		{verbose, "on", 1, false},
		{verbose, "off", 0, false},
		{verbose, "true", 1, false},
		{verbose, "FALSE", 0, false},
		{verbose, "yes", 1, false},
		{verbose, "no", 0, false},
		{verbose, "1", 1, false},
		{verbose, "0", 0, false},
		{verbose, " On ", 1, false},
		{verbose, "maybe", 0, true},
		{verbose, "2", 0, true},
		{fair, "", 1, false},
		{fair, "maybe", 1, true},

		{order, "", 0, false},
		{order, "lifo", 1, false},
		{order, "PRIORITY", 2, false},
		{order, " lifo ", 1, false},
		{order, "random", 0, true},
		{order, "1", 0, true},
		{order, "fif", 0, true},
	}
	for _, tt := range tests {
		got, msg := tt.p.Parse(tt.in)
		if got != tt.want || (msg != "") != tt.wantMsg {
			t.Errorf("%s.Parse(%q) = %d, %q; want %d and a message: %v", tt.p.Name, tt.in, got, msg, tt.want, tt.wantMsg)
		}
		if msg != "" && (!strings.Contains(msg, tt.p.Label) || !strings.Contains(msg, tt.p.Format(got))) {
			t.Errorf("%s.Parse(%q) message %q, want it to name %q and the value used, %s", tt.p.Name, tt.in, msg, tt.p.Label, tt.p.Format(got))
		}
		// Whatever was given, the value used is valid and can be written
		// back into a link.
		if (tt.p.Kind == Int || tt.p.Kind == Duration) && (got < tt.p.Min || got > tt.p.Max) {
			t.Errorf("%s.Parse(%q) = %d, outside [%d, %d]", tt.p.Name, tt.in, got, tt.p.Min, tt.p.Max)
		}
		if again, msg := tt.p.Parse(tt.p.Format(got)); again != got || msg != "" {
			t.Errorf("%s.Parse(Format(%d) = %q) = %d, %q; want %d and no message", tt.p.Name, got, tt.p.Format(got), again, msg, got)
		}
	}
}

func TestParamFormat(t *testing.T) {
	tests := []struct {
		p    Param
		v    Value
		want string
	}{
		{items, 42, "42"},
		{items, -3, "-3"},
		{delay, 0, "0ms"},
		{delay, int64(250 * time.Millisecond), "250ms"},
		{delay, int64(2 * time.Second), "2s"},
		{delay, int64(1500 * time.Millisecond), "1500ms"},
		{delay, int64(90 * time.Second), "90s"},
		{delay, int64(time.Hour), "3600s"},
		{delay, int64(time.Microsecond), "1µs"},
		{delay, int64(1500 * time.Microsecond), "1.5ms"},
		{verbose, 0, "off"},
		{verbose, 1, "on"},
		{verbose, 5, "on"},
		{order, 1, "lifo"},
		{order, -1, ""},
		{order, 3, ""},
	}
	for _, tt := range tests {
		if got := tt.p.Format(tt.v); got != tt.want {
			t.Errorf("%s.Format(%d) = %q, want %q", tt.p.Name, tt.v, got, tt.want)
		}
	}
}

var testSpec = Spec{ID: "test", Params: []Param{items, workers, delay, tick, verbose, fair, order}}

func TestSpecParse(t *testing.T) {
	defaults := Values{"items": 5, "workers": 2, "delay": int64(50 * time.Millisecond), "tick": int64(time.Second), "verbose": 0, "fair": 1, "order": 0}
	with := func(changes Values) Values {
		v := maps.Clone(defaults)
		maps.Copy(v, changes)
		return v
	}
	tests := []struct {
		name         string
		query        string
		want         Values
		wantProblems []string // knob names, in the spec's order
	}{
		{"empty", "", defaults, nil},
		{"unknown keys", "colour=red&itemz=3", defaults, nil},
		{"some set", "items=10&order=lifo&delay=2s", with(Values{"items": 10, "order": 1, "delay": int64(2 * time.Second)}), nil},
		{"first value wins", "items=10&items=20", with(Values{"items": 10}), nil},
		{"empty value", "items=&verbose=", defaults, nil},
		{
			"problems", "order=random&items=-4&verbose=on&delay=1h",
			with(Values{"items": 0, "verbose": 1, "delay": int64(time.Minute)}),
			[]string{"items", "delay", "order"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, problems := testSpec.Parse(q)
			if !maps.Equal(got, tt.want) {
				t.Errorf("Parse(%q) = %v, want %v", tt.query, got, tt.want)
			}
			var names []string
			for _, p := range problems {
				names = append(names, p.Param)
				if p.Message == "" {
					t.Errorf("problem with %s has no message", p.Param)
				}
			}
			if !reflect.DeepEqual(names, tt.wantProblems) {
				t.Errorf("Parse(%q) problems with %v, want %v", tt.query, names, tt.wantProblems)
			}
		})
	}
	if got := testSpec.Defaults(); !maps.Equal(got, defaults) {
		t.Errorf("Defaults() = %v, want %v", got, defaults)
	}
}

// TestSpecQuery checks that a link made by Query holds only what differs
// from the defaults and restores the same values.
func TestSpecQuery(t *testing.T) {
	tests := []struct {
		name string
		vals Values
		want string // encoded
	}{
		{"defaults", testSpec.Defaults(), ""},
		{"nothing given", Values{}, ""},
		{"one changed", Values{"items": 10}, "items=10"},
		{"every kind", Values{"items": 0, "workers": 8, "delay": int64(1500 * time.Millisecond), "tick": int64(10 * time.Millisecond),
			"verbose": 1, "fair": 0, "order": 2},
			"delay=1500ms&fair=off&items=0&order=priority&tick=10ms&verbose=on&workers=8"},
		{"defaults among changes", Values{"items": 5, "delay": int64(2 * time.Second), "order": 0}, "delay=2s"},
		{"unknown names", Values{"colour": 3, "items": 6}, "items=6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := testSpec.Query(tt.vals)
			if got := q.Encode(); got != tt.want {
				t.Errorf("Query(%v) = %q, want %q", tt.vals, got, tt.want)
			}
			// As a link does: through the encoded query string.
			link, err := url.ParseQuery(q.Encode())
			if err != nil {
				t.Fatal(err)
			}
			got, problems := testSpec.Parse(link)
			if len(problems) != 0 {
				t.Errorf("Parse(Query(%v)) problems: %v", tt.vals, problems)
			}
			want := testSpec.Defaults()
			for _, p := range testSpec.Params {
				if v, ok := tt.vals[p.Name]; ok {
					want[p.Name] = v
				}
			}
			if !maps.Equal(got, want) {
				t.Errorf("Parse(Query(%v)) = %v, want %v", tt.vals, got, want)
			}
			if again := testSpec.Query(got).Encode(); again != q.Encode() {
				t.Errorf("Query(Parse(Query(v))) = %q, want %q", again, q.Encode())
			}
		})
	}
}

func TestValues(t *testing.T) {
	v := Values{"items": 7, "delay": int64(250 * time.Millisecond), "verbose": 1, "fair": 0}
	if got := v.Int("items"); got != 7 {
		t.Errorf("Int(items) = %d, want 7", got)
	}
	if got := v.Duration("delay"); got != 250*time.Millisecond {
		t.Errorf("Duration(delay) = %v, want 250ms", got)
	}
	if !v.Bool("verbose") || v.Bool("fair") || v.Bool("missing") || v.Int("missing") != 0 {
		t.Errorf("Bool(verbose), Bool(fair), Bool(missing), Int(missing) = %v, %v, %v, %d; want true, false, false, 0",
			v.Bool("verbose"), v.Bool("fair"), v.Bool("missing"), v.Int("missing"))
	}
}
