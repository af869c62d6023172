package history

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"chanlab/i18n"
	"chanlab/patterns/timeline"
)

// Events keeps the newest KeepEvents events whole, and counts by kind the
// ones it had to let go.
type Events struct {
	ring  []timeline.Event
	total uint64 // events ever added; the next one's number

	// Older counts the events no longer kept, by kind; OlderBlocked those
	// of Older[GoState] that were log lines (blocked on a put or a get).
	Older        [timeline.Measure + 1]uint64
	OlderBlocked uint64
}

func (ev *Events) add(e timeline.Event) {
	if len(ev.ring) < KeepEvents {
		ev.ring = appendBounded(ev.ring, e)
	} else {
		i := ev.total % KeepEvents
		if k := ev.ring[i].Kind; int(k) < len(ev.Older) {
			ev.Older[k]++
		}
		if gone := ev.ring[i]; gone.Kind == timeline.GoState && logged(gone) {
			ev.OlderBlocked++
		}
		ev.ring[i] = e
	}
	ev.total++
}

// Total is the number of events ever added.
func (ev *Events) Total() uint64 { return ev.total }

// First is the number of the oldest event kept.
func (ev *Events) First() uint64 { return ev.total - uint64(len(ev.ring)) }

// Get returns event number n, if it is still kept.
func (ev *Events) Get(n uint64) (timeline.Event, bool) {
	if n >= ev.total || n < ev.First() {
		return timeline.Event{}, false
	}
	return ev.ring[n%KeepEvents], true
}

// After is the number of the first kept event after run time t (Total if
// none), found by binary search: events are recorded in time order.
func (ev *Events) After(t time.Duration) uint64 {
	first := ev.First()
	return first + uint64(sort.Search(int(ev.total-first), func(i int) bool {
		return ev.ring[(first+uint64(i))%KeepEvents].At > t
	}))
}

// All calls yield for every kept event, oldest first.
func (ev *Events) All(yield func(n uint64, e timeline.Event) bool) {
	for n := ev.First(); n < ev.total; n++ {
		if !yield(n, ev.ring[n%KeepEvents]) {
			return
		}
	}
}

// Log is the run's log: the events a learner reads as lines (starts, ends,
// puts, gets, closes, log lines and blocking), numbered from 0 in the order
// they happened. It holds the numbers of the kept events that are lines;
// a line whose event is no longer kept is counted in Summary.
type Log struct {
	// The kept lines' event numbers, a ring: count of them from first,
	// oldest first, trimmed as their events go.
	lines        []uint64
	first, count int
	total        int // lines ever logged
}

// logged reports whether e is a log line.
func logged(e timeline.Event) bool {
	switch e.Kind {
	case timeline.GoStart, timeline.GoEnd, timeline.Put, timeline.Get, timeline.Close, timeline.Log:
		return true
	case timeline.GoState:
		return e.State == timeline.BlockedPut || e.State == timeline.BlockedGet
	}
	return false
}

// trim lets go of the lines whose events are no longer kept: those before
// event number first. They are the oldest lines.
func (l *Log) trim(first uint64) {
	for l.count > 0 && l.Line(0) < first {
		l.first = (l.first + 1) % len(l.lines)
		l.count--
	}
}

// add logs event number n, the newest kept event. The lines are a ring of
// at most KeepEvents, as the events are, and trimmed with them.
func (l *Log) add(n uint64) {
	l.total++
	if l.count == len(l.lines) {
		// Full: grow it as appendBounded does, oldest line first.
		grown := make([]uint64, grownCap(len(l.lines)))
		for i := range l.count {
			grown[i] = l.Line(i)
		}
		l.lines, l.first = grown, 0
	}
	l.lines[(l.first+l.count)%len(l.lines)] = n
	l.count++
}

// appendBounded appends x to s, growing s four times at a step up to
// KeepEvents: a flood fills the rings within its first frames, and
// append's gentler growth would copy them about five times over on the
// way, on the page's only thread.
func appendBounded[T any](s []T, x T) []T {
	if len(s) == cap(s) {
		grown := make([]T, len(s), grownCap(cap(s)))
		copy(grown, s)
		s = grown
	}
	return append(s, x)
}

// grownCap is the capacity a full ring or slice of capacity c grows to.
func grownCap(c int) int { return min(KeepEvents, max(1024, 4*c)) }

// Total is the number of lines ever logged; the first Total-Len are no
// longer kept.
func (l *Log) Total() int { return l.total }

// Len is the number of lines kept.
func (l *Log) Len() int { return l.count }

// Line returns kept line i (0 is the oldest kept) as the event number.
func (l *Log) Line(i int) uint64 { return l.lines[(l.first+i)%len(l.lines)] }

// LogBefore is the number of kept lines at or before run time t, found by
// binary search (events are recorded in time order).
func (h *History) LogBefore(t time.Duration) int {
	return sort.Search(h.Log.count, func(i int) bool {
		e, ok := h.Events.Get(h.Log.Line(i))
		return ok && e.At > t
	})
}

// Line is one log line, formatted.
type Line struct {
	N     int // its number in the whole log, from 1
	At    time.Duration
	G     int32
	Who   string
	Text  string
	Class string // put, get, blocked, log, start, end, error
}

// LogLine formats kept line i.
func (h *History) LogLine(i int) Line {
	e, _ := h.Events.Get(h.Log.Line(i))
	l := Line{N: h.Log.total - h.Log.count + i + 1, At: e.At, G: e.G, Who: h.GoroutineName(e.G)}
	l.Text, l.Class = h.describe(e)
	return l
}

// describe is the text and class of event e's log line.
func (h *History) describe(e timeline.Event) (text, class string) {
	info := h.queueInfo(e.Q)
	q, capacity := info.Name, info.Cap
	fill := func(verb string) string {
		b := make([]byte, 0, 48)
		b = append(b, verb...)
		if info.Values {
			b = append(b, ' ')
			b = strconv.AppendInt(b, e.Value, 10)
		} else {
			b = append(b, " an item"...)
		}
		b = append(b, " ("...)
		b = append(b, q...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(e.Len), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(capacity), 10)
		b = append(b, ')')
		return string(b)
	}
	switch e.Kind {
	case timeline.GoStart:
		return "started", "start"
	case timeline.GoEnd:
		if e.Text != "" {
			return "failed: " + e.Text, "error"
		}
		return "done", "end"
	case timeline.Put:
		return fill("put"), "put"
	case timeline.Get:
		return fill("got"), "get"
	case timeline.Close:
		return "closed " + q, "log"
	case timeline.Log:
		return e.Text, "log"
	case timeline.GoState:
		// An unbuffered queue is never full, only without a getter (or a
		// putter) ready to take the item.
		switch {
		case e.State == timeline.BlockedPut && capacity == 0:
			return "blocked on put (" + q + ": no getter ready)", "blocked"
		case e.State == timeline.BlockedPut:
			return "blocked on put (" + q + " full)", "blocked"
		case capacity == 0:
			return "blocked on get (" + q + ": no putter ready)", "blocked"
		}
		return "blocked on get (" + q + " empty)", "blocked"
	}
	return e.Kind.String(), "log"
}

// Filter selects log lines: by goroutine (G ≥ 0) and by text, matched
// without regard to case against the goroutine's name and the line's text.
type Filter struct {
	G    int32 // -1 for every goroutine
	Text string
}

// Active reports whether f selects less than everything.
func (f Filter) Active() bool { return f.G >= 0 || f.Text != "" }

// Match reports whether kept line i passes f.
func (h *History) Match(f Filter, i int) bool {
	e, ok := h.Events.Get(h.Log.Line(i))
	if !ok {
		return false
	}
	if f.G >= 0 && e.G != f.G {
		return false
	}
	if f.Text == "" {
		return true
	}
	needle := strings.ToLower(f.Text)
	if strings.Contains(strings.ToLower(h.GoroutineName(e.G)), needle) {
		return true
	}
	text, _ := h.describe(e)
	return strings.Contains(strings.ToLower(text), needle)
}

// Summary says what the kept log no longer holds: how many older lines
// there were and what they were, e.g. "12,000 earlier lines summarised:
// 6,000 put, 5,990 got, 10 blocked", in English and Korean; the kinds of
// lines (put, got, ended…) are in English in both, as the log's verbs are.
// Empty when every line is kept.
func (h *History) Summary() i18n.Text {
	gone := h.Log.total - h.Log.count
	if gone <= 0 {
		return i18n.Text{}
	}
	o := h.Events.Older
	parts := []string{}
	for _, p := range []struct {
		n    uint64
		what string
	}{
		{o[timeline.Put], "put"}, {o[timeline.Get], "got"}, {o[timeline.Log], "logged"},
		{o[timeline.GoStart], "started"}, {o[timeline.GoEnd], "ended"}, {o[timeline.Close], "closed"},
		{h.Events.OlderBlocked, "blocked"},
	} {
		if p.n > 0 {
			parts = append(parts, Count(int(p.n))+" "+p.what)
		}
	}
	s := i18n.Text{En: Count(gone) + " earlier lines summarised", Ko: "앞선 " + Count(gone) + "줄은 요약했습니다"}
	if len(parts) > 0 {
		s.En += ": " + strings.Join(parts, ", ")
		s.Ko += ": " + strings.Join(parts, ", ")
	}
	return s
}

// Count formats n with thousands separators.
func Count(n int) string {
	s, sign := strconv.Itoa(n), ""
	if n < 0 {
		// Not Count(-n): -n of the smallest int is itself.
		s, sign = s[1:], "-"
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
