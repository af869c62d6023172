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

func (e *DeadlockError) Error() string { return e.say(deadlockEn) }

// Korean is Error in Korean, for the learners who read it: the names of
// goroutines, queues and operations stay as the program has them.
func (e *DeadlockError) Korean() string { return e.say(deadlockKo) }

// deadlockWords are a DeadlockError's phrases in one language: formats of
// a goroutine's name and what it waits on.
type deadlockWords struct {
	lead                   string
	get, put, lock         string
	noProducer, noConsumer string
}

var (
	deadlockEn = deadlockWords{
		lead: "deadlock: ",
		get:  "%s waits on get(%s)", put: "%s waits on put(%s)", lock: "%s waits for the lock %s",
		noProducer: " with no producer", noConsumer: " with no consumer",
	}
	deadlockKo = deadlockWords{
		lead: "교착 상태: ",
		get:  "%s — get(%s)에서 대기", put: "%s — put(%s)에서 대기", lock: "%s — 락 %s 대기",
		noProducer: ", 생산자 없음", noConsumer: ", 소비자 없음",
	}
)

func (e *DeadlockError) say(w deadlockWords) string {
	parts := make([]string, len(e.Waiting))
	for i, g := range e.Waiting {
		parts[i] = e.describe(g, w)
	}
	return w.lead + strings.Join(parts, "; ")
}

func (e *DeadlockError) queueName(g Goroutine) string {
	if g.Queue >= 0 && int(g.Queue) < len(e.Queues) {
		return e.Queues[g.Queue].Name
	}
	return "?"
}

// describe says what g waits on, and that nobody is on the other side of
// its queue: every other goroutine is stuck too.
func (e *DeadlockError) describe(g Goroutine, w deadlockWords) string {
	switch g.State {
	case BlockedGet:
		s := fmt.Sprintf(w.get, g.Name, e.queueName(g))
		if e.count(BlockedPut, g.Queue) == 0 {
			s += w.noProducer
		}
		return s
	case BlockedPut:
		s := fmt.Sprintf(w.put, g.Name, e.queueName(g))
		if e.count(BlockedGet, g.Queue) == 0 {
			s += w.noConsumer
		}
		return s
	}
	return fmt.Sprintf(w.lock, g.Name, g.On)
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
