// Package patterns is chanlab's catalog: every concurrency pattern the
// playground can run, with its knobs, its lesson and its own source.
//
// Each pattern lives in its own subpackage as plain Go with a synchronous
// Run(ctx, cfg, rec). This package describes them for the UI, turning knob
// values into the pattern's Config and its result into metrics, and runs
// them (Spec.Exec): with slow motion, panics recovered, and stuck runs
// reported as deadlocks.
package patterns

import (
	"context"
	"time"

	"chanlab/i18n"
	"chanlab/patterns/timeline"
)

// Topics, in the order the course teaches them.
const (
	ThreadsQueues = "Threads & queues"
	Pipelines     = "Pipelines"
	Processes     = "Processes"
	LocksEvents   = "Locks & events"
	Generators    = "Generators"
	Async         = "Async"
	Deadlock      = "Deadlock"
	Wrappers      = "Wrappers"
	Failures      = "Failures"
)

// Topics lists the topics in course order.
var Topics = []string{ThreadsQueues, Pipelines, Processes, LocksEvents, Generators, Async, Deadlock, Wrappers, Failures}

// Spec describes one pattern.
type Spec struct {
	ID     string // URL slug
	Title  string
	Topic  string
	Lesson string // one sentence: what the run makes visible
	Python string // the Python the learner knows, briefly
	// InGo is what the Go version does instead, and why, in one to three
	// sentences for the learner, beside Python.
	InGo   string
	Params []Param
	Source string // the Go source that runs, embedded by the pattern's package

	// The Korean of Title, Lesson, InGo and Python's prose (see In);
	// PythonKo is empty when Python is code alone. Topics have theirs in
	// topicsKo.
	TitleKo, LessonKo, InGoKo, PythonKo string

	// Run runs the pattern once with the given knobs. It returns when every
	// goroutine it started has exited; cancelling ctx stops it.
	Run func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error)
}

// Result is a finished run, as the UI shows it.
type Result struct {
	Metrics []Metric
}

// Metric is one measured number of a run.
type Metric struct {
	Name   string // stable key, for tests and exports
	Label  string
	Value  string
	Lesson bool // this number is the pattern's lesson

	// LabelKo is the label in Korean; ValueKo the value, when it holds
	// words ("yes", "not run"), "" when it is a figure that reads the
	// same in both (see Result.In).
	LabelKo, ValueKo string
}

// FormatDuration writes a measured duration as chanlab shows it, the
// metrics and the panels alike, with three or four significant figures:
// 12.3s, 1.234s, 729ms, 72.9ms, 1.43ms, 729µs. Waits of a few
// milliseconds are common in queues, and whole milliseconds read 1.4 ms
// and 1.6 ms as 1ms and 2ms.
func FormatDuration(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond).String()
	case d >= 10*time.Millisecond:
		return d.Round(100 * time.Microsecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Microsecond).String()
}

// ms formats a measured duration for a metric.
func ms(d time.Duration) string { return FormatDuration(d) }

// Metric returns the metric called name, if present.
func (r Result) Metric(name string) (Metric, bool) {
	for _, m := range r.Metrics {
		if m.Name == name {
			return m, true
		}
	}
	return Metric{}, false
}

// All returns the catalog, grouped by topic in course order.
func All() []Spec { return catalog }

// Lookup returns the pattern with the given ID.
func Lookup(id string) (Spec, bool) {
	for _, s := range catalog {
		if s.ID == id {
			return s, true
		}
	}
	return Spec{}, false
}

// catalog is in course order: by topic, then as the course teaches them.
var catalog = []Spec{
	// Threads & queues
	prodconsSpec,
	queuesSpec,
	// Pipelines
	pollingSpec,
	fanoutSpec,
	unboundedSpec,
	// Processes
	processesSpec,
	// Locks & events
	eventsSpec,
	counterSpec,
	// Generators
	generatorsSpec,
	// Async
	asyncioSpec,
	asyncQueueSpec,
	// Deadlock
	deadlockSpec,
	// Wrappers
	wrappersSpec,
	// Failures
	failuresSpec,
}

// topicsKo are the topics in Korean.
var topicsKo = map[string]string{
	ThreadsQueues: "스레드와 큐",
	Pipelines:     "파이프라인",
	Processes:     "프로세스",
	LocksEvents:   "락과 이벤트",
	Generators:    "제너레이터",
	Async:         "비동기",
	Deadlock:      "교착 상태",
	Wrappers:      "래퍼",
	Failures:      "실패",
}

// TopicIn is topic, one of Topics, in language l.
func TopicIn(topic string, l i18n.Lang) string {
	if ko := topicsKo[topic]; l == i18n.Ko && ko != "" {
		return ko
	}
	return topic
}

// In returns the spec with its texts in language l: its title, topic,
// lesson, learner note, and its knobs' labels, help, units and messages.
// IDs, knob names, choices, the Go source and the Python code within the
// prose stay as they are: they are code, and the URL's syntax. The Korean sits beside the English in each spec
// (TitleKo beside Title), so that a text and its translation change
// together; TestKorean fails when one is missing.
func (s Spec) In(l i18n.Lang) Spec {
	if l != i18n.Ko {
		return s
	}
	s.Title, s.Lesson, s.InGo = koOr(s.TitleKo, s.Title), koOr(s.LessonKo, s.Lesson), koOr(s.InGoKo, s.InGo)
	s.Python = koOr(s.PythonKo, s.Python)
	s.Topic = TopicIn(s.Topic, l)
	params := make([]Param, len(s.Params))
	for i, p := range s.Params {
		p.Label, p.Help, p.Unit = koOr(p.LabelKo, p.Label), koOr(p.HelpKo, p.Help), koOr(p.UnitKo, p.Unit)
		p.lang = l
		params[i] = p
	}
	s.Params = params
	return s
}

// In returns the result with its metrics' labels, and the values that hold
// words, in language l.
func (r Result) In(l i18n.Lang) Result {
	if l != i18n.Ko {
		return r
	}
	m := make([]Metric, len(r.Metrics))
	for i, x := range r.Metrics {
		x.Label, x.Value = koOr(x.LabelKo, x.Label), koOr(x.ValueKo, x.Value)
		m[i] = x
	}
	return Result{Metrics: m}
}

func koOr(ko, en string) string {
	if ko != "" {
		return ko
	}
	return en
}
