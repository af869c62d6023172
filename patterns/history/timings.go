package history

import (
	"time"

	"chanlab/patterns/timeline"
)

// Timings are the run's measured figures, as of the History's elapsed time.
type Timings struct {
	Elapsed time.Duration
	Stages  []Stage      // one per role, in order of first start
	Queues  []QueueTimes // one per queue
}

// Stage is the goroutines playing one role ("resize-0", "resize-1"…).
type Stage struct {
	Name       string
	Goroutines int
	Put, Got   int     // items its goroutines put and got
	PutRate    float64 // items put per second of the run
	GotRate    float64
	Busy       float64 // share of its goroutines' lives, together, running or working (0 to 1)
}

// QueueTimes are one queue's figures.
type QueueTimes struct {
	Name          string
	Cap           int
	Puts, Gets    int
	Rate          float64 // items got per second of the run
	Timed         int     // items whose time queued was measured: P50, P95 and Max are of them
	P50, P95, Max time.Duration
	Full, Empty   time.Duration
	MaxPutWait    time.Duration // the longest a put waited for room
	Peak          int
}

// Timings computes the figures.
func (h *History) Timings() Timings {
	t := Timings{Elapsed: h.Elapsed}
	secs := h.Elapsed.Seconds()
	rate := func(n int) float64 {
		if secs <= 0 {
			return 0
		}
		return float64(n) / secs
	}
	index := map[string]int{}
	// A stage's busy share is its goroutines' busy time over their lives,
	// added up: a mean of their shares read 100% for a stage whose many
	// goroutines lived microseconds each, running, beside one that waited
	// all run.
	busy, life := make([]time.Duration, 0, 4), make([]time.Duration, 0, 4)
	for i := range h.Lanes {
		l := &h.Lanes[i]
		role := l.role
		k, ok := index[role]
		if !ok {
			k = len(t.Stages)
			index[role] = k
			t.Stages = append(t.Stages, Stage{Name: role})
			busy, life = append(busy, 0), append(life, 0)
		}
		s := &t.Stages[k]
		s.Goroutines++
		s.Put += l.Puts
		s.Got += l.Gets
		b, lived := l.busyLife(h.Elapsed)
		busy[k] += b
		life[k] += lived
	}
	for i := range t.Stages {
		s := &t.Stages[i]
		s.PutRate, s.GotRate = rate(s.Put), rate(s.Got)
		if life[i] > 0 {
			s.Busy = float64(busy[i]) / float64(life[i])
		}
	}
	for i := range h.Queues {
		q := &h.Queues[i]
		t.Queues = append(t.Queues, QueueTimes{
			Name: q.Name, Cap: q.Cap, Puts: q.Puts, Gets: q.Gets, Rate: rate(q.Gets), Timed: q.Latency.N,
			P50: q.Latency.Quantile(0.50), P95: q.Latency.Quantile(0.95), Max: q.Latency.Max,
			Full: q.FullFor(h.Elapsed), Empty: q.EmptyFor(h.Elapsed), MaxPutWait: q.MaxPutWait, Peak: q.MaxLen,
		})
	}
	return t
}

// Blocked is the total time goroutines spent blocked on queues or waiting
// for locks, over the run.
func (h *History) Blocked() time.Duration {
	var d time.Duration
	for i := range h.Lanes {
		t := h.Lanes[i].Totals(h.Elapsed)
		d += t[timeline.BlockedPut] + t[timeline.BlockedGet] + t[timeline.WaitingLock]
	}
	return d
}
