// Package timeline records what a pattern's goroutines and queues do during
// one run, so that a UI can show it live and tests can check it.
//
// A pattern uses three things from here, and nothing else changes in its
// logic: it names its queues ([NewQueue]), starts its goroutines through a
// [Group] so each one has a name and a state, and writes log lines at domain
// points ([Logf]). Simulated work is [Sleep], which can be abandoned.
//
// The [Recorder] keeps a bounded ring of [Event]s, timestamped from one
// monotonic clock, plus live aggregates (each goroutine's state, each queue's
// length and waiters). It never blocks the pattern beyond a short critical
// section, never calls out, and a nil *Recorder is a valid no-op: the same
// pattern code runs uninstrumented in tests and benchmarks. A UI pulls a
// [Snapshot] at most once per frame; the recorder never pushes.
package timeline

import (
	"sync"
	"time"
)

// DefaultCapacity is the ring size used when New is given 0: enough for
// several seconds of a busy run while staying a few MB.
const DefaultCapacity = 1 << 16

// Kind says what an Event records.
type Kind uint8

// The event kinds.
const (
	GoStart Kind = iota + 1 // goroutine G was started, in State (runnable)
	GoState                 // goroutine G changed to State (waiting on queue Q if ≥ 0)
	GoEnd                   // goroutine G returned; Text holds its error, if any
	Put                     // G put Value into queue Q, which then held Len items
	Get                     // G got Value from queue Q, which then held Len items
	Close                   // G closed queue Q
	Log                     // G wrote Text
	Measure                 // G set gauge Q to Value
)

var kindNames = [...]string{GoStart: "start", GoState: "state", GoEnd: "end", Put: "put", Get: "get", Close: "close", Log: "log", Measure: "measure"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// State is what a goroutine is doing.
type State uint8

// The goroutine states.
const (
	Running     State = iota // running
	BlockedPut               // blocked sending on a queue
	BlockedGet               // blocked receiving from a queue
	Sleeping                 // in Sleep (simulated work or a delay)
	WaitingLock              // waiting for a lock
	Waiting                  // waiting for a signal: an event, a result, a timer
	Runnable                 // ready, and waiting for the thread (see Pace)
	Done                     // returned
)

var stateNames = [...]string{"running", "blocked on put", "blocked on get", "sleeping", "waiting for lock", "waiting", "runnable", "done"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// Event is one recorded fact. It is plain data so it can be copied,
// exported and sent between threads. G and Q index Snapshot.Goroutines and
// Snapshot.Queues (Snapshot.Gauges for a Measure); -1 means none. A GoState
// event into WaitingLock or Waiting names what is awaited in Text.
//
// Events are in the order they were recorded, which is the order things
// happened. A put that blocked is recorded by its getter if the getter
// goes on first, so that its get comes after it. A put that did not block
// is recorded by its putter just after the item went in: on one thread
// always before the get, but with threads a getter may record first.
type Event struct {
	At    time.Duration // since the recorder's start
	Kind  Kind
	State State
	G     int32
	Q     int32
	Len   int32
	Value int64
	Text  string
}

// Goroutine is the live view of one tracked goroutine.
type Goroutine struct {
	Name  string
	State State
	Since time.Duration // when it entered State
	Queue int32         // queue it waits on, or -1
	On    string        // what it waits for in WaitingLock or Waiting
}

// GaugeInfo is the live view of one gauge: a measured quantity that is not
// a queue's length, such as the items an unbounded buffer holds.
type GaugeInfo struct {
	Name  string
	Unit  string
	Value int64
	Max   int64
}

// QueueInfo is the live view of one instrumented queue.
type QueueInfo struct {
	Name       string
	Cap        int
	Len        int // after the latest recorded put or get
	MaxLen     int // high-water mark
	Puts, Gets int
	WaitingPut int // goroutines blocked putting right now
	WaitingGet int // goroutines blocked getting right now
	Closed     bool
	Values     bool // its items are integers, which its Put and Get events carry as Value

	// Blocking, from when a goroutine started waiting on the queue until it
	// stopped, whether the operation then completed or was abandoned.
	PutWait, MaxPutWait time.Duration
	GetWait, MaxGetWait time.Duration
}

// Recorder collects the events of one run. Create it with New just before
// the run starts; its clock starts then, and again at Begin if nothing has
// been recorded yet.
type Recorder struct {
	mu         sync.Mutex // guards everything below
	start      time.Time
	ring       []Event
	total      uint64 // events ever recorded; the next event's sequence number
	goroutines []Goroutine
	queues     []QueueInfo
	gauges     []GaugeInfo
	finished   time.Duration // the run time at Finish, or 0 while the run runs
}

// New returns a Recorder whose ring keeps the latest capacity events
// (DefaultCapacity if capacity ≤ 0). Its clock starts now.
func New(capacity int) *Recorder {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	// The ring first, then the clock: zeroing a few MB, and the collection
	// it may start, is not the run's time.
	ring := make([]Event, capacity)
	return &Recorder{start: time.Now(), ring: ring}
}

// Begin restarts the recorder's clock, if nothing is recorded yet: the run
// begins now. Spec.Exec calls it just before the pattern's Run, so that
// the run's time is Run's from its first instant, not from whenever the
// recorder was made (in the worker, 10–16 ms earlier: every lane began
// with a blank, and the timings' Elapsed ran that much past the result's).
func (r *Recorder) Begin() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.total == 0 { // every time the recorder keeps is an event's
		r.start = time.Now()
	}
}

// Finish stops the recorder's clock: the run has returned, and snapshots
// taken later, such as the last one, report its elapsed time as of now.
// Without it the last snapshot's time included the wait for the runner to
// take it, and the timings' Elapsed ran 10–25 ms past the pattern's own.
func (r *Recorder) Finish() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finished == 0 {
		r.finished = max(time.Since(r.start), 1)
	}
}

// addLocked appends e to the ring, overwriting the oldest event when full.
func (r *Recorder) addLocked(e Event) {
	r.ring[r.total%uint64(len(r.ring))] = e
	r.total++
}

func (r *Recorder) newGoroutine(name string) int32 {
	if r == nil {
		return -1
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	at := time.Since(r.start)
	id := int32(len(r.goroutines))
	// Started, but not running until the scheduler gives it a thread:
	// the goroutine itself says when (Group.Go).
	r.goroutines = append(r.goroutines, Goroutine{Name: name, State: Runnable, Since: at, Queue: -1})
	r.addLocked(Event{At: at, Kind: GoStart, State: Runnable, G: id, Q: -1, Text: name})
	return id
}

func (r *Recorder) newQueue(name string, capacity int, values bool) int32 {
	if r == nil {
		return -1
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	id := int32(len(r.queues))
	r.queues = append(r.queues, QueueInfo{Name: name, Cap: capacity, Values: values})
	return id
}

// setState records that goroutine g entered state s, waiting on queue q
// (or -1). Entering or leaving a blocked state updates the queue's waiters.
func (r *Recorder) setState(g int32, s State, q int32) {
	if r == nil || g < 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	at := time.Since(r.start)
	r.enterLocked(g, s, q, at)
	r.addLocked(Event{At: at, Kind: GoState, State: s, G: g, Q: q})
}

// wait records that goroutine g entered state s (WaitingLock or Waiting),
// waiting for on.
func (r *Recorder) wait(g int32, s State, on string) {
	if r == nil || g < 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	at := time.Since(r.start)
	r.enterLocked(g, s, -1, at)
	r.goroutines[g].On = on
	r.addLocked(Event{At: at, Kind: GoState, State: s, G: g, Q: -1, Text: on})
}

// enterLocked moves goroutine g into state s at time at, keeping the queues'
// waiter counts and waiting times in step.
func (r *Recorder) enterLocked(g int32, s State, q int32, at time.Duration) {
	gr := &r.goroutines[g]
	if gr.Queue >= 0 {
		qi := &r.queues[gr.Queue]
		waited := at - gr.Since
		switch gr.State {
		case BlockedPut:
			qi.WaitingPut--
			qi.PutWait += waited
			qi.MaxPutWait = max(qi.MaxPutWait, waited)
		case BlockedGet:
			qi.WaitingGet--
			qi.GetWait += waited
			qi.MaxGetWait = max(qi.MaxGetWait, waited)
		}
	}
	if q >= 0 {
		switch s {
		case BlockedPut:
			r.queues[q].WaitingPut++
		case BlockedGet:
			r.queues[q].WaitingGet++
		}
	}
	gr.State, gr.Since, gr.Queue, gr.On = s, at, q, ""
}

func (r *Recorder) end(g int32, err error) {
	if r == nil || g < 0 {
		return
	}
	e := Event{Kind: GoEnd, State: Done, G: g, Q: -1}
	if err != nil {
		e.Text = err.Error()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e.At = time.Since(r.start)
	r.enterLocked(g, Done, -1, e.At)
	r.addLocked(e)
}

// transfer records a completed put or get. A put with a record (a put
// that blocked) is recorded once, by its putter or its getter, whichever
// comes first. The goroutine's state is not touched here: a blocked Put or
// Get sets it back to Running itself.
func (r *Recorder) transfer(k Kind, g, q int32, value int64, n int, pr *putRecord) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if pr != nil {
		if pr.done {
			return
		}
		pr.done = true
	}
	at := time.Since(r.start)
	qi := &r.queues[q]
	qi.Len = n
	qi.MaxLen = max(qi.MaxLen, n)
	if k == Put {
		qi.Puts++
	} else {
		qi.Gets++
	}
	r.addLocked(Event{At: at, Kind: k, G: g, Q: q, Len: int32(n), Value: value})
}

func (r *Recorder) newGauge(name, unit string) int32 {
	if r == nil {
		return -1
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	id := int32(len(r.gauges))
	r.gauges = append(r.gauges, GaugeInfo{Name: name, Unit: unit})
	return id
}

func (r *Recorder) measure(g, id int32, v int64) {
	if r == nil || id < 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	gi := &r.gauges[id]
	gi.Value, gi.Max = v, max(gi.Max, v)
	r.addLocked(Event{At: time.Since(r.start), Kind: Measure, G: g, Q: id, Value: v})
}

func (r *Recorder) closeQueue(g, q int32) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.queues[q].Closed = true
	r.addLocked(Event{At: time.Since(r.start), Kind: Close, G: g, Q: q})
}

func (r *Recorder) log(g int32, text string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addLocked(Event{At: time.Since(r.start), Kind: Log, G: g, Q: -1, Text: text})
}

// Snapshot is a consistent copy of the recorder's state.
type Snapshot struct {
	Elapsed    time.Duration
	Events     []Event // the events after the cursor passed to Snapshot, oldest first
	Next       uint64  // cursor for the next call
	Dropped    uint64  // events after the cursor that the ring no longer held
	Goroutines []Goroutine
	Queues     []QueueInfo
	Gauges     []GaugeInfo
}

// Part is the part of s that holds its events [from, to), for handling a
// large snapshot a slice at a time: the parts of a snapshot, in order, add
// up to it. A part has s's live aggregates (goroutines, queues, gauges);
// its time and cursor reach its last event, or s's own for the last part.
// The first part counts what the ring dropped: those events came before
// any that s holds.
func (s Snapshot) Part(from, to int) Snapshot {
	p := s
	p.Events = s.Events[from:to:to]
	if to < len(s.Events) {
		p.Elapsed = min(s.Elapsed, s.Events[max(to-1, 0)].At)
		p.Next = s.Next - uint64(len(s.Events)-to)
	}
	if from > 0 {
		p.Dropped = 0
	}
	return p
}

// Snapshot copies the events recorded since cursor (0 for all) and the live
// aggregates. Pass the returned Next as the next cursor. Events older than
// the ring's capacity are counted in Dropped, not returned.
func (r *Recorder) Snapshot(cursor uint64) Snapshot {
	if r == nil {
		return Snapshot{}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := Snapshot{
		Elapsed:    time.Since(r.start),
		Next:       r.total,
		Goroutines: append([]Goroutine(nil), r.goroutines...),
		Queues:     append([]QueueInfo(nil), r.queues...),
		Gauges:     append([]GaugeInfo(nil), r.gauges...),
	}
	if r.finished > 0 {
		s.Elapsed = r.finished
	}
	if cursor > r.total {
		cursor = r.total
	}
	oldest := uint64(0)
	if r.total > uint64(len(r.ring)) {
		oldest = r.total - uint64(len(r.ring))
	}
	if cursor < oldest {
		s.Dropped = oldest - cursor
		cursor = oldest
	}
	s.Events = make([]Event, 0, r.total-cursor)
	for i := cursor; i < r.total; i++ {
		s.Events = append(s.Events, r.ring[i%uint64(len(r.ring))])
	}
	return s
}
