package patterns

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"chanlab/i18n"
)

// hangul reports whether s has Korean in it: a Korean text that is only
// code and English was not translated.
func hangul(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) })
}

// TestKorean fails when any text of any pattern a learner reads lacks its
// Korean: title, topic, lesson, learner note, each knob's label, help and
// unit, the slow-motion knob, and the parameter messages. Metrics are
// checked on every run of the catalog tests (checkMetrics).
func TestKorean(t *testing.T) {
	for _, topic := range Topics {
		if ko := TopicIn(topic, i18n.Ko); !hangul(ko) {
			t.Errorf("topic %q has no Korean", topic)
		}
	}
	for _, s := range All() {
		t.Run(s.ID, func(t *testing.T) {
			for field, v := range map[string]string{"TitleKo": s.TitleKo, "LessonKo": s.LessonKo, "InGoKo": s.InGoKo} {
				if !hangul(v) {
					t.Errorf("%s is %q, want Korean", field, v)
				}
			}
			for _, p := range s.Params {
				if p.Name == "lang" {
					t.Errorf("knob %q: lang= is the page's language", p.Name)
				}
				if !hangul(p.LabelKo) && p.LabelKo != p.Label {
					t.Errorf("knob %s: LabelKo %q, want Korean", p.Name, p.LabelKo)
				}
				if p.LabelKo == "" {
					t.Errorf("knob %s has no LabelKo", p.Name)
				}
				if !hangul(p.HelpKo) {
					t.Errorf("knob %s: HelpKo %q, want Korean", p.Name, p.HelpKo)
				}
				if (p.Unit == "") != (p.UnitKo == "") {
					t.Errorf("knob %s: unit %q, UnitKo %q; want both or neither", p.Name, p.Unit, p.UnitKo)
				}
			}
			ko := s.In(i18n.Ko)
			if ko.Title != s.TitleKo || ko.Lesson != s.LessonKo || ko.InGo != s.InGoKo || ko.Topic != TopicIn(s.Topic, i18n.Ko) {
				t.Errorf("In(Ko) kept English texts: %q, %q", ko.Title, ko.Topic)
			}
			if ko.ID != s.ID || ko.Source != s.Source {
				t.Errorf("In(Ko) changed the code: ID %q", ko.ID)
			}
			// The Python is prose around code, unless it is code alone:
			// then it has no word outside it that is not Python.
			switch {
			case s.PythonKo != "" && (!hangul(s.PythonKo) || ko.Python != s.PythonKo):
				t.Errorf("PythonKo %q, In(Ko).Python %q", s.PythonKo, ko.Python)
			case s.PythonKo == "" && prose(s.Python) != "":
				t.Errorf("Python %q has prose (%q) and no PythonKo", s.Python, prose(s.Python))
			}
			if s.In(i18n.En).Title != s.Title {
				t.Errorf("In(En) changed the title")
			}
			for i, p := range ko.Params {
				if p.Label != s.Params[i].LabelKo || p.Help != s.Params[i].HelpKo || p.Name != s.Params[i].Name {
					t.Errorf("In(Ko) knob %s: %q, %q", p.Name, p.Label, p.Help)
				}
				if s.Params[i].Label == p.Label && p.Label != p.LabelKo {
					t.Errorf("In(Ko) changed the spec it was called on")
				}
			}
		})
	}
}

// TestParseKorean: a knob of a spec in Korean explains a bad value in
// Korean, naming the knob and the value used, and the English messages
// stay English.
func TestParseKorean(t *testing.T) {
	s, _ := Lookup("prodcons")
	ko := s.In(i18n.Ko)
	var buffer Param
	for _, p := range ko.Params {
		if p.Name == "buffer" {
			buffer = p
		}
	}
	for _, tt := range []struct{ in, used string }{
		{"abc", "10"}, {"99999999999999999999999", "10"}, {"-3", "0"}, {"5000", "1000"},
	} {
		v, msg := buffer.Parse(tt.in)
		if buffer.Format(v) != tt.used || !hangul(msg) || !strings.Contains(msg, "버퍼") || !strings.HasSuffix(msg, "사용하는 값: "+tt.used) {
			t.Errorf("Korean Parse(%q) = %s, %q; want %s and a Korean message naming 버퍼 and the value used", tt.in, buffer.Format(v), msg, tt.used)
		}
	}
	for _, p := range ko.Params {
		if _, msg := p.Parse("x!"); !hangul(msg) {
			t.Errorf("knob %s: Korean message %q", p.Name, msg)
		}
	}
	if _, msg := s.Params[0].Parse("abc"); hangul(msg) || !strings.Contains(msg, "Buffer") {
		t.Errorf("English Parse message %q", msg)
	}
	_, problems := ko.Parse(map[string][]string{"buffer": {"x"}, "slowmo": {"3x"}})
	if len(problems) != 2 || !hangul(problems[0].Message) || !strings.Contains(problems[1].Message, "느린 재생") {
		t.Errorf("Korean Spec.Parse problems: %+v", problems)
	}
}

// prose finds English prose in a Python note: three plain words in a row
// that are not all Python keywords (code has "while not fut.done()", not
// "a consumer that").
func prose(python string) string {
	keywords := map[string]bool{"await": true, "while": true, "not": true, "in": true, "for": true, "if": true, "is": true, "and": true, "or": true, "with": true, "as": true, "from": true, "yield": true, "def": true, "return": true}
	plain := regexp.MustCompile(`^[a-z]+$`)
	words := strings.Fields(python)
	for i := 0; i+3 <= len(words); i++ {
		run := words[i : i+3]
		if plain.MatchString(run[0]) && plain.MatchString(run[1]) && plain.MatchString(run[2]) &&
			!(keywords[run[0]] && keywords[run[1]] && keywords[run[2]]) {
			return strings.Join(run, " ")
		}
	}
	return ""
}

// figure is what a metric's value may be without a Korean one: numbers,
// durations, units, and the names the program gives its goroutines and
// stages (download-1, wait-2), which are code in every language.
var (
	figurePart = regexp.MustCompile(`[0-9][0-9.]*(ns|µs|ms|s|m|h|%|×| B| KiB| MiB)?|\b(download|resize|upload|wait|task|gather)\b`)
	letters    = regexp.MustCompile(`\p{L}{2,}`)
)

// checkMetricsKo fails for a metric without a Korean label, or whose value
// holds words but has no Korean.
func checkMetricsKo(t *testing.T, res Result) {
	t.Helper()
	for _, m := range res.Metrics {
		if !hangul(m.LabelKo) && !strings.Contains(m.LabelKo, ".") { // sync.Mutex: …
			t.Errorf("metric %s: LabelKo %q, want Korean", m.Name, m.LabelKo)
		}
		if m.ValueKo != "" {
			if !hangul(m.ValueKo) && m.ValueKo != m.Value {
				t.Errorf("metric %s: ValueKo %q, want Korean", m.Name, m.ValueKo)
			}
			continue
		}
		if w := letters.FindString(figurePart.ReplaceAllString(m.Value, "")); w != "" {
			t.Errorf("metric %s: value %q has the word %q and no ValueKo", m.Name, m.Value, w)
		}
	}
	ko := res.In(i18n.Ko)
	for i, m := range ko.Metrics {
		if m.Label != res.Metrics[i].LabelKo || m.Name != res.Metrics[i].Name {
			t.Errorf("Result.In(Ko) metric %s: label %q", m.Name, m.Label)
		}
	}
}
