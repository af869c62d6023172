package history

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"chanlab/patterns/timeline"
)

// Queue is one instrumented queue over the run.
type Queue struct {
	timeline.QueueInfo // the live figures, from the recorder

	Series Series // its length over time

	// Full and Empty are how long the queue held Cap items, and none, up
	// to its last put or get (see FullFor and EmptyFor for up to now).
	Full, Empty time.Duration

	// Latency is each item's time in the queue: from its put to its get.
	// A channel is first in, first out, so the k-th get takes the k-th put's
	// item and the two need no identity.
	Latency Hist

	// Putters and Getters are the roles that put into and got from the
	// queue: goroutine names without their number ("producer" for
	// "producer-0"), in order of first appearance.
	Putters, Getters []string

	level      int           // its length after the last put or get
	levelSince time.Duration // when it reached level
	puts       fifo          // when the items not yet got were put
	ahead      int           // gets recorded before their puts (a handoff's two sides)
}

// maxPending bounds the put times kept for items not yet got.
const maxPending = 1 << 16

func (q *Queue) transfer(k timeline.Kind, at time.Duration, n, b int) {
	q.spend(at)
	q.level, q.levelSince = n, at
	q.Series.add(b, n)
	if k == timeline.Put {
		if q.ahead > 0 {
			// Its get was recorded first: handed over, no time queued.
			q.ahead--
			q.Latency.Add(0)
			return
		}
		q.puts.push(at)
		return
	}
	put, ok := q.puts.pop()
	if !ok {
		q.ahead++
		return
	}
	q.Latency.Add(max(at-put, 0))
}

// fifo is a queue of times in a ring that grows to at most maxPending,
// then lets the oldest go. (A slice resliced from the front and appended
// to at the back would allocate at about every put.)
type fifo struct {
	buf     []time.Duration // a power of two long
	head, n int
}

func (f *fifo) push(t time.Duration) {
	if f.n == len(f.buf) {
		if len(f.buf) == maxPending {
			f.head, f.n = (f.head+1)&(len(f.buf)-1), f.n-1
		} else {
			grown := make([]time.Duration, max(16, 2*len(f.buf)))
			for i := range f.n {
				grown[i] = f.buf[(f.head+i)&(len(f.buf)-1)]
			}
			f.buf, f.head = grown, 0
		}
	}
	f.buf[(f.head+f.n)&(len(f.buf)-1)] = t
	f.n++
}

func (f *fifo) pop() (time.Duration, bool) {
	if f.n == 0 {
		return 0, false
	}
	t := f.buf[f.head]
	f.head, f.n = (f.head+1)&(len(f.buf)-1), f.n-1
	return t, true
}

// spend adds the time since the last change to Full or Empty.
func (q *Queue) spend(at time.Duration) {
	d := at - q.levelSince
	if d <= 0 {
		return
	}
	switch {
	case q.Cap > 0 && q.level >= q.Cap:
		q.Full += d
	case q.level == 0:
		q.Empty += d
	}
}

// FullFor and EmptyFor are how long the queue was full, and empty, from the
// run's start to now.
func (q *Queue) FullFor(now time.Duration) time.Duration {
	if q.Cap > 0 && q.level >= q.Cap && now > q.levelSince {
		return q.Full + now - q.levelSince
	}
	return q.Full
}

func (q *Queue) EmptyFor(now time.Duration) time.Duration {
	if q.level == 0 && now > q.levelSince {
		return q.Empty + now - q.levelSince
	}
	return q.Empty
}

// roles notes that a goroutine of role r (see Role) put or got.
func (q *Queue) roles(k timeline.Kind, r string) {
	list := &q.Getters
	if k == timeline.Put {
		list = &q.Putters
	}
	if !slices.Contains(*list, r) && len(*list) < 8 {
		*list = append(*list, r)
	}
}

// Role is a goroutine's name without a trailing number: the stage or role
// it plays ("resize" for "resize-2").
func Role(name string) string {
	i := strings.LastIndexAny(name, "-_ ")
	if i <= 0 || i == len(name)-1 {
		return name
	}
	for _, c := range name[i+1:] {
		if c < '0' || c > '9' {
			return name
		}
	}
	return name[:i]
}

// Series is a quantity over run time, one level per bucket.
type Series struct {
	Levels []Level
}

// Level is a series' bucket: the highest value in it and the last.
type Level struct {
	Max, Last int
}

func (s *Series) add(b, n int) {
	for len(s.Levels) <= b {
		// A bucket with no event holds the previous value all along.
		prev := 0
		if len(s.Levels) > 0 {
			prev = s.Levels[len(s.Levels)-1].Last
		}
		s.Levels = append(s.Levels, Level{Max: prev, Last: prev})
	}
	l := &s.Levels[b]
	l.Max, l.Last = max(l.Max, n), n
}

func (s *Series) merge() {
	merged := s.Levels[:0]
	for i := 0; i < len(s.Levels); i += 2 {
		l := s.Levels[i]
		if i+1 < len(s.Levels) {
			n := s.Levels[i+1]
			l.Max, l.Last = max(l.Max, n.Max), n.Last
		}
		merged = append(merged, l)
	}
	s.Levels = merged
}

// Peak is the highest value the series has seen.
func (s *Series) Peak() int {
	p := 0
	for _, l := range s.Levels {
		p = max(p, l.Max)
	}
	return p
}

// At is the series' value at the end of t's bucket (or its last value, past
// the end).
func (s *Series) At(h *History, t time.Duration) int {
	if len(s.Levels) == 0 {
		return 0
	}
	b := min(int(max(t, 0)/h.width), len(s.Levels)-1)
	return s.Levels[b].Last
}

// Hist is a histogram of durations with about 6% resolution from a
// microsecond to hours, in fixed memory: a value's bucket is its power of
// two and the next four bits below it.
type Hist struct {
	N      int
	Sum    time.Duration
	Max    time.Duration
	counts [64 * 16]uint32
}

// Add records d.
func (h *Hist) Add(d time.Duration) {
	h.N++
	h.Sum += d
	h.Max = max(h.Max, d)
	h.counts[histIndex(d)]++
}

func histIndex(d time.Duration) int {
	us := uint64(max(d/time.Microsecond, 0))
	if us < 16 {
		return int(us)
	}
	e := bits.Len64(us) - 5  // keep the top five bits: 1xxxx
	return e*16 + int(us>>e) // us>>e is in [16, 32)
}

// histValue is the middle of bucket i, back as a duration.
func histValue(i int) time.Duration {
	if i < 32 {
		return time.Duration(i) * time.Microsecond
	}
	e := i/16 - 1
	lo := uint64(16+i%16) << e
	return time.Duration(lo+(uint64(1)<<e)/2) * time.Microsecond
}

// Quantile is the duration below which a share p (0 to 1) of the values
// fall, to the histogram's resolution; 0 with no values. The top quantile
// is the exact maximum.
func (h *Hist) Quantile(p float64) time.Duration {
	if h.N == 0 {
		return 0
	}
	rank := uint64(math.Ceil(p * float64(h.N)))
	rank = max(rank, 1)
	if rank >= uint64(h.N) {
		// The top value (for few values, p95 is it): a bucket's middle
		// would show it below the maximum beside it.
		return h.Max
	}
	var seen uint64
	for i, c := range h.counts {
		seen += uint64(c)
		if seen >= rank {
			return min(histValue(i), h.Max)
		}
	}
	return h.Max
}

// Mean is the average value, 0 with none.
func (h *Hist) Mean() time.Duration {
	if h.N == 0 {
		return 0
	}
	return h.Sum / time.Duration(h.N)
}
