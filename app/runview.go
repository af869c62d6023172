package app

import (
	"sync"
	"time"

	"chanlab/i18n"
	"chanlab/patterns/history"
	"chanlab/patterns/timeline"
)

// runView is one run as the panels show it: its history, folded from the
// runner's snapshots once per frame on the UI goroutine, and what the run
// was (pattern and knobs) for compare and export.
type runView struct {
	src           snapshotSource // nil until the runner has the run
	done          chan struct{}  // closed when the run has ended
	allFolded     chan struct{}  // closed once the panels have folded all the run recorded (foldedAll)
	allFoldedOnce sync.Once      // closes allFolded
	ended         bool           // the panels show the run's end (their state, kept here); on the UI goroutine
	stopping      bool           // Stop was pressed: the live panels wait for the end; on the UI goroutine
	start         time.Time      // wall clock at the run's start, for log stamps

	pattern, title, query string // what ran, with which knobs (a URL query)
	knobs                 string // the knobs, for people: "buffer=1 · consumers=3"

	h *history.History
	// How the run ended, once it has, and the pattern's figures, in
	// English like the log: what the exports add to the history.
	endedAs, outcome string
	figures          []history.Figure

	// What the run recorded and the history has not folded yet: a frame
	// folds for at most foldBudget, and leaves the rest to the next.
	backlog []timeline.Snapshot
	folded  int // events of backlog[0] already folded
	waiting int // events in backlog not folded yet

	// Versions change with what each panel shows, so that a component
	// given a pointer to the view re-renders only when its part changed:
	// version with anything (time moves every panel that draws up to
	// now), events with recorded events only.
	version, events int

	// The latest notice said aloud, and when: notices are rate-limited
	// so that a screen reader is not flooded.
	notice   i18n.Text
	noticeAt time.Time
	notices  int
}

// snapshotSource gives what a run recorded since the last call, in order,
// and takes back the events of a snapshot once folded, for reuse.
type snapshotSource interface {
	Take() []timeline.Snapshot
	Recycle([]timeline.Event)
}

func newRunView(pattern, title, query, knobs string) *runView {
	return &runView{
		done: make(chan struct{}), allFolded: make(chan struct{}), start: time.Now(), h: history.New(),
		pattern: pattern, title: title, query: query, knobs: knobs,
	}
}

// foldedAll tells the page that the panels have folded all the run
// recorded, or have stopped trying to: the page may say how it ended.
func (v *runView) foldedAll() { v.allFoldedOnce.Do(func() { close(v.allFolded) }) }

// slowVersion changes with events, at least once a second, and once more
// when the panels show the run's end: for panels whose only change without
// events is an age ("blocked for 3s"), which need not re-render at the
// clock's rate. Each render allocates, and on js/wasm every garbage
// collection stops the page for as long as it marks the heap. Without the
// change at the end, a run that ended less than a second after its last
// event (a stuck run that Stop terminated) kept the age of that event.
func (v *runView) slowVersion() int {
	s := (v.events<<8 ^ int(v.h.Elapsed/time.Second)) << 1
	if v.ended {
		s |= 1
	}
	return s
}

// noticeEvery is the least time between two notices read aloud.
const noticeEvery = 2 * time.Second

// foldBudget is how long one frame may spend folding events into the
// history. A flood brings tens of thousands of events a frame; a page
// whose code V8 has not optimized yet (a first run) folds them several
// times slower than later, and folding them all at once made tasks of
// 100 ms and more. What the budget does not reach waits for the next
// frame, and the page catches up once its code is fast.
const foldBudget = 8 * time.Millisecond

// foldChunk is how many events are folded between two looks at the clock.
const foldChunk = 1024

// maxBacklog bounds the events waiting to be folded: past it, a frame
// folds them all, however long that takes, rather than hold more memory
// or drop any.
const maxBacklog = 4 * history.KeepEvents

// refresh folds in what the run recorded since the last refresh, for at
// most foldBudget, and reports whether that held any event: without one,
// only time moved.
func (v *runView) refresh() (events bool) {
	return v.fold(time.Now().Add(foldBudget))
}

// settle folds in everything the run recorded, however long it takes: for
// the run's end, whose panels must show all of it.
func (v *runView) settle() {
	v.fold(time.Time{})
}

// fold takes what the run recorded since the last call and folds in the
// backlog until deadline (all of it if deadline is zero).
func (v *runView) fold(deadline time.Time) (events bool) {
	if v.src == nil {
		return false
	}
	for _, s := range v.src.Take() {
		v.backlog = append(v.backlog, s)
		v.waiting += len(s.Events)
	}
	if len(v.backlog) == 0 {
		// A notice held back may be due, in a frame with no events.
		if v.takeNotice() {
			v.version++
		}
		return false
	}
	all := deadline.IsZero() || v.waiting > maxBacklog
	// At least a chunk a frame, however slow, so that the page always
	// moves on.
	for len(v.backlog) > 0 {
		s := v.backlog[0]
		to := len(s.Events)
		if !all {
			to = min(v.folded+foldChunk, to)
		}
		part := s.Part(v.folded, to)
		v.h.Add(part)
		v.waiting -= len(part.Events)
		events = events || len(part.Events) > 0 || part.Dropped > 0
		v.folded = to
		if to == len(s.Events) {
			// The history keeps copies of the events it folds.
			v.src.Recycle(s.Events)
			v.backlog[0] = timeline.Snapshot{} // let its events go
			v.backlog, v.folded = v.backlog[1:], 0
		}
		if !all && !time.Now().Before(deadline) {
			break
		}
	}
	v.version++
	if events {
		v.events++
	}
	v.takeNotice()
	return events
}

// takeNotice shows the history's latest notice, if it is new, once
// noticeEvery has passed since the last one shown, and reports whether it
// did. At the run's end the status line speaks instead (page.finish).
func (v *runView) takeNotice() bool {
	if v.h.Notices == v.notices || time.Since(v.noticeAt) < noticeEvery {
		return false
	}
	v.notices, v.notice, v.noticeAt = v.h.Notices, v.h.Notice, time.Now()
	return true
}

// clock is the wall-clock stamp of run time at, for log lines, as
// 15:04:05.000. Written out by hand: Time.Format interprets its layout
// each call, and the log stamps every line it shows, every frame. Its code
// is also some of the largest that V8 recompiles while a first run starts.
func (v *runView) clock(at time.Duration) string {
	t := v.start.Add(at)
	h, m, s := t.Clock()
	ms := t.Nanosecond() / int(time.Millisecond)
	b := [...]byte{
		byte('0' + h/10), byte('0' + h%10), ':',
		byte('0' + m/10), byte('0' + m%10), ':',
		byte('0' + s/10), byte('0' + s%10), '.',
		byte('0' + ms/100), byte('0' + ms/10%10), byte('0' + ms%10),
	}
	return string(b[:])
}
