package timeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

var capacities = []int{0, 1, 3}

// recorders returns a recorder and no recorder, with test names.
func recorders() []struct {
	name string
	rec  func() *Recorder
} {
	return []struct {
		name string
		rec  func() *Recorder
	}{
		{"recorder=nil", func() *Recorder { return nil }},
		{"recorder=on", func() *Recorder { return New(0) }},
	}
}

func TestNewQueue(t *testing.T) {
	for _, tt := range []struct{ capacity, wantCap int }{{-3, 0}, {0, 0}, {1, 1}, {3, 3}} {
		rec := New(0)
		q := NewQueue[string](rec, "jobs", tt.capacity)
		if q.Name() != "jobs" || q.Cap() != tt.wantCap || q.Len() != 0 {
			t.Errorf("NewQueue(jobs, %d): name %q, cap %d, len %d; want jobs, %d, 0", tt.capacity, q.Name(), q.Cap(), q.Len(), tt.wantCap)
		}
		s := rec.Snapshot(0)
		if len(s.Queues) != 1 || s.Queues[0].Name != "jobs" || s.Queues[0].Cap != tt.wantCap {
			t.Errorf("NewQueue(jobs, %d) recorded %+v, want one queue jobs of cap %d", tt.capacity, s.Queues, tt.wantCap)
		}
	}
	// Only integer items are values the log can show: a struct's put is
	// not "put 0".
	rec := New(0)
	NewQueue[int](rec, "ints", 1)
	NewQueue[uint64](rec, "uints", 1)
	NewQueue[struct{ n int }](rec, "items", 1)
	NewQueue[string](rec, "names", 1)
	var values []bool
	for _, q := range rec.Snapshot(0).Queues {
		values = append(values, q.Values)
	}
	if want := []bool{true, true, false, false}; !slices.Equal(values, want) {
		t.Errorf("Values of int, uint64, struct and string queues: %v, want %v", values, want)
	}
}

// TestQueueFIFO hands items from a producer goroutine to the test through
// queues of several capacities: they arrive in order, each once, and no
// recorded length exceeds the capacity.
func TestQueueFIFO(t *testing.T) {
	const n = 50
	for _, capacity := range capacities {
		for _, r := range recorders() {
			t.Run(fmt.Sprintf("cap=%d/%s", capacity, r.name), func(t *testing.T) {
				rec := r.rec()
				ctx := t.Context()
				q := NewQueue[int](rec, "q", capacity)
				g := NewGroup(rec)
				g.Go(ctx, "producer", func(ctx context.Context) error {
					for i := range n {
						if err := q.Put(ctx, i); err != nil {
							return err
						}
					}
					q.Close(ctx)
					return nil
				})
				var got []int
				for v := range q.All(ctx) {
					got = append(got, v)
					if l := q.Len(); l > capacity {
						t.Errorf("Len() = %d > Cap() %d", l, capacity)
					}
				}
				if err := g.Wait(); err != nil {
					t.Fatal(err)
				}
				if want := seqInts(n); !slices.Equal(got, want) {
					t.Errorf("got %v, want %v", got, want)
				}
				if st := q.Stats(); st.MaxLen > capacity {
					t.Errorf("Stats().MaxLen = %d > capacity %d", st.MaxLen, capacity)
				}
				if rec == nil {
					return
				}
				s := rec.Snapshot(0)
				for _, e := range s.Events {
					if (e.Kind == Put || e.Kind == Get) && int(e.Len) > capacity {
						t.Errorf("%v event with length %d > capacity %d", e.Kind, e.Len, capacity)
					}
				}
				qi := s.Queues[0]
				if qi.Puts != n || qi.Gets != n || !qi.Closed || qi.Len != 0 || qi.MaxLen > capacity {
					t.Errorf("queue info %+v, want %d puts and gets, closed, empty, max len ≤ %d", qi, n, capacity)
				}
				if qi.WaitingPut != 0 || qi.WaitingGet != 0 {
					t.Errorf("%d waiting to put and %d to get after the run, want 0", qi.WaitingPut, qi.WaitingGet)
				}
			})
		}
	}
}

func seqInts(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// fill puts 0, 1, … into q until it is full.
func fill(t *testing.T, q *Queue[int]) {
	t.Helper()
	for i := range q.Cap() {
		if err := q.Put(context.Background(), i); err != nil {
			t.Fatal(err)
		}
	}
}

func TestQueueCloseDrains(t *testing.T) {
	for _, capacity := range capacities {
		for _, r := range recorders() {
			t.Run(fmt.Sprintf("cap=%d/%s", capacity, r.name), func(t *testing.T) {
				ctx := t.Context()
				q := NewQueue[int](r.rec(), "q", capacity)
				fill(t, q)
				q.Close(ctx)
				var got []int
				for range capacity {
					v, err := q.Get(ctx)
					if err != nil {
						t.Fatalf("Get after close with %d queued: %v", q.Len()+1, err)
					}
					got = append(got, v)
				}
				if want := seqInts(capacity); !slices.Equal(got, want) {
					t.Errorf("got %v, want %v", got, want)
				}
				for range 2 {
					if v, err := q.Get(ctx); err != ErrClosed || v != 0 {
						t.Errorf("Get on a closed, drained queue = %v, %v; want 0, ErrClosed", v, err)
					}
				}
			})
		}
	}
}

func TestQueueDrain(t *testing.T) {
	for _, capacity := range capacities {
		for _, closed := range []bool{false, true} {
			t.Run(fmt.Sprintf("cap=%d/closed=%v", capacity, closed), func(t *testing.T) {
				q := NewQueue[int](New(0), "q", capacity)
				fill(t, q)
				if closed {
					q.Close(t.Context())
				}
				if got, want := q.Drain(), seqInts(capacity); !slices.Equal(got, want) {
					t.Errorf("Drain() = %v, want %v", got, want)
				}
				if got := q.Drain(); got != nil {
					t.Errorf("second Drain() = %v, want nil", got)
				}
			})
		}
	}
}

func TestQueueAll(t *testing.T) {
	tests := []struct {
		name    string
		queued  int  // items in a queue of capacity 3 before the loop
		close   bool // close the queue before the loop
		cancel  bool // cancel the context before the loop
		timeout time.Duration
		stopAt  int // break out of the loop after this many items, if > 0
		want    []int
		wantErr error // ctx.Err() after the loop
		wantLen int   // items left queued
	}{
		{name: "closed", queued: 3, close: true, want: seqInts(3)},
		{name: "closed empty", close: true},
		{name: "cancelled", queued: 2, cancel: true, wantErr: context.Canceled, wantLen: 2},
		{name: "cancelled and closed", queued: 2, close: true, cancel: true, wantErr: context.Canceled, wantLen: 2},
		{name: "timeout while waiting", queued: 2, timeout: time.Second, want: seqInts(2), wantErr: context.DeadlineExceeded},
		{name: "break", queued: 3, stopAt: 2, want: seqInts(2), wantLen: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				if tt.timeout > 0 {
					ctx, cancel = context.WithTimeout(ctx, tt.timeout)
					defer cancel()
				}
				q := NewQueue[int](New(0), "q", 3)
				for i := range tt.queued {
					if err := q.Put(ctx, i); err != nil {
						t.Fatal(err)
					}
				}
				if tt.close {
					q.Close(ctx)
				}
				if tt.cancel {
					cancel()
				}
				start := time.Now()
				var got []int
				for v := range q.All(ctx) {
					got = append(got, v)
					if len(got) == tt.stopAt {
						break
					}
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("got %v, want %v", got, tt.want)
				}
				if err := ctx.Err(); !errors.Is(err, tt.wantErr) {
					t.Errorf("ctx.Err() = %v, want %v", err, tt.wantErr)
				}
				if q.Len() != tt.wantLen {
					t.Errorf("Len() = %d after the loop, want %d", q.Len(), tt.wantLen)
				}
				if took := time.Since(start); took != tt.timeout {
					t.Errorf("the loop took %v, want %v", took, tt.timeout)
				}
			})
		})
	}
}

// TestPutAbandoned puts into a full queue until the context is done: Put
// returns ctx's error at once, and the queue is unchanged.
func TestPutAbandoned(t *testing.T) {
	for _, capacity := range capacities {
		for _, tt := range []struct {
			name    string
			timeout time.Duration // 0: cancelled before the put
			wantErr error
		}{
			{"timeout", 2 * time.Second, context.DeadlineExceeded},
			{"already cancelled", 0, context.Canceled},
		} {
			t.Run(fmt.Sprintf("cap=%d/%s", capacity, tt.name), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					rec := New(0)
					q := NewQueue[int](rec, "q", capacity)
					fill(t, q)
					ctx, cancel := context.WithCancel(t.Context())
					if tt.timeout > 0 {
						ctx, cancel = context.WithTimeout(t.Context(), tt.timeout)
					} else {
						cancel()
					}
					defer cancel()
					start := time.Now()
					g := NewGroup(rec)
					g.Go(ctx, "producer", func(ctx context.Context) error { return q.Put(ctx, 99) })
					if err := g.Wait(); !errors.Is(err, tt.wantErr) {
						t.Errorf("Put = %v, want %v", err, tt.wantErr)
					}
					if took := time.Since(start); took != tt.timeout {
						t.Errorf("Put returned after %v, want %v", took, tt.timeout)
					}
					if got, want := q.Drain(), seqInts(capacity); !slices.Equal(got, want) {
						t.Errorf("queue holds %v after the abandoned put, want %v", got, want)
					}
					st := q.Stats()
					if st.MaxLen != capacity || st.PutWait != tt.timeout || st.MaxPutWait != tt.timeout {
						t.Errorf("Stats() = %+v, want MaxLen %d and the put's wait %v", st, capacity, tt.timeout)
					}
					qi := rec.Snapshot(0).Queues[0]
					if qi.Puts != capacity || qi.WaitingPut != 0 || qi.PutWait != tt.timeout || qi.MaxPutWait != tt.timeout {
						t.Errorf("queue info %+v, want %d puts, none waiting, waited %v", qi, capacity, tt.timeout)
					}
				})
			})
		}
	}
}

// TestQueueWaiters blocks a goroutine on a put or get, checks that the
// recorder shows it waiting, then unblocks it after a fake-clock wait and
// checks that it is running again and the wait was measured exactly.
func TestQueueWaiters(t *testing.T) {
	for _, capacity := range []int{0, 1} {
		for _, op := range []State{BlockedPut, BlockedGet} {
			for _, wait := range []time.Duration{0, 3 * time.Second} {
				t.Run(fmt.Sprintf("cap=%d/%v/wait=%v", capacity, op, wait), func(t *testing.T) {
					synctest.Test(t, func(t *testing.T) {
						testWaiter(t, capacity, op, wait)
					})
				})
			}
		}
	}
}

func testWaiter(t *testing.T, capacity int, op State, wait time.Duration) {
	ctx := t.Context()
	rec := New(0)
	q := NewQueue[int](rec, "q", capacity)
	if op == BlockedPut {
		fill(t, q)
	}
	release := make(chan struct{})
	g := NewGroup(rec)
	g.Go(ctx, "waiter", func(ctx context.Context) error {
		var err error
		if op == BlockedPut {
			err = q.Put(ctx, 7)
		} else {
			_, err = q.Get(ctx)
		}
		if err != nil {
			return err
		}
		<-release
		return nil
	})

	synctest.Wait() // the waiter is blocked in Put or Get
	s := rec.Snapshot(0)
	if gr := s.Goroutines[0]; gr.State != op || gr.Queue != 0 {
		t.Errorf("while blocked: waiter is %v on queue %d, want %v on 0", gr.State, gr.Queue, op)
	}
	if got := waiting(s.Queues[0], op); got != 1 {
		t.Errorf("while blocked: %d waiting, want 1", got)
	}

	time.Sleep(wait)
	if op == BlockedPut {
		if _, err := q.Get(ctx); err != nil {
			t.Fatal(err)
		}
	} else if err := q.Put(ctx, 7); err != nil {
		t.Fatal(err)
	}
	synctest.Wait() // the waiter's operation completed; it waits on release
	s = rec.Snapshot(0)
	qi := s.Queues[0]
	if gr := s.Goroutines[0]; gr.State != Running || gr.Queue != -1 {
		t.Errorf("after unblocking: waiter is %v on queue %d, want running on -1", gr.State, gr.Queue)
	}
	if got := waiting(qi, op); got != 0 {
		t.Errorf("after unblocking: %d waiting, want 0", got)
	}
	total, longest := qi.GetWait, qi.MaxGetWait
	if op == BlockedPut {
		total, longest = qi.PutWait, qi.MaxPutWait
		if st := q.Stats(); st.PutWait != wait || st.MaxPutWait != wait {
			t.Errorf("Stats() = %+v, want a put wait of %v", st, wait)
		}
	}
	if total != wait || longest != wait {
		t.Errorf("recorded wait %v (longest %v), want exactly %v", total, longest, wait)
	}

	close(release)
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	if gr := rec.Snapshot(0).Goroutines[0]; gr.State != Done {
		t.Errorf("after Wait: waiter is %v, want done", gr.State)
	}
}

func waiting(qi QueueInfo, op State) int {
	if op == BlockedPut {
		return qi.WaitingPut
	}
	return qi.WaitingGet
}

// TestPutWaitStats holds a producer back with a getter that waits a given
// time before each get: each blocked put waits exactly that long.
func TestPutWaitStats(t *testing.T) {
	tests := []struct {
		name              string
		waits             []time.Duration // before each get after the first put
		wantMax, wantWait time.Duration
	}{
		{"never blocked", nil, 0, 0},
		{"once", []time.Duration{time.Second}, time.Second, time.Second},
		{"longest in the middle", []time.Duration{time.Second, 5 * time.Second, 2 * time.Second}, 5 * time.Second, 8 * time.Second},
		{"equal", []time.Duration{3 * time.Second, 3 * time.Second}, 3 * time.Second, 6 * time.Second},
		{"zero waits", []time.Duration{0, 0}, 0, 0},
	}
	for _, tt := range tests {
		for _, r := range recorders() {
			t.Run(tt.name+"/"+r.name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					ctx := t.Context()
					rec := r.rec()
					q := NewQueue[int](rec, "q", 1)
					g := NewGroup(rec)
					g.Go(ctx, "producer", func(ctx context.Context) error {
						for i := range len(tt.waits) + 1 { // the first put fills the queue
							if err := q.Put(ctx, i); err != nil {
								return err
							}
						}
						q.Close(ctx)
						return nil
					})
					for _, w := range tt.waits {
						time.Sleep(w)
						if _, err := q.Get(ctx); err != nil {
							t.Fatal(err)
						}
					}
					if err := g.Wait(); err != nil {
						t.Fatal(err)
					}
					want := QueueStats{MaxLen: 1, MaxPutWait: tt.wantMax, PutWait: tt.wantWait}
					if got := q.Stats(); got != want {
						t.Errorf("Stats() = %+v, want %+v", got, want)
					}
					if rec == nil {
						return
					}
					qi := rec.Snapshot(0).Queues[0]
					if qi.MaxPutWait != tt.wantMax || qi.PutWait != tt.wantWait {
						t.Errorf("recorded put wait %v (longest %v), want %v (longest %v)", qi.PutWait, qi.MaxPutWait, tt.wantWait, tt.wantMax)
					}
				})
			})
		}
	}
}

// TestBlockedPutBeforeItsGet blocks a put on a full queue, then gets its
// item: the put is recorded once, by the producer, and before the get. The
// runtime lets the getter go on first and only makes the putter ready, so
// on one thread the get used to be recorded first: the log said "got 100"
// above "put 100".
func TestBlockedPutBeforeItsGet(t *testing.T) {
	const item = 100
	for _, capacity := range capacities {
		t.Run(fmt.Sprintf("cap=%d", capacity), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx := t.Context()
				rec := New(0)
				q := NewQueue[int](rec, "q", capacity)
				fill(t, q)
				g := NewGroup(rec)
				g.Go(ctx, "producer", func(ctx context.Context) error { return q.Put(ctx, item) })
				synctest.Wait() // the producer is blocked on its put
				for range capacity + 1 {
					if _, err := q.Get(ctx); err != nil {
						t.Fatal(err)
					}
				}
				if err := g.Wait(); err != nil {
					t.Fatal(err)
				}

				s := rec.Snapshot(0)
				producer := int32(slices.IndexFunc(s.Goroutines, func(g Goroutine) bool { return g.Name == "producer" }))
				put, get := -1, -1
				for i, e := range s.Events {
					switch {
					case e.Kind == Put && e.Value == item:
						if put >= 0 {
							t.Errorf("put %d recorded twice, at %d and %d", item, put, i)
						}
						put = i
						if e.G != producer {
							t.Errorf("put %d recorded for goroutine %d, want the producer (%d)", item, e.G, producer)
						}
					case e.Kind == Get && e.Value == item:
						get = i
					}
				}
				if put < 0 || get < 0 || put > get {
					t.Errorf("put %d recorded at event %d and its get at %d, want the put first", item, put, get)
				}
				if qi := s.Queues[0]; qi.Puts != capacity+1 || qi.Gets != capacity+1 || qi.MaxLen != capacity {
					t.Errorf("queue info %+v, want %d puts and gets, max length %d", qi, capacity+1, capacity)
				}
				if st := q.Stats(); st.MaxLen != capacity {
					t.Errorf("Stats().MaxLen = %d, want %d", st.MaxLen, capacity)
				}
			})
		})
	}
}

// TestQueueConcurrent runs producers and consumers on one queue while
// another goroutine takes snapshots in a loop, as the UI does. Run it with
// -race. Every item is consumed exactly once, each consumer sees each
// producer's items in order, and every snapshot is consistent.
func TestQueueConcurrent(t *testing.T) {
	const producers, consumers, perProducer = 4, 4, 300
	for _, capacity := range []int{0, 1, 8} {
		for _, ring := range []int{64, 0} { // a small ring drops events while the snapshots read
			t.Run(fmt.Sprintf("cap=%d/ring=%d", capacity, ring), func(t *testing.T) {
				ctx := t.Context()
				rec := New(ring)
				q := NewQueue[int](rec, "q", capacity)

				stop := make(chan struct{})
				var snapshots sync.WaitGroup
				snapshots.Go(func() { watch(t, rec, stop, producers, consumers) })

				prod := NewGroup(rec)
				for p := range producers {
					prod.Go(ctx, fmt.Sprintf("producer-%d", p), func(ctx context.Context) error {
						for i := range perProducer {
							if err := q.Put(ctx, p*perProducer+i); err != nil {
								return err
							}
						}
						return nil
					})
				}
				got := make([][]int, consumers)
				cons := NewGroup(rec)
				for c := range consumers {
					cons.Go(ctx, fmt.Sprintf("consumer-%d", c), func(ctx context.Context) error {
						for v := range q.All(ctx) {
							got[c] = append(got[c], v)
						}
						return nil
					})
				}
				err := prod.Wait()
				q.Close(ctx)
				err = errors.Join(err, cons.Wait())
				close(stop)
				snapshots.Wait()
				if err != nil {
					t.Fatal(err)
				}

				seen := make([]int, producers*perProducer)
				for c, vs := range got {
					last := make([]int, producers) // per producer, the last value seen + 1
					for _, v := range vs {
						seen[v]++
						p := v / perProducer
						if v < last[p] {
							t.Errorf("consumer %d got %d after %d: producer %d's items out of order", c, v, last[p]-1, p)
						}
						last[p] = v + 1
					}
				}
				for v, n := range seen {
					if n != 1 {
						t.Errorf("item %d consumed %d times, want once", v, n)
					}
				}
				s := rec.Snapshot(0)
				qi := s.Queues[0]
				if total := producers * perProducer; qi.Puts != total || qi.Gets != total || qi.WaitingPut != 0 || qi.WaitingGet != 0 {
					t.Errorf("queue info %+v, want %d puts and gets, none waiting", qi, total)
				}
				for _, g := range s.Goroutines {
					if g.State != Done {
						t.Errorf("%s is %v, want done", g.Name, g.State)
					}
				}
			})
		}
	}
}

// watch takes snapshots until stop is closed, following the cursor, and
// checks each one.
func watch(t *testing.T, rec *Recorder, stop <-chan struct{}, producers, consumers int) {
	var cursor uint64
	for n := 0; ; n++ {
		select {
		case <-stop:
			if n == 0 {
				t.Errorf("no snapshot taken")
			}
			return
		default:
		}
		s := rec.Snapshot(cursor)
		if got, want := uint64(len(s.Events))+s.Dropped, s.Next-cursor; s.Next < cursor || got != want {
			t.Errorf("snapshot from %d to %d: %d events + %d dropped, want %d", cursor, s.Next, len(s.Events), s.Dropped, want)
			return
		}
		for _, qi := range s.Queues {
			if qi.Len > qi.Cap || qi.MaxLen > qi.Cap || qi.WaitingPut < 0 || qi.WaitingPut > producers || qi.WaitingGet < 0 || qi.WaitingGet > consumers {
				t.Errorf("inconsistent queue info %+v", qi)
				return
			}
		}
		for _, e := range s.Events {
			if (e.Kind == Put || e.Kind == Get) && int(e.Len) > s.Queues[e.Q].Cap {
				t.Errorf("%v event with length %d > capacity %d", e.Kind, e.Len, s.Queues[e.Q].Cap)
				return
			}
		}
		cursor = s.Next
		runtime.Gosched() // js/wasm has one thread and no preemption
	}
}
