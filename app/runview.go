package app

import (
	"fmt"
	"time"

	"chanlab/patterns/timeline"
)

// maxLogLines is how many formatted log lines are kept: the ones the log
// view shows. Older ones are counted, not kept, and only lines that can be
// shown are formatted, whatever the event rate.
const maxLogLines = visibleLogLines

// chartBuckets bounds the points of a queue chart whatever the run's length.
const chartBuckets = 240

// runView is what the panels show of one run, built from the recorder's
// snapshots. It is plain data, updated only on the UI goroutine, once per
// frame at most.
type runView struct {
	src   snapshotSource // nil until the runner has the run
	done  chan struct{}  // closed when the run has ended
	start time.Time      // wall clock at the run's start, for log stamps

	// Versions change with what each panel shows, so that a component
	// given a pointer to the view re-renders only when its part changed:
	// version with anything (the timings show the elapsed time), the
	// others with their own events. The goroutines' "for" column also
	// ages, so their version moves at least every goroutinesRefresh.
	version, queuesVersion, goroutinesVersion, logVersion int
	goroutinesAt                                          time.Duration

	elapsed    time.Duration
	goroutines []timeline.Goroutine
	queues     []queueView
	gauges     []gaugeView

	log        []logLine // ring of the newest maxLogLines lines
	logHead    int       // index of the oldest line once the ring is full
	logTotal   int       // lines ever seen, kept or not
	logDropped uint64    // events the recorder's ring lost before we read them
}

type logLine struct {
	Seq   int    // its number in the run's log, from 1
	At    string // wall-clock stamp, 15:04:05.000
	Who   string
	Text  string
	Class string // for colour: put, get, blocked, log, start, end, error
}

// queueView is one queue's live figures and its length over time.
type queueView struct {
	timeline.QueueInfo
	chart series
}

// gaugeView is one gauge's live value and its value over time.
type gaugeView struct {
	timeline.GaugeInfo
	chart series
}

// series is a queue's length over run time in at most chartBuckets buckets
// of equal width. When the run outgrows them, the width doubles and pairs of
// buckets merge, so memory stays bounded and the peak is never lost.
type series struct {
	width   time.Duration
	buckets []bucket
}

type bucket struct {
	max  int // the highest length the queue had during the bucket
	last int // its length at the bucket's end
}

func (s *series) add(at time.Duration, n int) {
	if s.width == 0 {
		s.width = 25 * time.Millisecond
	}
	i := int(at / s.width)
	for i >= chartBuckets {
		s.merge()
		i = int(at / s.width)
	}
	for len(s.buckets) <= i {
		// A bucket with no event holds the previous length all along.
		prev := 0
		if len(s.buckets) > 0 {
			prev = s.buckets[len(s.buckets)-1].last
		}
		s.buckets = append(s.buckets, bucket{max: prev, last: prev})
	}
	b := &s.buckets[i]
	b.max, b.last = max(b.max, n), n
}

func (s *series) merge() {
	merged := s.buckets[:0]
	for i := 0; i < len(s.buckets); i += 2 {
		b := s.buckets[i]
		if i+1 < len(s.buckets) {
			n := s.buckets[i+1]
			b.max, b.last = max(b.max, n.max), n.last
		}
		merged = append(merged, b)
	}
	s.buckets = merged
	s.width *= 2
}

// peak is the highest length the series has seen.
func (s *series) peak() int {
	p := 0
	for _, b := range s.buckets {
		p = max(p, b.max)
	}
	return p
}

// snapshotSource gives what a run recorded since the last call, merged.
type snapshotSource interface {
	Take() (timeline.Snapshot, bool)
}

func newRunView() *runView {
	return &runView{done: make(chan struct{}), start: time.Now()}
}

// refresh folds in what the run recorded since the last refresh, and
// reports whether that held any event: without one, only the elapsed time
// and the goroutines' ages moved.
func (v *runView) refresh() (events bool) {
	if v.src == nil {
		return false
	}
	s, ok := v.src.Take()
	if ok {
		v.apply(s)
	}
	return ok && (len(s.Events) > 0 || s.Dropped > 0)
}

// apply folds a snapshot into the view.
func (v *runView) apply(s timeline.Snapshot) {
	v.version++
	if s.Elapsed-v.goroutinesAt >= goroutinesRefresh {
		v.goroutinesVersion++
		v.goroutinesAt = s.Elapsed
	}
	v.elapsed = s.Elapsed
	v.goroutines = s.Goroutines
	v.logDropped += s.Dropped
	// A new queue or gauge is drawn before its first event.
	queues := len(v.queues) < len(s.Queues) || len(v.gauges) < len(s.Gauges)
	for len(v.queues) < len(s.Queues) {
		v.queues = append(v.queues, queueView{})
	}
	for i, q := range s.Queues {
		v.queues[i].QueueInfo = q
	}
	for len(v.gauges) < len(s.Gauges) {
		v.gauges = append(v.gauges, gaugeView{})
	}
	for i, g := range s.Gauges {
		v.gauges[i].GaugeInfo = g
	}
	// Only the newest lines can be kept, so only they are formatted; the
	// chart needs every transfer.
	firstLogged := max(len(s.Events)-maxLogLines, 0)
	goroutines, logged := false, false
	for i, e := range s.Events {
		switch {
		case (e.Kind == timeline.Put || e.Kind == timeline.Get) && int(e.Q) < len(v.queues):
			v.queues[e.Q].chart.add(e.At, int(e.Len))
			queues = true
		case e.Kind == timeline.Measure && int(e.Q) < len(v.gauges):
			v.gauges[e.Q].chart.add(e.At, int(e.Value))
			queues = true
		case e.Kind == timeline.Close:
			queues = true
		case e.Kind == timeline.GoStart || e.Kind == timeline.GoState || e.Kind == timeline.GoEnd:
			goroutines = true
		}
		if line, ok := v.line(e, s); ok {
			v.logTotal++
			logged = true
			if i >= firstLogged {
				v.addLine(line)
			}
		}
	}
	if queues {
		v.queuesVersion++
	}
	if goroutines {
		v.goroutinesVersion++
		v.goroutinesAt = s.Elapsed
	}
	if logged || s.Dropped > 0 {
		v.logVersion++
	}
}

// goroutinesRefresh is how often the goroutine list re-renders when no
// goroutine changed state, to age its "for" column.
const goroutinesRefresh = 250 * time.Millisecond

func (v *runView) addLine(l logLine) {
	l.Seq = v.logTotal
	if len(v.log) < maxLogLines {
		v.log = append(v.log, l)
		return
	}
	v.log[v.logHead] = l
	v.logHead = (v.logHead + 1) % maxLogLines
}

// lines returns the newest n kept lines, oldest first.
func (v *runView) lines(n int) []logLine {
	n = min(n, len(v.log))
	out := make([]logLine, 0, n)
	for i := len(v.log) - n; i < len(v.log); i++ {
		out = append(out, v.log[(v.logHead+i)%len(v.log)])
	}
	return out
}

// line formats e as a log line, or reports false for events the log does
// not show (state changes other than blocking).
func (v *runView) line(e timeline.Event, s timeline.Snapshot) (logLine, bool) {
	l := logLine{At: v.start.Add(e.At).Format("15:04:05.000"), Who: "run"}
	if e.G >= 0 && int(e.G) < len(s.Goroutines) {
		l.Who = s.Goroutines[e.G].Name
	}
	var q timeline.QueueInfo
	if e.Q >= 0 && int(e.Q) < len(s.Queues) {
		q = s.Queues[e.Q]
	}
	switch e.Kind {
	case timeline.GoStart:
		l.Text, l.Class = "started", "start"
	case timeline.GoEnd:
		l.Text, l.Class = "done", "end"
		if e.Text != "" {
			l.Text, l.Class = "failed: "+e.Text, "error"
		}
	case timeline.Put:
		l.Text, l.Class = fmt.Sprintf("put %d (%s %d/%d)", e.Value, q.Name, e.Len, q.Cap), "put"
	case timeline.Get:
		l.Text, l.Class = fmt.Sprintf("got %d (%s %d/%d)", e.Value, q.Name, e.Len, q.Cap), "get"
	case timeline.Close:
		l.Text, l.Class = "closed "+q.Name, "log"
	case timeline.Log:
		l.Text, l.Class = e.Text, "log"
	case timeline.GoState:
		switch e.State {
		case timeline.BlockedPut:
			l.Text = fmt.Sprintf("blocked on put (%s full)", q.Name)
		case timeline.BlockedGet:
			l.Text = fmt.Sprintf("blocked on get (%s empty)", q.Name)
		default:
			return l, false
		}
		l.Class = "blocked"
	default:
		return l, false
	}
	return l, true
}
