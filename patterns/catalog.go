// Package patterns is chanlab's catalog: every concurrency pattern the
// playground can run, with its knobs, its lesson and its own source.
//
// Each pattern lives in its own subpackage as plain Go with a synchronous
// Run(ctx, cfg, rec). This package only describes them for the UI: it turns
// knob values into the pattern's Config and its result into metrics.
package patterns

import (
	"context"
	"time"

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
}

// ms formats a measured duration for a metric, to the millisecond.
func ms(d time.Duration) string { return d.Round(time.Millisecond).String() }

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
