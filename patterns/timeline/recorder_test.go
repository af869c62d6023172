package timeline

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// record puts n consecutive integers, starting at from, into a fresh queue
// of rec from an untracked context, so that exactly n Put events are
// recorded, their values numbering them.
func record(t testing.TB, rec *Recorder, from, n int) {
	t.Helper()
	q := NewQueue[int](rec, fmt.Sprintf("q%d", from), n)
	for i := range n {
		if err := q.Put(context.Background(), from+i); err != nil {
			t.Fatalf("Put: %v", err)
		}
	}
}

// values returns the values of the events in s.
func values(s Snapshot) []int64 {
	var vs []int64
	for _, e := range s.Events {
		vs = append(vs, e.Value)
	}
	return vs
}

// seq returns from, from+1, …, to-1 (nil when empty).
func seq(from, to int64) []int64 {
	var vs []int64
	for i := from; i < to; i++ {
		vs = append(vs, i)
	}
	return vs
}

func TestSnapshotRing(t *testing.T) {
	tests := []struct {
		name        string
		capacity    int
		record      int
		cursor      uint64
		wantValues  []int64
		wantDropped uint64
	}{
		{"nothing recorded", 4, 0, 0, nil, 0},
		{"not full", 4, 3, 0, seq(0, 3), 0},
		{"exactly full", 4, 4, 0, seq(0, 4), 0},
		{"wrapped", 4, 10, 0, seq(6, 10), 6},
		{"capacity 1", 1, 10, 0, seq(9, 10), 9},
		{"cursor at oldest kept", 4, 10, 6, seq(6, 10), 0},
		{"cursor inside ring", 4, 10, 8, seq(8, 10), 0},
		{"cursor before ring", 4, 10, 2, seq(6, 10), 4},
		{"cursor at end", 4, 10, 10, nil, 0},
		{"cursor past end", 4, 10, 99, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := New(tt.capacity)
			record(t, rec, 0, tt.record)
			s := rec.Snapshot(tt.cursor)
			if got := values(s); !slices.Equal(got, tt.wantValues) {
				t.Errorf("event values = %v, want %v", got, tt.wantValues)
			}
			if s.Dropped != tt.wantDropped {
				t.Errorf("Dropped = %d, want %d", s.Dropped, tt.wantDropped)
			}
			if s.Next != uint64(tt.record) {
				t.Errorf("Next = %d, want %d", s.Next, tt.record)
			}
			for _, e := range s.Events {
				if e.Kind != Put || e.G != -1 {
					t.Errorf("event %+v, want an untracked put", e)
				}
			}
		})
	}
}

// TestSnapshotCursor follows the cursor the way a UI does, through batches
// smaller and larger than the ring: each snapshot holds only events newer
// than the cursor, and every event is either returned or counted as dropped.
func TestSnapshotCursor(t *testing.T) {
	const capacity = 4
	rec := New(capacity)
	var cursor uint64
	next := 0 // value of the next event recorded
	for _, batch := range []int{3, 2, 0, 10, 4, 5, 1, 0} {
		record(t, rec, next, batch)
		next += batch
		s := rec.Snapshot(cursor)
		kept := min(batch, capacity)
		if got, want := values(s), seq(int64(next-kept), int64(next)); !slices.Equal(got, want) {
			t.Errorf("after a batch of %d: event values = %v, want %v", batch, got, want)
		}
		if got, want := s.Dropped, uint64(batch-kept); got != want {
			t.Errorf("after a batch of %d: Dropped = %d, want %d", batch, got, want)
		}
		if got, want := uint64(len(s.Events))+s.Dropped, s.Next-cursor; got != want {
			t.Errorf("after a batch of %d: %d events + %d dropped, want Next-cursor = %d", batch, len(s.Events), s.Dropped, want)
		}
		if !slices.IsSortedFunc(s.Events, func(a, b Event) int { return int(a.At - b.At) }) {
			t.Errorf("event times are not in order: %v", s.Events)
		}
		cursor = s.Next
	}
	if s := rec.Snapshot(cursor); len(s.Events) != 0 || s.Dropped != 0 || s.Next != cursor {
		t.Errorf("Snapshot(Next) with nothing new = %d events, %d dropped, Next %d; want none, 0, %d", len(s.Events), s.Dropped, s.Next, cursor)
	}
}

// TestSnapshotPart checks that the parts of a snapshot add up to it: their
// events in order, the first with the snapshot's drops, the last with its
// time and cursor, and each earlier one with the cursor and time of its
// own last event.
func TestSnapshotPart(t *testing.T) {
	rec := New(8)
	record(t, rec, 0, 11) // 3 dropped, 8 kept
	s := rec.Snapshot(0)
	if len(s.Events) != 8 || s.Dropped != 3 {
		t.Fatalf("snapshot of %d events, %d dropped; want 8 and 3", len(s.Events), s.Dropped)
	}
	orig := slices.Clone(s.Events)
	if p := s.Part(0, len(s.Events)); !reflect.DeepEqual(p, s) {
		t.Errorf("Part(0, all) = %+v, want the snapshot itself", p)
	}
	for _, n := range []int{1, 3, 8} {
		var events []Event
		var dropped uint64
		var cursor uint64 // the snapshot's cursor: 0
		for from := 0; from < len(s.Events); from += n {
			to := min(from+n, len(s.Events))
			p := s.Part(from, to)
			events = append(events, p.Events...)
			dropped += p.Dropped
			if from > 0 && p.Dropped != 0 {
				t.Errorf("parts of %d: Part(%d, %d) counts %d dropped; only the first part does", n, from, to, p.Dropped)
			}
			if got, want := p.Next, cursor+p.Dropped+uint64(to-from); got != want {
				t.Errorf("parts of %d: Part(%d, %d).Next = %d, want %d", n, from, to, got, want)
			}
			cursor = p.Next
			if want := min(s.Elapsed, s.Events[to-1].At); to < len(s.Events) && p.Elapsed != want {
				t.Errorf("parts of %d: Part(%d, %d).Elapsed = %v, want its last event's %v", n, from, to, p.Elapsed, want)
			}
			if to == len(s.Events) && (p.Elapsed != s.Elapsed || p.Next != s.Next) {
				t.Errorf("parts of %d: the last part's time and cursor are %v, %d; want the snapshot's %v, %d", n, p.Elapsed, p.Next, s.Elapsed, s.Next)
			}
			if !reflect.DeepEqual(p.Queues, s.Queues) || !reflect.DeepEqual(p.Goroutines, s.Goroutines) {
				t.Errorf("parts of %d: Part(%d, %d) lost the live aggregates", n, from, to)
			}
			if len(p.Events) > 0 {
				p.Events = append(p.Events, Event{}) // must not write into s
			}
		}
		if !reflect.DeepEqual(events, orig) || !reflect.DeepEqual(s.Events, orig) {
			t.Errorf("parts of %d: events %v, and the snapshot's %v; want %v", n, events, s.Events, orig)
		}
		if dropped != s.Dropped {
			t.Errorf("parts of %d: %d dropped in all, want %d", n, dropped, s.Dropped)
		}
	}
}

func TestNewCapacity(t *testing.T) {
	for _, tt := range []struct{ capacity, want int }{
		{-1, DefaultCapacity},
		{0, DefaultCapacity},
		{1, 1},
		{100, 100},
	} {
		if got := len(New(tt.capacity).ring); got != tt.want {
			t.Errorf("New(%d) keeps %d events, want %d", tt.capacity, got, tt.want)
		}
	}
}

func TestSnapshotIsACopy(t *testing.T) {
	rec := New(0)
	q := NewQueue[int](rec, "q", 1)
	g := NewGroup(rec)
	g.Go(context.Background(), "g", func(ctx context.Context) error { return q.Put(ctx, 1) })
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	s := rec.Snapshot(0)
	s.Events[0].Text = "changed"
	s.Goroutines[0].Name = "changed"
	s.Queues[0].Name = "changed"
	s2 := rec.Snapshot(0)
	if s2.Events[0].Text != "g" || s2.Goroutines[0].Name != "g" || s2.Queues[0].Name != "q" {
		t.Errorf("changing a snapshot changed the recorder: %+v", s2)
	}
}

// stringer counts how often it is formatted.
type stringer struct{ calls *atomic.Int32 }

func (s stringer) String() string { s.calls.Add(1); return "formatted" }

// TestNilRecorder runs every exported operation with a nil *Recorder: all
// work as without instrumentation, and there is nothing to see.
func TestNilRecorder(t *testing.T) {
	var rec *Recorder

	ctx := context.Background()
	q := NewQueue[int](rec, "q", 2)
	if q.Name() != "q" || q.Cap() != 2 || q.Len() != 0 {
		t.Errorf("queue name %q, cap %d, len %d; want q, 2, 0", q.Name(), q.Cap(), q.Len())
	}
	var calls atomic.Int32
	errBoom := errors.New("boom")
	g := NewGroup(rec)
	g.Go(ctx, "producer", func(ctx context.Context) error {
		if got := Name(ctx); got != "producer" {
			t.Errorf("Name(ctx) = %q, want producer", got)
		}
		Logf(ctx, "%v", stringer{&calls})
		if err := Sleep(ctx, time.Millisecond); err != nil {
			return err
		}
		for i := range 3 {
			if err := q.Put(ctx, i); err != nil {
				return err
			}
		}
		q.Close(ctx)
		return errBoom
	})
	g.Go(ctx, "panicker", func(ctx context.Context) error { panic("oops") })
	var got []int
	for v := range q.All(ctx) {
		got = append(got, v)
	}
	err := g.Wait()
	if !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("got %v, want [0 1 2]", got)
	}
	if !errors.Is(err, errBoom) || err == nil || !strings.Contains(err.Error(), "panicker panicked: oops") {
		t.Errorf("Wait() = %v, want boom and panicker's panic", err)
	}
	if _, err := q.Get(ctx); err != ErrClosed {
		t.Errorf("Get after close = %v, want ErrClosed", err)
	}
	if left := q.Drain(); len(left) != 0 {
		t.Errorf("Drain() = %v, want nothing", left)
	}
	if st := q.Stats(); st.MaxLen > 2 {
		t.Errorf("Stats().MaxLen = %d, want ≤ 2", st.MaxLen)
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("Logf formatted its arguments %d times, want 0 without a recorder", n)
	}
	for _, cursor := range []uint64{0, 1, 1 << 40} {
		if s := rec.Snapshot(cursor); !reflect.DeepEqual(s, Snapshot{}) {
			t.Errorf("Snapshot(%d) = %+v, want the zero Snapshot", cursor, s)
		}
	}
}

func TestKindAndStateStrings(t *testing.T) {
	for _, tt := range []struct {
		got  fmt.Stringer
		want string
	}{
		{GoStart, "start"}, {GoState, "state"}, {GoEnd, "end"}, {Put, "put"}, {Get, "get"},
		{Close, "close"}, {Log, "log"}, {Measure, "measure"}, {Kind(0), "unknown"}, {Kind(200), "unknown"},
		{Running, "running"}, {BlockedPut, "blocked on put"}, {BlockedGet, "blocked on get"},
		{Sleeping, "sleeping"}, {WaitingLock, "waiting for lock"}, {Waiting, "waiting"}, {Runnable, "runnable"},
		{Done, "done"}, {State(200), "unknown"},
	} {
		if got := tt.got.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.got, got, tt.want)
		}
	}
}

// TestFinishStopsTheClock checks that snapshots after Finish report the
// run's time as of Finish, however much later they are taken.
func TestFinishStopsTheClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := New(0)
		time.Sleep(40 * time.Millisecond)
		if got := rec.Snapshot(0).Elapsed; got != 40*time.Millisecond {
			t.Errorf("running: elapsed %v, want 40ms", got)
		}
		rec.Finish()
		time.Sleep(25 * time.Millisecond)
		rec.Finish() // a second Finish changes nothing
		if got := rec.Snapshot(0).Elapsed; got != 40*time.Millisecond {
			t.Errorf("25ms after Finish: elapsed %v, want the 40ms of the run", got)
		}
	})
}
