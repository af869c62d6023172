package history

import (
	"time"

	"chanlab/patterns/timeline"
)

// NumStates is the number of goroutine states, for arrays indexed by state.
const NumStates = int(timeline.Done) + 1

// Lane is one goroutine over the run: how long it spent in each state in
// each time bucket, and in which state it was at each bucket's end.
type Lane struct {
	id    int32 // its goroutine's number, as events name it
	Name  string
	Start time.Duration // when it started
	Live  timeline.Goroutine

	// Slots[i] covers [i·width, (i+1)·width) of the run, up to the
	// goroutine's last state change; after that it is in state now.
	Slots []Slot

	// Total is the time spent in each state, up to the last state change.
	Total [NumStates]time.Duration

	Puts, Gets int // items it put into and got from queues

	state timeline.State // since its last event
	since time.Duration
	queue int32
	on    string
	role  string // Role(Name), worked out once: queues note it at every put and get, timings group by it
}

// Slot is a lane's time bucket.
type Slot struct {
	Time [NumStates]time.Duration // time in each state within the bucket

	// The state at the bucket's end (or at the lane's last event, in the
	// bucket of that event), what it waited on, and since when.
	End   timeline.State
	Queue int32
	On    string
	Since time.Duration
}

func newLane(id int32, g timeline.Goroutine) Lane {
	return Lane{id: id, Name: g.Name, Start: g.Since, Live: g, since: g.Since, queue: -1, role: Role(g.Name)}
}

// enter records that the goroutine entered state s at time at, waiting on
// queue q or on what on names.
func (l *Lane) enter(h *History, s timeline.State, q int32, on string, at time.Duration) {
	l.account(h, at)
	l.state, l.since, l.queue, l.on = s, at, q, on
	b := h.bucket(at)
	l.grow(b)
	l.Slots[b].End, l.Slots[b].Queue, l.Slots[b].On, l.Slots[b].Since = s, q, on, at
}

// account adds the time from the last state change to at, bucket by
// bucket, to the current state.
func (l *Lane) account(h *History, at time.Duration) {
	from := l.since
	if at <= from {
		return
	}
	l.Total[l.state] += at - from
	// The later instant first: it may widen the buckets.
	last := h.bucket(at)
	first := h.bucket(from)
	l.grow(last)
	w := h.width
	for b := first; b <= last; b++ {
		lo, hi := max(from, time.Duration(b)*w), min(at, time.Duration(b+1)*w)
		if hi <= lo {
			continue
		}
		sl := &l.Slots[b]
		sl.Time[l.state] += hi - lo
		sl.End, sl.Queue, sl.On, sl.Since = l.state, l.queue, l.on, l.since
	}
}

// grow makes Slots reach bucket b.
func (l *Lane) grow(b int) {
	for len(l.Slots) <= b {
		l.Slots = append(l.Slots, Slot{End: l.state, Queue: l.queue, On: l.on, Since: l.since})
	}
}

// merge halves the lane's resolution: each pair of slots becomes one.
func (l *Lane) merge() {
	merged := l.Slots[:0]
	for i := 0; i < len(l.Slots); i += 2 {
		s := l.Slots[i]
		if i+1 < len(l.Slots) {
			n := l.Slots[i+1]
			for k := range s.Time {
				s.Time[k] += n.Time[k]
			}
			s.End, s.Queue, s.On, s.Since = n.End, n.Queue, n.On, n.Since
		}
		merged = append(merged, s)
	}
	clear(l.Slots[len(merged):])
	l.Slots = merged
}

// Moment is a goroutine's state at one instant.
type Moment struct {
	Started bool // false before the goroutine started
	State   timeline.State
	Queue   int32  // the queue it waits on, or -1
	On      string // what else it waits for
	Since   time.Duration
}

// At is the lane's state at instant t (or now, if t is past its last
// event). Its bucket says it when the state the bucket ended in began at or
// before t. Otherwise the lane changed between t and the bucket's end, and
// its last change from the bucket's start to t, among the kept events, says
// it, or, without one, the bucket before, whose end state held at the
// start. Where those events are not kept, or are more than atScan, it is
// the state at the end of t's bucket, which began after t.
func (l *Lane) At(h *History, t time.Duration) Moment {
	if t < l.Start {
		return Moment{Queue: -1}
	}
	b := int(t / h.width)
	if b >= len(l.Slots) || t >= l.since {
		return Moment{Started: true, State: l.state, Queue: l.queue, On: l.on, Since: l.since}
	}
	s := &l.Slots[b]
	if s.Since > t {
		from := time.Duration(b) * h.width
		if m, ok := l.changeBefore(h, t, from); ok {
			return m
		}
	}
	return s.moment()
}

func (s *Slot) moment() Moment {
	return Moment{Started: true, State: s.End, Queue: s.Queue, On: s.On, Since: s.Since}
}

// atScan bounds how many kept events At looks back through: a rewind step
// asks it of every goroutine, for the list, the lanes and each queue's
// waiters.
const atScan = 4096

// changeBefore works out the lane's state at t from the kept events from
// time from (the start of t's bucket) to t: its last change among them, or,
// if it made none, the state it was in at from. It gives up past atScan
// events, or where the events from from are no longer kept.
func (l *Lane) changeBefore(h *History, t, from time.Duration) (Moment, bool) {
	ev := &h.Events
	first, n := ev.First(), ev.After(t)
	for k := n; k > first && n-k < atScan; k-- {
		e, _ := ev.Get(k - 1)
		if e.At < from {
			// No change from from to t: the state the bucket before
			// ended in, if the lane was there.
			b := int(from / h.width)
			if b == 0 || l.Start >= from {
				return Moment{}, false
			}
			return l.Slots[b-1].moment(), true
		}
		if e.G != l.id {
			continue
		}
		m := Moment{Started: true, State: e.State, Queue: e.Q, Since: max(e.At, 0)}
		switch e.Kind {
		case timeline.GoStart:
			m.Queue = -1
			return m, true
		case timeline.GoState:
			m.On = e.Text
			return m, true
		case timeline.GoEnd:
			return m, true
		}
	}
	return Moment{}, false
}

// Totals is the time spent in each state from the lane's start to now
// (the History's elapsed time, or the goroutine's end).
func (l *Lane) Totals(now time.Duration) [NumStates]time.Duration {
	t := l.Total
	if l.state != timeline.Done && now > l.since {
		t[l.state] += now - l.since
	}
	return t
}

// Busy is the share of the goroutine's life it spent running or in
// simulated work (Sleep), rather than blocked, waiting, or runnable while
// another goroutine had the thread.
func (l *Lane) Busy(now time.Duration) float64 {
	busy, life := l.busyLife(now)
	if life <= 0 {
		return 0
	}
	return float64(busy) / float64(life)
}

// busyLife is how long the goroutine was busy (as Busy counts it) and how
// long it lived, up to now.
func (l *Lane) busyLife(now time.Duration) (busy, life time.Duration) {
	t := l.Totals(now)
	for s, d := range t {
		if timeline.State(s) != timeline.Done {
			life += d
		}
	}
	return t[timeline.Running] + t[timeline.Sleeping], life
}

// Span is a run of buckets in which a lane was mostly in one state.
type Span struct {
	From, To time.Duration
	State    timeline.State
	Queue    int32         // what it waited on, for a blocked state
	On       string        // what it waited for, for a waiting state
	Time     time.Duration // time actually in State within the span
}

// Spans is the lane drawn at bucket resolution, up to now: each bucket
// takes the state the goroutine spent most of it in, and neighbouring
// buckets in the same state (on the same thing) form one span. Buckets
// before the start and after the end are left out.
func (l *Lane) Spans(h *History, now time.Duration) []Span {
	var out []Span
	w := h.width
	last := int(max(now-1, 0) / w)
	for b := int(l.Start / w); b <= last; b++ {
		var t [NumStates]time.Duration
		q, on := int32(-1), ""
		if b < len(l.Slots) {
			t = l.Slots[b].Time
			q, on = l.Slots[b].Queue, l.Slots[b].On
		}
		// The current state, from its last change to now.
		if l.state != timeline.Done {
			lo, hi := max(l.since, time.Duration(b)*w), min(now, time.Duration(b+1)*w)
			if hi > lo {
				t[l.state] += hi - lo
				q, on = l.queue, l.on
			}
		}
		s, d := dominant(t)
		if d == 0 || s == timeline.Done {
			continue
		}
		if s != timeline.BlockedPut && s != timeline.BlockedGet {
			q = -1
		}
		if s != timeline.Waiting && s != timeline.WaitingLock {
			on = ""
		}
		// A bucket is drawn from the goroutine's start to its end at most:
		// a run shorter than a bucket drew every lane across the whole
		// bucket, running before it started and after it was done.
		from, to := max(time.Duration(b)*w, l.Start), min(time.Duration(b+1)*w, now)
		if l.state == timeline.Done {
			to = min(to, l.since)
		}
		if n := len(out); n > 0 && out[n-1].To == from && out[n-1].State == s && out[n-1].Queue == q && out[n-1].On == on {
			out[n-1].To = to
			out[n-1].Time += d
			continue
		}
		out = append(out, Span{From: from, To: to, State: s, Queue: q, On: on, Time: d})
	}
	return out
}

// dominant is the state with the most time in t, and that time; Done only
// if nothing else has any.
func dominant(t [NumStates]time.Duration) (timeline.State, time.Duration) {
	best, bd := timeline.Done, time.Duration(0)
	for s, d := range t {
		if timeline.State(s) != timeline.Done && d > bd {
			best, bd = timeline.State(s), d
		}
	}
	return best, bd
}
