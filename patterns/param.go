package patterns

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"chanlab/i18n"
)

// ParamKind is the type of a knob's value.
type ParamKind uint8

// The knob kinds.
const (
	Int      ParamKind = iota // a whole number within [Min, Max]
	Duration                  // a time.Duration within [Min, Max] nanoseconds
	Bool                      // on or off
	Choice                    // one of Choices
)

// Param is a knob: one value a learner can change. Its Name is also its URL
// query key. Parsing and validation of every knob happen here, in Parse.
type Param struct {
	Name    string
	Label   string
	Kind    ParamKind
	Default string // in the same syntax Parse accepts
	Min     int64  // for Int; nanoseconds for Duration
	Max     int64
	Unit    string // shown beside Int values ("items", "goroutines")
	Help    string // one line
	Choices []string
	// Unscaled marks a Duration that is a limit, not a delay: slow motion
	// (see SlowMotion) leaves it as it is.
	Unscaled bool

	// The Korean of Label, Help and Unit (see Spec.In).
	LabelKo, HelpKo, UnitKo string

	lang i18n.Lang // the language of Label, Help, Unit and Parse's messages; "" is English
}

// Value is a parsed knob value: the int64 for Int, nanoseconds for Duration,
// 0 or 1 for Bool, the index into Choices for Choice.
type Value = int64

// Parse turns s into a value of p. Empty means the default. A malformed or
// out-of-range s gives a message for the learner, in p's language (see
// Spec.In), and a safe value: the default, or the nearest bound.
func (p Param) Parse(s string) (Value, string) {
	def := p.mustParse(p.Default)
	s = strings.TrimSpace(s)
	if s == "" {
		return def, ""
	}
	ko := p.lang == i18n.Ko
	v, err := p.parse(s)
	if err != nil {
		if ko {
			return def, fmt.Sprintf("%s: %s. 사용하는 값: %s", p.Label, err.ko, p.Format(def))
		}
		return def, fmt.Sprintf("%s: %s; using %s", p.Label, err.en, p.Format(def))
	}
	if p.Kind == Int || p.Kind == Duration {
		switch {
		case v < p.Min && ko:
			return p.Min, fmt.Sprintf("%s: %s — 최솟값 %s보다 작습니다. 사용하는 값: %s", p.Label, p.Format(v), p.Format(p.Min), p.Format(p.Min))
		case v < p.Min:
			return p.Min, fmt.Sprintf("%s: %s is below the minimum %s; using %s", p.Label, p.Format(v), p.Format(p.Min), p.Format(p.Min))
		case v > p.Max && ko:
			return p.Max, fmt.Sprintf("%s: %s — 최댓값 %s보다 큽니다. 사용하는 값: %s", p.Label, p.Format(v), p.Format(p.Max), p.Format(p.Max))
		case v > p.Max:
			return p.Max, fmt.Sprintf("%s: %s is above the maximum %s; using %s", p.Label, p.Format(v), p.Format(p.Max), p.Format(p.Max))
		}
	}
	return v, ""
}

// parseError is why an input is not a value of the knob, in both
// languages: the Korean puts the input last, where no particle has to
// agree with it.
type parseError struct{ en, ko string }

func (e *parseError) Error() string { return e.en }

func errorf(en, ko string, args ...any) *parseError {
	return &parseError{fmt.Sprintf(en, args...), fmt.Sprintf(ko, args...)}
}

func (p Param) parse(s string) (Value, *parseError) {
	switch p.Kind {
	case Int:
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return 0, errorf("%q is far too large", "너무 큰 수입니다: %q", Brief(s))
			}
			return 0, errorf("%q is not a whole number", "정수가 아닙니다: %q", Brief(s))
		}
		return v, nil
	case Duration:
		// A bare number is milliseconds, the unit the knobs are usually
		// thought in.
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			if n > int64(1<<62)/int64(time.Millisecond) || n < -int64(1<<62)/int64(time.Millisecond) {
				return 0, errorf("%q is far too long", "너무 긴 시간입니다: %q", Brief(s))
			}
			return n * int64(time.Millisecond), nil
		}
		// So is a bare decimal (1.5), as a course page's script may send
		// it: a duration's own syntax has a unit (1.5ms).
		if strings.Trim(s, "+-0123456789.") == "" && strings.Count(s, ".") == 1 {
			if f, err := strconv.ParseFloat(s, 64); err == nil && math.Abs(f) <= float64(int64(1<<62)/int64(time.Millisecond)) {
				return int64(math.Round(f * float64(time.Millisecond))), nil
			}
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, errorf("%q is not a duration like 500ms or 2s", "500ms나 2s 같은 시간이 아닙니다: %q", Brief(s))
		}
		return int64(d), nil
	case Bool:
		switch strings.ToLower(s) {
		case "1", "true", "on", "yes":
			return 1, nil
		case "0", "false", "off", "no":
			return 0, nil
		}
		return 0, errorf("%q is not on or off", "on이나 off가 아닙니다: %q", Brief(s))
	case Choice:
		for i, c := range p.Choices {
			if strings.EqualFold(c, s) {
				return int64(i), nil
			}
		}
		return 0, errorf("%q is not one of %s", "%[2]s 중 하나가 아닙니다: %[1]q", Brief(s), strings.Join(p.Choices, ", "))
	}
	return 0, errorf("unknown kind of knob", "알 수 없는 종류의 설정값입니다")
}

// Brief is s as a message quotes it: whole, unless it is long (a value
// pasted by mistake, or sent by a script), when its start stands for it.
func Brief(s string) string {
	const most = 40 // runes
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most]) + "…"
}

// mustParse parses a catalog default; the catalog tests check that every
// default parses and lies within bounds.
func (p Param) mustParse(s string) Value {
	v, err := p.parse(s)
	if err != nil {
		panic(fmt.Sprintf("patterns: knob %s: bad default: %v", p.Name, err))
	}
	return v
}

// Format writes v in the syntax Parse accepts.
func (p Param) Format(v Value) string {
	switch p.Kind {
	case Duration:
		return formatDuration(time.Duration(v))
	case Bool:
		if v != 0 {
			return "on"
		}
		return "off"
	case Choice:
		if v >= 0 && int(v) < len(p.Choices) {
			return p.Choices[v]
		}
		return ""
	}
	return strconv.FormatInt(v, 10)
}

// formatDuration prints 1.5s or 250ms rather than time's 1m0s style where it
// can, so that URLs and inputs stay short.
func formatDuration(d time.Duration) string {
	switch {
	case d == 0:
		return "0ms"
	case d%time.Second == 0:
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	case d%time.Millisecond == 0:
		return strconv.FormatInt(int64(d/time.Millisecond), 10) + "ms"
	}
	return d.String()
}

// Values are the parsed knobs of one pattern, by Param.Name.
type Values map[string]Value

// Int returns the value of the Int or Choice knob name.
func (v Values) Int(name string) int { return int(v[name]) }

// Duration returns the value of the Duration knob name.
func (v Values) Duration(name string) time.Duration { return time.Duration(v[name]) }

// Bool returns the value of the Bool knob name.
func (v Values) Bool(name string) bool { return v[name] != 0 }

// Problem is a knob value that could not be used as given.
type Problem struct {
	Param   string // the knob's Name
	Message string
}

// Parse reads the spec's knobs from a URL query. Keys that are not knobs
// are ignored. Every knob gets a value; the ones that needed fixing are
// reported, one Problem each.
func (s Spec) Parse(q url.Values) (Values, []Problem) {
	vals := make(Values, len(s.Params))
	var problems []Problem
	for _, p := range s.Params {
		v, msg := p.Parse(q.Get(p.Name))
		vals[p.Name] = v
		if msg != "" {
			problems = append(problems, Problem{Param: p.Name, Message: msg})
		}
	}
	return vals, problems
}

// Defaults returns every knob at its default.
func (s Spec) Defaults() Values {
	vals, _ := s.Parse(nil)
	return vals
}

// Query writes the knobs that differ from their defaults as a URL query,
// so that a link restores the same run.
func (s Spec) Query(vals Values) url.Values {
	q := url.Values{}
	for _, p := range s.Params {
		if v, ok := vals[p.Name]; ok && v != p.mustParse(p.Default) {
			q.Set(p.Name, p.Format(v))
		}
	}
	return q
}
