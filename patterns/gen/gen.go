// Package gen is Python's generators in Go: lazy sequences, next and close,
// composed generator expressions, and a coroutine that receives values.
//
// Python: a generator function yields values one at a time and is paused in
// between (inspect.getgeneratorstate shows GEN_CREATED, GEN_RUNNING,
// GEN_SUSPENDED, GEN_CLOSED); next(gen) resumes it and gen.close() ends it,
// running its finally blocks. A generator expression such as
// (x*x for x in nums if x % 2) is lazy: it pulls from nums only when it is
// itself asked for a value. A running average is a coroutine that receives
// each value with send.
//
// Go: a generator is an iter.Seq[T], a func(yield func(T) bool) that calls
// yield for each value, and stops when yield returns false. A range loop
// over it (`for v := range seq`) runs its body as yield: breaking out of the
// loop makes yield return false, so the generator returns and its deferred
// cleanup runs at once. (In Python, a break or islice leaves the generator
// suspended; its finally runs at close(), or when it is collected.) For next() and close(), iter.Pull
// turns the sequence into `next, stop := iter.Pull(seq)`; stop must always
// be called (`defer stop()`), because the paused generator lives on until it
// is. Generator expressions are small functions over sequences (Filter, Map,
// Take), composed on one goroutine: no channels and no goroutines, because
// nothing here runs concurrently. Python's send has no direct equivalent,
// since an iter.Seq only hands values out: a coroutine that keeps state
// between values is a struct with a method (Averager.Add).
//
// It is safe because it is sequential. The generators run on the consumer's
// goroutine (with iter.Pull, on a coroutine that runs only while the
// consumer waits in next and has handed control back when next returns), so
// their state needs no lock. Every consumer stops its generator: the range
// loop by breaking, the Pull consumer by calling stop.
package gen

import (
	"context"
	_ "embed"
	"iter"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed gen.go
var Source string

// Keep says which numbers the generator expression keeps.
type Keep uint8

// The filters.
const (
	All  Keep = iota // every number
	Odd              // if x % 2
	Even             // if x % 2 == 0
)

func (k Keep) keeps(x int) bool {
	switch k {
	case Odd:
		return x%2 != 0
	case Even:
		return x%2 == 0
	}
	return true
}

// Consumer says how the consumer takes values.
type Consumer uint8

// The consumers.
const (
	Range Consumer = iota // for v := range seq, then break
	Pull                  // next, stop := iter.Pull(seq); next() …; stop()
)

func (c Consumer) String() string {
	if c == Pull {
		return "pull"
	}
	return "range"
}

// Config are the knobs. The zero Config is valid: the consumer takes no
// values, so the source is created and never started.
type Config struct {
	Items    int           // values the consumer takes
	Source   int           // the source counts 0, 1, … Source-1; ≤ 0 counts forever, like itertools.count()
	Keep     Keep          // the generator expression's condition
	Consumer Consumer      // range loop or iter.Pull
	Delay    time.Duration // the source's work to produce each number
}

// Result is what a run measured.
type Result struct {
	Values   []int     // what the consumer took, in order: squares of the kept numbers
	Averages []float64 // the running average after each value
	Produced int       // numbers the source generated, however many it could have
	States   []State   // the source's states, in order, from its own instrumentation
	Cleanup  bool      // the source's deferred cleanup ran: it was closed
	Elapsed  time.Duration
}

// Run builds the generator pipeline and lets one consumer take Items values
// from it. It returns when the consumer has stopped the pipeline: after
// Items values, when the source ran out, or when ctx was cancelled, in which
// case it also returns ctx's error.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	start := time.Now()
	var res Result
	// One goroutine, so that its log lines and states are shown: the
	// generators run on it, not beside it.
	g := timeline.NewGroup(rec)
	g.Go(ctx, "consumer", func(ctx context.Context) error {
		res = consume(ctx, cfg)
		return nil
	})
	err := g.Wait()
	res.Elapsed = time.Since(start)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// consume is Python's
//
//	nums = numbers(source)
//	squares = (x*x for x in nums if x % 2)
//	avg = averager(); next(avg)
//	for x in itertools.islice(squares, items):
//	    print(x, avg.send(x))
//
// with either a range loop or next() and close().
func consume(ctx context.Context, cfg Config) Result {
	var src probe
	nums := numbers(ctx, cfg.Source, cfg.Delay, &src)
	// Nothing runs yet: composing sequences only wraps functions.
	squares := Map(Filter(nums, cfg.Keep.keeps), func(x int) int { return x * x })

	var res Result
	var avg Averager
	take := func(how string, v int) {
		a := avg.Add(float64(v))
		res.Values = append(res.Values, v)
		res.Averages = append(res.Averages, a)
		timeline.Logf(ctx, "%s %d; running average %.2f", how, v, a)
	}
	switch cfg.Consumer {
	case Pull:
		next, stop := iter.Pull(squares)
		// gen.close(): always, or the paused generator would never return.
		defer stop()
		for range max(cfg.Items, 0) {
			v, ok := next()
			if !ok {
				break // the source ran out, or ctx was cancelled
			}
			take("next() =", v)
		}
		// close() now, to see it in the log; the deferred stop is then a
		// no-op.
		timeline.Logf(ctx, "stop()")
		stop()
	default:
		// Take stops after Items values: its yield returns false, and so
		// does every yield down to the source's, which returns.
		for v := range Take(squares, cfg.Items) {
			take("got", v)
		}
	}
	res.Produced, res.States, res.Cleanup = src.produced, src.states, src.cleanup
	return res
}

// numbers is the source generator, Python's
//
//	def numbers(n):
//	    try:
//	        yield from range(n)   # itertools.count() when endless
//	    finally:
//	        cleanup()
//
// instrumented: p records each change of its state, as
// inspect.getgeneratorstate would see it, and counts the numbers produced.
// Each number takes delay to make, and the generator ends early when ctx is
// done.
func numbers(ctx context.Context, n int, delay time.Duration, p *probe) iter.Seq[int] {
	p.set(ctx, Created)
	return func(yield func(int) bool) {
		p.set(ctx, Running)
		// The finally block: it runs however the loop ends.
		defer p.cleanUp(ctx)
		for i := 0; n <= 0 || i < n; i++ {
			// Also a pacing point for the browser when delay is 0.
			if timeline.Sleep(ctx, delay) != nil {
				return
			}
			p.yielding(ctx, i)
			if !yield(i) {
				return // close(): the consumer wants no more
			}
			p.set(ctx, Running)
		}
	}
}

// State is a generator's state, as inspect.getgeneratorstate names it.
type State uint8

// The states.
const (
	Created   State = iota // GEN_CREATED: made, not started
	Running                // GEN_RUNNING: its body is executing
	Suspended              // GEN_SUSPENDED: paused at a yield
	Closed                 // GEN_CLOSED: returned, or stopped by its consumer
)

var stateNames = [...]string{"created", "running", "suspended", "closed"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// probe is a generator's view of itself. Only the generator writes it, on
// the consumer's goroutine or on iter.Pull's coroutine while the consumer
// waits in next; the consumer reads it after it stopped the generator.
type probe struct {
	states   []State
	produced int
	cleanup  bool
}

func (p *probe) set(ctx context.Context, s State) {
	p.states = append(p.states, s)
	timeline.Logf(ctx, "numbers: %v", s)
}

// yielding records that the generator produced v and is suspended at its
// yield until it is asked for the next value.
func (p *probe) yielding(ctx context.Context, v int) {
	p.produced++
	p.states = append(p.states, Suspended)
	timeline.Logf(ctx, "numbers: %v, yielded %d", Suspended, v)
}

// cleanUp is the generator's cleanup, the finally block of the Python.
func (p *probe) cleanUp(ctx context.Context) {
	p.cleanup = true
	p.states = append(p.states, Closed)
	timeline.Logf(ctx, "numbers: %v, cleanup ran", Closed)
}

// Filter returns the values of seq for which keep is true, lazily:
// Python's (x for x in seq if keep(x)).
func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

// Map returns f of each value of seq, lazily: Python's (f(x) for x in seq).
func Map[T, U any](seq iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range seq {
			if !yield(f(v)) {
				return
			}
		}
	}
}

// Take returns the first n values of seq: Python's itertools.islice(seq, n).
// It stops seq right after the nth value, without asking for one more.
func Take[T any](seq iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return // seq is never started
		}
		i := 0
		for v := range seq {
			i++
			if !yield(v) || i == n {
				return
			}
		}
	}
}

// Averager keeps a running average. It is the Go form of Python's
// coroutine
//
//	def averager():
//	    total, count, average = 0, 0, None
//	    while True:
//	        x = yield average
//	        total += x; count += 1; average = total / count
//
// driven with avg.send(x). An iter.Seq only hands values out, so a value
// sent in becomes a method argument, and the state between sends becomes
// fields. The zero Averager is ready to use.
type Averager struct {
	total float64
	count int
}

// Add is avg.send(x): it adds x and returns the average so far.
func (a *Averager) Add(x float64) float64 {
	a.total += x
	a.count++
	return a.total / float64(a.count)
}
