package history

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"

	"chanlab/patterns/timeline"
)

func TestMain(m *testing.M) {
	// On js/wasm the runtime's event handler goroutine is always there.
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("runtime.handleEvent"))
}

// record runs f inside a synctest bubble with a recorder, so that times are
// exact, and folds the recorder's snapshots into a History every step of
// fake time, as the page does once per frame.
func record(t *testing.T, step time.Duration, f func(ctx context.Context, rec *timeline.Recorder)) *History {
	t.Helper()
	var h *History
	synctest.Test(t, func(t *testing.T) {
		rec := timeline.New(0)
		h = New()
		done := make(chan struct{})
		go func() {
			defer close(done)
			f(t.Context(), rec)
		}()
		var cursor uint64
		take := func() {
			s := rec.Snapshot(cursor)
			cursor = s.Next
			h.Add(s)
		}
		for {
			select {
			case <-done:
				take()
				return
			case <-time.After(step):
				take()
			}
		}
	})
	return h
}

// producerConsumer puts n items into a queue of capacity c every put
// apart, while a consumer takes one every get.
func producerConsumer(n, c int, put, get time.Duration) func(ctx context.Context, rec *timeline.Recorder) {
	return func(ctx context.Context, rec *timeline.Recorder) {
		q := timeline.NewQueue[int](rec, "jobs", c)
		g := timeline.NewGroup(rec)
		g.Go(ctx, "producer-0", func(ctx context.Context) error {
			defer q.Close(ctx)
			for i := range n {
				if err := timeline.Sleep(ctx, put); err != nil {
					return err
				}
				if err := q.Put(ctx, i); err != nil {
					return err
				}
			}
			return nil
		})
		g.Go(ctx, "consumer-0", func(ctx context.Context) error {
			for range q.All(ctx) {
				if err := timeline.Sleep(ctx, get); err != nil {
					return err
				}
			}
			return nil
		})
		g.Wait()
	}
}

func TestSlowConsumerFillsTheQueue(t *testing.T) {
	// The producer puts every 10 ms, the consumer takes 50 ms per item:
	// the queue of 3 fills, then the producer waits on every put.
	h := record(t, 33*time.Millisecond, producerConsumer(20, 3, 10*time.Millisecond, 50*time.Millisecond))

	if got, want := len(h.Lanes), 2; got != want {
		t.Fatalf("lanes: got %d, want %d", got, want)
	}
	q := h.Queues[0]
	if q.Puts != 20 || q.Gets != 20 {
		t.Errorf("puts, gets: got %d, %d, want 20, 20", q.Puts, q.Gets)
	}
	if got := q.Series.Peak(); got != 3 {
		t.Errorf("peak: got %d, want 3", got)
	}
	if q.Latency.N != 20 {
		t.Errorf("latencies: got %d, want 20", q.Latency.N)
	}
	// In the steady state an item waits for the three before it: 150 ms.
	if p50 := q.Latency.Quantile(0.5); p50 < 120*time.Millisecond || p50 > 170*time.Millisecond {
		t.Errorf("p50 latency: got %v, want about 150ms", p50)
	}
	if q.FullFor(h.Elapsed) < 500*time.Millisecond {
		t.Errorf("full for %v: the producer outpaces the consumer fivefold, the queue should be full most of the run", q.FullFor(h.Elapsed))
	}
	prod := h.Lanes[0]
	totals := prod.Totals(h.Elapsed)
	if totals[timeline.BlockedPut] < 500*time.Millisecond {
		t.Errorf("producer blocked on put for %v, want most of the run", totals[timeline.BlockedPut])
	}
	var sum time.Duration
	for s, d := range totals {
		if timeline.State(s) != timeline.Done {
			sum += d
		}
	}
	if end := prod.Live.Since; sum != end-prod.Start {
		t.Errorf("producer's state times add to %v, its life is %v", sum, end-prod.Start)
	}
	if h.Notices == 0 || h.Notice.En == "" || h.Notice.Ko == "" {
		t.Errorf("no notice: a full queue with a blocked producer should be said")
	}

	tm := h.Timings()
	if len(tm.Stages) != 2 || tm.Stages[0].Name != "producer" || tm.Stages[0].Put != 20 || tm.Stages[1].Got != 20 {
		t.Errorf("stages: got %+v", tm.Stages)
	}
	if busy := tm.Stages[1].Busy; busy < 0.9 {
		t.Errorf("the consumer is the bottleneck and should be busy nearly all its life: got %.2f", busy)
	}
	if len(q.Putters) != 1 || q.Putters[0] != "producer" || len(q.Getters) != 1 || q.Getters[0] != "consumer" {
		t.Errorf("roles: putters %v, getters %v", q.Putters, q.Getters)
	}
}

func TestFastConsumerWaitsOnEmpty(t *testing.T) {
	h := record(t, 33*time.Millisecond, producerConsumer(10, 5, 50*time.Millisecond, time.Millisecond))
	q := h.Queues[0]
	if got := q.Series.Peak(); got > 1 {
		t.Errorf("peak: got %d, want at most 1", got)
	}
	if q.EmptyFor(h.Elapsed) < h.Elapsed*8/10 {
		t.Errorf("empty for %v of %v: the consumer outpaces the producer", q.EmptyFor(h.Elapsed), h.Elapsed)
	}
	if q.FullFor(h.Elapsed) != 0 {
		t.Errorf("full for %v, want 0", q.FullFor(h.Elapsed))
	}
	cons := h.Lanes[1]
	if got := cons.Totals(h.Elapsed)[timeline.BlockedGet]; got < 400*time.Millisecond {
		t.Errorf("consumer blocked on get for %v, want most of the run", got)
	}
}

func TestRewind(t *testing.T) {
	// A producer blocked on a full queue of 1 for 200 ms, until the
	// consumer wakes: at 100 ms it is blocked on put, at 300 ms done.
	h := record(t, 10*time.Millisecond, func(ctx context.Context, rec *timeline.Recorder) {
		q := timeline.NewQueue[int](rec, "jobs", 1)
		g := timeline.NewGroup(rec)
		g.Go(ctx, "producer", func(ctx context.Context) error {
			q.Put(ctx, 1)
			q.Put(ctx, 2) // blocks until the get at 200 ms
			return nil
		})
		g.Go(ctx, "consumer", func(ctx context.Context) error {
			timeline.Sleep(ctx, 200*time.Millisecond)
			q.Get(ctx)
			timeline.Sleep(ctx, 200*time.Millisecond)
			q.Get(ctx)
			return nil
		})
		g.Wait()
	})
	prod, cons := &h.Lanes[0], &h.Lanes[1]
	for _, c := range []struct {
		at   time.Duration
		lane *Lane
		want timeline.State
	}{
		{100 * time.Millisecond, prod, timeline.BlockedPut},
		{100 * time.Millisecond, cons, timeline.Sleeping},
		{300 * time.Millisecond, prod, timeline.Done},
		{300 * time.Millisecond, cons, timeline.Sleeping},
		{500 * time.Millisecond, cons, timeline.Done},
	} {
		if got := c.lane.At(h, c.at); got.State != c.want {
			t.Errorf("%s at %v: got %v, want %v", c.lane.Name, c.at, got.State, c.want)
		}
	}
	if m := prod.At(h, 100*time.Millisecond); m.Since != 0 || m.Queue != 0 {
		t.Errorf("producer at 100ms: got %+v, want blocked on queue 0 since 0", m)
	}
	if got := h.Queues[0].Series.At(h, 100*time.Millisecond); got != 1 {
		t.Errorf("queue at 100ms: got %d, want 1", got)
	}
	if got := h.Queues[0].Series.At(h, 450*time.Millisecond); got != 0 {
		t.Errorf("queue at 450ms: got %d, want 0", got)
	}
	// The log up to 100 ms: two starts, the first put, the blocking.
	n := h.LogBefore(100 * time.Millisecond)
	if n != 4 {
		for i := range h.Log.Len() {
			t.Log(h.LogLine(i))
		}
		t.Errorf("log lines up to 100ms: got %d, want 4", n)
	}
	spans := prod.Spans(h, h.Elapsed)
	if len(spans) == 0 || spans[0].State != timeline.BlockedPut || spans[0].To < 190*time.Millisecond {
		t.Errorf("producer's spans: got %+v, want blocked on put for 200ms first", spans)
	}
}

func TestLongRunKeepsBoundedMemory(t *testing.T) {
	// 300,000 events over 60 s: buckets widen, old events are summarised.
	h := New()
	s := timeline.Snapshot{
		Goroutines: []timeline.Goroutine{{Name: "producer-0", Queue: -1}},
		Queues:     []timeline.QueueInfo{{Name: "jobs", Cap: 10}},
	}
	const n = 300_000
	for i := range n {
		at := time.Duration(i) * 200 * time.Microsecond
		k := timeline.Put
		if i%2 == 1 {
			k = timeline.Get
		}
		s.Events = append(s.Events, timeline.Event{At: at, Kind: k, G: 0, Q: 0, Len: int32(i % 2), Value: int64(i)})
		if len(s.Events) == 1000 {
			s.Elapsed = at
			h.Add(s)
			s.Events = s.Events[:0]
		}
	}
	if got := len(h.Queues[0].Series.Levels); got > Buckets {
		t.Errorf("series has %d buckets, want at most %d", got, Buckets)
	}
	if got := h.Events.Total(); got != n {
		t.Errorf("events: got %d, want %d", got, n)
	}
	if got := h.Log.Len(); got > KeepEvents {
		t.Errorf("log keeps %d lines, want at most %d", got, KeepEvents)
	}
	if h.Log.Total() != n {
		t.Errorf("log total: got %d, want %d", h.Log.Total(), n)
	}
	sum := h.Summary()
	if sum.En == "" || sum.Ko == "" || h.Events.Older[timeline.Put]+h.Events.Older[timeline.Get] != n-KeepEvents {
		t.Errorf("summary %q, older %v", sum, h.Events.Older)
	}
	if first := h.LogLine(0); first.N != n-KeepEvents+1 {
		t.Errorf("first kept line is number %d, want %d", first.N, n-KeepEvents+1)
	}
}

// The log keeps the lines whose events are kept. When only some events
// are lines, it starts trimming before it has ever held KeepEvents lines:
// its ring wraps at whatever size it had grown to.
func TestLogKeepsTheKeptEventsLines(t *testing.T) {
	h := New()
	s := timeline.Snapshot{Goroutines: []timeline.Goroutine{{Name: "main", Queue: -1}}}
	const n = 3*KeepEvents + 777
	for i := range n {
		k := timeline.Measure // not a line
		if i%3 == 0 {
			k = timeline.Log
		}
		s.Events = append(s.Events, timeline.Event{At: time.Duration(i) * time.Microsecond, Kind: k, G: 0, Q: -1, Value: int64(i)})
		if len(s.Events) == 4096 || i == n-1 {
			s.Elapsed = s.Events[len(s.Events)-1].At
			h.Add(s)
			s.Events = s.Events[:0]
		}
	}
	if got, want := h.Log.Total(), (n+2)/3; got != want {
		t.Errorf("log total: got %d, want %d", got, want)
	}
	// Kept events are n-KeepEvents to n-1; the lines among them are the
	// multiples of 3.
	first := uint64(n - KeepEvents)
	first += (3 - first%3) % 3
	want := (n-1-int(first))/3 + 1
	if got := h.Log.Len(); got != want {
		t.Fatalf("log keeps %d lines, want %d", got, want)
	}
	for i := range h.Log.Len() {
		if got := h.Log.Line(i); got != first+3*uint64(i) {
			t.Fatalf("line %d is event %d, want %d", i, got, first+3*uint64(i))
		}
	}
}

func TestHistQuantiles(t *testing.T) {
	var h Hist
	for i := 1; i <= 1000; i++ {
		h.Add(time.Duration(i) * time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0.5, 500 * time.Millisecond}, {0.95, 950 * time.Millisecond}, {1, time.Second}} {
		got := h.Quantile(c.p)
		if diff := float64(got-c.want) / float64(c.want); diff < -0.07 || diff > 0.07 {
			t.Errorf("p%.0f: got %v, want %v ±7%%", c.p*100, got, c.want)
		}
	}
	if h.Max != time.Second || h.N != 1000 {
		t.Errorf("max %v, n %d", h.Max, h.N)
	}
	// With few values the top quantiles are the largest value itself, not
	// its bucket's middle: two waits of 600 and 700 µs have p95 700 µs.
	var few Hist
	few.Add(600 * time.Microsecond)
	few.Add(700 * time.Microsecond)
	if got := few.Quantile(0.95); got != 700*time.Microsecond {
		t.Errorf("p95 of 600µs and 700µs: %v, want 700µs", got)
	}
	if got := few.Quantile(0.5); got > 600*time.Microsecond || got < 560*time.Microsecond {
		t.Errorf("p50 of 600µs and 700µs: %v, want about 600µs", got)
	}
}

func TestRole(t *testing.T) {
	for name, want := range map[string]string{
		"producer-0": "producer", "resize-12": "resize", "main": "main",
		"Process-3": "Process", "task-a": "task-a", "-1": "-1", "x-": "x-",
	} {
		if got := Role(name); got != want {
			t.Errorf("Role(%q): got %q, want %q", name, got, want)
		}
	}
}

// BenchmarkAdd folds a flood's events as the page does, in frames of
// 3,000 (100,000 events/s at 30 frames/s), over 8 goroutines and 1 queue.
func BenchmarkAdd(b *testing.B) {
	s := timeline.Snapshot{Queues: []timeline.QueueInfo{{Name: "jobs", Cap: 10}}}
	for i := range 8 {
		s.Goroutines = append(s.Goroutines, timeline.Goroutine{Name: "worker-" + string(rune('0'+i)), Queue: -1})
	}
	const frame = 3000
	events := make([]timeline.Event, frame)
	h := New()
	at := time.Duration(0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for j := range events {
			at += 10 * time.Microsecond
			g := int32(j % 8)
			switch j % 3 {
			case 0:
				events[j] = timeline.Event{At: at, Kind: timeline.Put, G: g, Q: 0, Len: 5, Value: int64(j)}
			case 1:
				events[j] = timeline.Event{At: at, Kind: timeline.Get, G: g, Q: 0, Len: 4, Value: int64(j)}
			default:
				events[j] = timeline.Event{At: at, Kind: timeline.GoState, State: timeline.BlockedGet, G: g, Q: 0}
			}
		}
		s.Events, s.Elapsed = events, at
		h.Add(s)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*frame), "ns/event")
}

func TestFIFO(t *testing.T) {
	var f fifo
	next, want := time.Duration(0), time.Duration(0)
	// Interleaved: the ring wraps and grows with items in it.
	for round := range 200 {
		for range round % 37 {
			f.push(next)
			next++
		}
		for range round % 23 {
			got, ok := f.pop()
			if !ok {
				break
			}
			if got != want {
				t.Fatalf("round %d: popped %d, want %d", round, got, want)
			}
			want++
		}
	}
	// Past maxPending the oldest go.
	for range maxPending + 10 {
		f.push(next)
		next++
	}
	if f.n != maxPending {
		t.Fatalf("holds %d, want %d", f.n, maxPending)
	}
	if got, _ := f.pop(); got != next-maxPending {
		t.Errorf("oldest kept is %d, want %d", got, next-maxPending)
	}
}

// TestLogTexts checks what the log says of puts, gets and blocking: an
// integer item's value, "an item" for others (not a made-up 0), and no
// "full" for an unbuffered queue, which never holds an item.
func TestLogTexts(t *testing.T) {
	type item struct{ n int }
	h := record(t, 10*time.Millisecond, func(ctx context.Context, rec *timeline.Recorder) {
		ints := timeline.NewQueue[int](rec, "ints", 1)
		items := timeline.NewQueue[item](rec, "items", 1)
		handoff := timeline.NewQueue[int](rec, "handoff", 0)
		g := timeline.NewGroup(rec)
		g.Go(ctx, "putter", func(ctx context.Context) error {
			ints.Put(ctx, 7)
			items.Put(ctx, item{7})
			ints.Put(ctx, 8)    // blocks until the get at 100 ms: full
			handoff.Put(ctx, 9) // blocks until the get at 200 ms: no getter
			return nil
		})
		g.Go(ctx, "getter", func(ctx context.Context) error {
			timeline.Sleep(ctx, 100*time.Millisecond)
			ints.Get(ctx)
			items.Get(ctx)
			timeline.Sleep(ctx, 100*time.Millisecond)
			handoff.Get(ctx)
			_, err := ints.Get(ctx)
			return err
		})
		g.Wait()
	})
	var texts []string
	for i := range h.Log.Len() {
		if l := h.LogLine(i); l.Who == "putter" {
			texts = append(texts, l.Text)
		}
	}
	want := []string{
		"started",
		"put 7 (ints 1/1)",
		"put an item (items 1/1)",
		"blocked on put (ints full)",
		"put 8 (ints 1/1)",
		"blocked on put (handoff: no getter ready)",
		"put 9 (handoff 0/0)",
		"done",
	}
	if !slices.Equal(texts, want) {
		t.Errorf("the putter's log:\n%q\nwant\n%q", texts, want)
	}
}

// TestSummaryAddsUp checks that the summary's kinds of lines add up to the
// lines it summarises, blocking included, and leave out the state changes
// that are not lines (a flood's summary once left out 83,507 lines).
func TestSummaryAddsUp(t *testing.T) {
	h := New()
	s := timeline.Snapshot{
		Goroutines: []timeline.Goroutine{{Name: "producer-0", Queue: -1}},
		Queues:     []timeline.QueueInfo{{Name: "jobs", Cap: 1, Values: true}},
	}
	pattern := []timeline.Event{
		{Kind: timeline.Put, Q: 0, Len: 1},
		{Kind: timeline.GoState, State: timeline.BlockedPut, Q: 0},
		{Kind: timeline.GoState, State: timeline.Running, Q: -1}, // not a line
		{Kind: timeline.Get, Q: 0},
	}
	for i := range 3 * KeepEvents {
		e := pattern[i%len(pattern)]
		e.At = time.Duration(i) * time.Microsecond
		s.Events = append(s.Events, e)
	}
	s.Elapsed = time.Duration(3*KeepEvents) * time.Microsecond
	h.Add(s)
	gone := h.Log.Total() - h.Log.Len()
	sum := h.Summary().En
	_, parts, ok := strings.Cut(sum, ": ")
	if !ok {
		t.Fatalf("summary %q has no breakdown", sum)
	}
	total := 0
	for p := range strings.SplitSeq(parts, ", ") {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.Fields(p)[0], ",", ""))
		if err != nil {
			t.Fatalf("summary %q: %v", sum, err)
		}
		total += n
	}
	if total != gone || !strings.Contains(parts, "blocked") {
		t.Errorf("summary %q: its kinds add up to %d of %d lines summarised, want all, blocking included", sum, total, gone)
	}
}

// TestSpansStayInTheGoroutinesLife checks that a lane shorter than a bucket
// is drawn from its start to its end, not across the whole bucket.
func TestSpansStayInTheGoroutinesLife(t *testing.T) {
	w := firstWidth / 10 // a tenth of a bucket
	h := record(t, time.Millisecond, func(ctx context.Context, rec *timeline.Recorder) {
		time.Sleep(3 * w)
		g := timeline.NewGroup(rec)
		g.Go(ctx, "short", func(ctx context.Context) error {
			return timeline.Sleep(ctx, 4*w)
		})
		g.Wait()
		time.Sleep(5 * w)
	})
	if h.Width() <= 7*w {
		t.Fatalf("bucket width %v: the test needs a goroutine shorter than a bucket", h.Width())
	}
	spans := h.Lanes[0].Spans(h, h.Elapsed)
	if len(spans) != 1 || spans[0].From != 3*w || spans[0].To != 7*w || spans[0].State != timeline.Sleeping {
		t.Errorf("spans of a goroutine sleeping from %v to %v: %+v, want one from its start to its end", 3*w, 7*w, spans)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{
		0: "0", 999: "999", 1000: "1,000", -1234567: "-1,234,567", 100_000: "100,000",
		math.MinInt64: "-9,223,372,036,854,775,808",
	} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestStageBusyOverLives checks that a stage's busy share is its
// goroutines' busy time over their lives together: ten workers that each
// work 1 ms and one that waits 1 s on an empty queue are busy about 1% of
// their time, where the mean of their shares, ten at 100% and one at 0%,
// read 91%.
func TestStageBusyOverLives(t *testing.T) {
	h := record(t, 10*time.Millisecond, func(ctx context.Context, rec *timeline.Recorder) {
		q := timeline.NewQueue[int](rec, "jobs", 0)
		g := timeline.NewGroup(rec)
		g.Go(ctx, "worker-10", func(ctx context.Context) error {
			_, err := q.Get(ctx)
			return err
		})
		for i := range 10 {
			g.Go(ctx, "worker-"+strconv.Itoa(i), func(ctx context.Context) error {
				return timeline.Sleep(ctx, time.Millisecond)
			})
		}
		time.Sleep(time.Second)
		q.Close(ctx)
		g.Wait()
	})
	tm := h.Timings()
	if len(tm.Stages) != 1 || tm.Stages[0].Goroutines != 11 {
		t.Fatalf("stages %+v, want one of 11 workers", tm.Stages)
	}
	if busy := tm.Stages[0].Busy; busy < 0.005 || busy > 0.02 {
		t.Errorf("workers busy %.3f of their lives, want about 0.01 (10 ms of 1.01 s)", busy)
	}
}

// TestLaneAtTheInstant checks a goroutine's state at instants inside one
// bucket: it ran, blocked at 5 ms and ended at 9 ms of a 2 s run, whose
// buckets are wider than that, so the bucket alone says "done" throughout.
func TestLaneAtTheInstant(t *testing.T) {
	ms := time.Millisecond
	h := New()
	h.Add(timeline.Snapshot{
		Goroutines: []timeline.Goroutine{{Name: "idle", Queue: -1}, {Name: "w", Queue: -1}},
		Queues:     []timeline.QueueInfo{{Name: "q", Cap: 1}},
		Events: []timeline.Event{
			{At: 0, Kind: timeline.GoStart, G: 0, Q: -1, State: timeline.Running},
			{At: 0, Kind: timeline.GoState, G: 0, Q: 0, State: timeline.BlockedGet},
			{At: ms, Kind: timeline.GoStart, G: 1, Q: -1, State: timeline.Running},
			{At: 5 * ms, Kind: timeline.GoState, G: 1, Q: 0, State: timeline.BlockedPut},
			{At: 9 * ms, Kind: timeline.GoEnd, G: 1, Q: -1, State: timeline.Done},
			{At: 1003 * ms, Kind: timeline.GoState, G: 0, Q: -1, State: timeline.Running},
		},
		Elapsed: 2 * time.Second,
	})
	w := &h.Lanes[1]
	for _, tc := range []struct {
		at    time.Duration
		state timeline.State
		since time.Duration
	}{
		{3 * ms, timeline.Running, ms},
		{5 * ms, timeline.BlockedPut, 5 * ms},
		{8 * ms, timeline.BlockedPut, 5 * ms},
		{9 * ms, timeline.Done, 9 * ms},
		{time.Second, timeline.Done, 9 * ms},
	} {
		if m := w.At(h, tc.at); !m.Started || m.State != tc.state || m.Since != tc.since {
			t.Errorf("at %v: %v since %v, want %v since %v", tc.at, m.State, m.Since, tc.state, tc.since)
		}
	}
	if m := w.At(h, ms/2); m.Started {
		t.Errorf("before its start: %+v", m)
	}
	// The other goroutine blocked at 0 and stayed so until 1003 ms: at
	// 1001 ms, in the bucket where it ran again, it was still blocked.
	for _, at := range []time.Duration{3 * ms, 1001 * ms} {
		if m := h.Lanes[0].At(h, at); m.State != timeline.BlockedGet || m.Queue != 0 || m.Since != 0 {
			t.Errorf("idle at %v: %+v, want blocked on get since 0", at, m)
		}
	}
	if m := h.Lanes[0].At(h, 1004*ms); m.State != timeline.Running {
		t.Errorf("idle at 1004ms: %+v, want running", m)
	}
}

// TestLaneAtMatchesReplay checks At against a replay of the events, at
// random instants of a run of three goroutines changing state at random.
func TestLaneAtMatchesReplay(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	states := []timeline.State{timeline.Running, timeline.Sleeping, timeline.BlockedPut, timeline.BlockedGet}
	const lanes = 3
	var events []timeline.Event
	for g := range int32(lanes) {
		events = append(events, timeline.Event{At: 0, Kind: timeline.GoStart, G: g, Q: -1, State: timeline.Running})
	}
	at := time.Duration(0)
	for range 2000 {
		at += time.Duration(r.IntN(2000)) * time.Microsecond
		events = append(events, timeline.Event{At: at, Kind: timeline.GoState, G: int32(r.IntN(lanes)), Q: -1, State: states[r.IntN(len(states))]})
	}
	h := New()
	s := timeline.Snapshot{Elapsed: at, Events: events}
	for range lanes {
		s.Goroutines = append(s.Goroutines, timeline.Goroutine{Queue: -1})
	}
	h.Add(s)
	for range 2000 {
		t0 := time.Duration(r.Int64N(int64(at)))
		for g := range lanes {
			want := timeline.Running
			for _, e := range events {
				if e.At <= t0 && e.G == int32(g) {
					want = e.State
				}
			}
			if m := h.Lanes[g].At(h, t0); m.State != want {
				t.Fatalf("goroutine %d at %v: %v, replay says %v", g, t0, m.State, want)
			}
		}
	}
}
