package app

import (
	"time"

	"chanlab/patterns/history"
	"chanlab/patterns/timeline"
)

// runView is one run as the panels show it: its history, folded from the
// runner's snapshots once per frame on the UI goroutine, and what the run
// was (pattern and knobs) for compare and export.
type runView struct {
	src   snapshotSource // nil until the runner has the run
	done  chan struct{}  // closed when the run has ended
	start time.Time      // wall clock at the run's start, for log stamps

	pattern, title, query string // what ran, with which knobs (a URL query)
	knobs                 string // the knobs, for people: "buffer=1 · consumers=3"

	h       *history.History
	outcome string // how the run ended, once it has

	// Versions change with what each panel shows, so that a component
	// given a pointer to the view re-renders only when its part changed:
	// version with anything (time moves every panel that draws up to
	// now), events with recorded events only.
	version, events int

	// The latest notice said aloud, and when: notices are rate-limited
	// so that a screen reader is not flooded.
	notice   string
	noticeAt time.Time
	notices  int
}

// snapshotSource gives what a run recorded since the last call, merged.
type snapshotSource interface {
	Take() (timeline.Snapshot, bool)
}

func newRunView(pattern, title, query, knobs string) *runView {
	return &runView{
		done: make(chan struct{}), start: time.Now(), h: history.New(),
		pattern: pattern, title: title, query: query, knobs: knobs,
	}
}

// slowVersion changes with events, and at least once a second: for panels
// whose only change without events is an age ("blocked for 3s"), which need
// not re-render at the clock's rate. Each render allocates, and on js/wasm
// every garbage collection stops the page for as long as it marks the heap.
func (v *runView) slowVersion() int {
	return v.events<<8 ^ int(v.h.Elapsed/time.Second)
}

// noticeEvery is the least time between two notices read aloud.
const noticeEvery = 2 * time.Second

// refresh folds in what the run recorded since the last refresh, and
// reports whether that held any event: without one, only time moved.
func (v *runView) refresh() (events bool) {
	if v.src == nil {
		return false
	}
	s, ok := v.src.Take()
	if !ok {
		return false
	}
	v.h.Add(s)
	v.version++
	events = len(s.Events) > 0 || s.Dropped > 0
	if events {
		v.events++
	}
	if v.h.Notices != v.notices && time.Since(v.noticeAt) >= noticeEvery {
		v.notices, v.notice, v.noticeAt = v.h.Notices, v.h.Notice, time.Now()
	}
	return events
}

// clock is the wall-clock stamp of run time at, for log lines.
func (v *runView) clock(at time.Duration) string {
	return v.start.Add(at).Format("15:04:05.000")
}
