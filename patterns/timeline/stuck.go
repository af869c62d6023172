package timeline

import (
	"fmt"
	"strings"
	"time"
)

// DeadlockError reports a run whose goroutines were all blocked on each
// other: every one that had not returned had been blocked on a queue or a
// lock for a while (see Stuck). Go's runtime reports this only when no
// goroutine of the whole program can run, and then kills the program (in
// the browser, the run's worker); chanlab spots it per run and stops just
// that run.
type DeadlockError struct {
	Waiting []Goroutine // every live goroutine, with what it waited on
	Queues  []QueueInfo // to name the queues
}

func (e *DeadlockError) Error() string {
	var parts []string
	for _, g := range e.Waiting {
		parts = append(parts, e.describe(g))
	}
	return "deadlock: " + strings.Join(parts, "; ")
}

// Korean is Error in Korean, for the learners who read it: the names of
// goroutines, queues and operations stay as the program has them.
func (e *DeadlockError) Korean() string {
	var parts []string
	for _, g := range e.Waiting {
		parts = append(parts, e.describeKo(g))
	}
	return "교착 상태: " + strings.Join(parts, "; ")
}

func (e *DeadlockError) describeKo(g Goroutine) string {
	switch g.State {
	case BlockedGet:
		s := fmt.Sprintf("%s — get(%s)에서 대기", g.Name, e.queueName(g))
		if e.count(BlockedPut, g.Queue) == 0 {
			s += ", 생산자 없음"
		}
		return s
	case BlockedPut:
		s := fmt.Sprintf("%s — put(%s)에서 대기", g.Name, e.queueName(g))
		if e.count(BlockedGet, g.Queue) == 0 {
			s += ", 소비자 없음"
		}
		return s
	}
	return fmt.Sprintf("%s — 락 %s 대기", g.Name, g.On)
}

func (e *DeadlockError) queueName(g Goroutine) string {
	if g.Queue >= 0 && int(g.Queue) < len(e.Queues) {
		return e.Queues[g.Queue].Name
	}
	return "?"
}

// describe says what g waits on, and that nobody is on the other side of
// its queue: every other goroutine is stuck too.
func (e *DeadlockError) describe(g Goroutine) string {
	q := e.queueName(g)
	switch g.State {
	case BlockedGet:
		s := fmt.Sprintf("%s waits on get(%s)", g.Name, q)
		if e.count(BlockedPut, g.Queue) == 0 {
			s += " with no producer"
		}
		return s
	case BlockedPut:
		s := fmt.Sprintf("%s waits on put(%s)", g.Name, q)
		if e.count(BlockedGet, g.Queue) == 0 {
			s += " with no consumer"
		}
		return s
	}
	return fmt.Sprintf("%s waits for the lock %s", g.Name, g.On)
}

func (e *DeadlockError) count(s State, q int32) int {
	n := 0
	for _, g := range e.Waiting {
		if g.State == s && g.Queue == q {
			n++
		}
	}
	return n
}

// Stuck reports whether every goroutine in s that has not returned is
// blocked on a queue or a lock and has been since at least quiet ago, with
// at least one such goroutine. It is the deadlock test: none of them can
// wake another. A goroutine that sleeps can still wake, so it rules a
// deadlock out; so does one that is running, and one that is Waiting, since
// what it waits for may be a timer.
//
// It cannot see goroutines that a pattern starts without a Group: a
// pattern whose queues are used by an untracked goroutine could look stuck
// while that goroutine is about to act. Patterns therefore track every
// goroutine that touches their queues.
func Stuck(s Snapshot, quiet time.Duration) (*DeadlockError, bool) {
	var waiting []Goroutine
	for _, g := range s.Goroutines {
		switch g.State {
		case Done:
			continue
		case BlockedPut, BlockedGet, WaitingLock:
			if s.Elapsed-g.Since < quiet {
				return nil, false
			}
			waiting = append(waiting, g)
		default:
			return nil, false
		}
	}
	if len(waiting) == 0 {
		return nil, false
	}
	return &DeadlockError{Waiting: waiting, Queues: s.Queues}, true
}
