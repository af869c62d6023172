// Package history keeps what a run recorded in the form the panels show:
// one lane per goroutine, each queue's length over time with its figures
// (time full and empty, item latency), the log, and the run's timings, at
// the end of the run and at any instant of it (rewind). It also writes a run
// out for other tools (JSON, Chrome's trace-event format, CSV).
//
// A History is fed the recorder's snapshots in order, each holding the
// events since the previous one (timeline.Snapshot with a cursor). Its
// memory is bounded whatever the run's length or event rate: time is cut
// into at most Buckets buckets of equal width that double as the run grows,
// and only the newest KeepEvents events are kept whole; the older ones are
// counted by kind, so nothing is lost without a trace.
//
// It is plain data with no locking, to be used from one goroutine (the UI's).
package history

import (
	"time"

	"chanlab/i18n"
	"chanlab/patterns/timeline"
)

// Buckets is how many time buckets a lane or a series has at most.
const Buckets = 256

// KeepEvents is how many of the newest events are kept whole, for the log
// and exports. In a flood of hundreds of thousands of events a second that
// is the last second or less; at a learner's pace, the whole run.
const KeepEvents = 100_000

// firstWidth is a bucket's width until the run outgrows Buckets of them:
// fine enough that a run of a few milliseconds is drawn as it went. At
// 10 ms, the 2 ms fixed deadlock run was one bucket, and both its lanes
// read "running" beside a log of blocked puts and gets.
const firstWidth = 100 * time.Microsecond

// History is one run, folded from its snapshots.
type History struct {
	Elapsed time.Duration
	Lanes   []Lane  // one per goroutine, in start order
	Queues  []Queue // in creation order
	Gauges  []Gauge

	// Lost counts events the recorder's own ring overwrote before they
	// were read: they are in no figure below.
	Lost uint64

	// Notice is the latest change worth saying aloud (a queue full and a
	// goroutine blocked on it, a goroutine failing), and NoticeAt when it
	// happened; Notices counts them, so a reader can tell a new one. It is
	// in both languages: the page can switch while it is shown.
	Notice   i18n.Text
	NoticeAt time.Duration
	Notices  int

	Events Events // the newest events, whole
	Log    Log    // the events a learner reads as log lines

	width time.Duration // every bucket's width
}

// New returns an empty History.
func New() *History { return &History{width: firstWidth} }

// Width is the width of one time bucket.
func (h *History) Width() time.Duration { return h.width }

// bucket is the index of the bucket holding instant at, growing the width
// (and merging every lane's and series' buckets) until it fits.
func (h *History) bucket(at time.Duration) int {
	at = max(at, 0)
	for int(at/h.width) >= Buckets {
		h.width *= 2
		for i := range h.Lanes {
			h.Lanes[i].merge()
		}
		for i := range h.Queues {
			h.Queues[i].Series.merge()
		}
		for i := range h.Gauges {
			h.Gauges[i].Series.merge()
		}
	}
	return int(at / h.width)
}

// Add folds in one snapshot: its events (those since the previous
// snapshot) and its live figures.
func (h *History) Add(s timeline.Snapshot) {
	if h.width == 0 {
		h.width = firstWidth
	}
	h.Lost += s.Dropped
	for len(h.Lanes) < len(s.Goroutines) {
		h.Lanes = append(h.Lanes, newLane(int32(len(h.Lanes)), s.Goroutines[len(h.Lanes)]))
	}
	for len(h.Queues) < len(s.Queues) {
		h.Queues = append(h.Queues, Queue{})
	}
	for i, q := range s.Queues {
		h.Queues[i].QueueInfo = q
	}
	for len(h.Gauges) < len(s.Gauges) {
		h.Gauges = append(h.Gauges, Gauge{})
	}
	for i, g := range s.Gauges {
		h.Gauges[i].GaugeInfo = g
	}
	for _, e := range s.Events {
		h.fold(e)
	}
	h.Elapsed = max(h.Elapsed, s.Elapsed)
	h.bucket(h.Elapsed)
	for i, g := range s.Goroutines {
		// The live fields come from the recorder; the lane's history
		// from the events.
		h.Lanes[i].Live = g
	}
}

// fold takes one event into every figure it touches.
func (h *History) fold(e timeline.Event) {
	at := max(e.At, 0)
	b := h.bucket(at)
	var lane *Lane
	if e.G >= 0 && int(e.G) < len(h.Lanes) {
		lane = &h.Lanes[e.G]
	}
	var q *Queue
	if e.Q >= 0 && int(e.Q) < len(h.Queues) && e.Kind != timeline.Measure {
		q = &h.Queues[e.Q]
	}
	switch e.Kind {
	case timeline.GoStart:
		if lane != nil {
			lane.Start, lane.since, lane.state = at, at, e.State
		}
	case timeline.GoState, timeline.GoEnd:
		if lane == nil {
			break
		}
		on := e.Text
		if e.Kind == timeline.GoEnd {
			on = ""
		}
		lane.enter(h, e.State, e.Q, on, at)
		if e.Kind == timeline.GoEnd && e.Text != "" {
			// The goroutine's error is the program's own text.
			h.notice(at, i18n.Text{En: lane.Name + " failed: " + e.Text, Ko: lane.Name + " 실패: " + e.Text})
		}
		if e.State == timeline.BlockedPut && q != nil && q.Cap > 0 && q.level >= q.Cap {
			h.notice(at, i18n.Text{
				En: q.Name + " full — " + lane.Name + " blocked on put",
				Ko: q.Name + " 가득 참 — " + lane.Name + ", put에서 블록됨",
			})
		}
	case timeline.Put, timeline.Get:
		if q == nil {
			break
		}
		q.transfer(e.Kind, at, int(e.Len), b)
		if lane != nil {
			q.roles(e.Kind, lane.role)
			if e.Kind == timeline.Put {
				lane.Puts++
			} else {
				lane.Gets++
			}
		}
	case timeline.Measure:
		if e.Q >= 0 && int(e.Q) < len(h.Gauges) {
			h.Gauges[e.Q].Series.add(b, int(e.Value))
		}
	}
	h.Events.add(e)
	h.Log.trim(h.Events.First())
	if logged(e) {
		h.Log.add(h.Events.total - 1)
	}
}

func (h *History) notice(at time.Duration, text i18n.Text) {
	h.Notice, h.NoticeAt = text, at
	h.Notices++
}

// Gauge is a measured quantity that is not a queue's length, over time.
type Gauge struct {
	timeline.GaugeInfo
	Series Series
}

// GoroutineName is the name of goroutine g, or "run" for none (an event
// from the run's own goroutine).
func (h *History) GoroutineName(g int32) string {
	if g >= 0 && int(g) < len(h.Lanes) {
		return h.Lanes[g].Name
	}
	return "run"
}

// QueueName is the name of queue q, or "".
func (h *History) QueueName(q int32) string { return h.queueInfo(q).Name }

// queueInfo is queue q's live figures, or none for no queue (-1).
func (h *History) queueInfo(q int32) timeline.QueueInfo {
	if q >= 0 && int(q) < len(h.Queues) {
		return h.Queues[q].QueueInfo
	}
	return timeline.QueueInfo{}
}
