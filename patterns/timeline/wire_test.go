package timeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var errGaveUp = errors.New("gave up")

// recordRun runs a small pipeline recorded into rec, with every kind of
// event: a producer puts items into a queue of capacity 2, sleeping now and
// then, and closes it; two workers get them, count them in a gauge and log
// some; a watcher waits for a lock, logs and fails, so its end carries an
// error.
func recordRun(t testing.TB, rec *Recorder, items int) {
	t.Helper()
	ctx := context.Background()
	q := NewQueue[int](rec, "jobs", 2)
	done := NewGauge(rec, "done", "items")
	var mu sync.Mutex // guards n
	n := 0
	g := NewGroup(rec)
	g.Go(ctx, "producer", func(ctx context.Context) error {
		defer q.Close(ctx) // the only putter closes, after its last Put
		for i := range items {
			if i%64 == 0 {
				if err := Sleep(ctx, time.Microsecond); err != nil {
					return err
				}
			}
			if err := q.Put(ctx, i); err != nil {
				return err
			}
		}
		return nil
	})
	for w := range 2 {
		g.Go(ctx, fmt.Sprintf("worker %d", w), func(ctx context.Context) error {
			for v := range q.All(ctx) {
				mu.Lock()
				n++
				done.Set(ctx, int64(n))
				mu.Unlock()
				if v%16 == 0 {
					Logf(ctx, "worker %d: item %d ✓", w, v)
				}
			}
			return ctx.Err()
		})
	}
	g.Go(ctx, "watcher", func(ctx context.Context) error {
		resume := Wait(ctx, WaitingLock, "mu")
		mu.Lock()
		resume()
		defer mu.Unlock()
		Logf(ctx, "watcher: %d done so far", n)
		return errGaveUp
	})
	if err := g.Wait(); !errors.Is(err, errGaveUp) {
		t.Fatalf("run: %v, want %v", err, errGaveUp)
	}
}

// normalized returns s as DecodeSnapshot returns it: empty slices nil.
func normalized(s Snapshot) Snapshot {
	if len(s.Events) == 0 {
		s.Events = nil
	}
	if len(s.Goroutines) == 0 {
		s.Goroutines = nil
	}
	if len(s.Queues) == 0 {
		s.Queues = nil
	}
	if len(s.Gauges) == 0 {
		s.Gauges = nil
	}
	return s
}

// wireDiff describes the first difference between got and want, or
// returns "" if they are deeply equal. Snapshots can be large, so it does
// not print them whole.
func wireDiff(got, want Snapshot) string {
	if reflect.DeepEqual(got, want) {
		return ""
	}
	if d := firstDiff("Events", got.Events, want.Events); d != "" {
		return d
	}
	if d := firstDiff("Goroutines", got.Goroutines, want.Goroutines); d != "" {
		return d
	}
	if d := firstDiff("Queues", got.Queues, want.Queues); d != "" {
		return d
	}
	if d := firstDiff("Gauges", got.Gauges, want.Gauges); d != "" {
		return d
	}
	got.Events, got.Goroutines, got.Queues, got.Gauges = nil, nil, nil, nil
	want.Events, want.Goroutines, want.Queues, want.Gauges = nil, nil, nil, nil
	return fmt.Sprintf("got %+v, want %+v", got, want)
}

func firstDiff[E any](field string, got, want []E) string {
	if (got == nil) != (want == nil) || len(got) != len(want) {
		return fmt.Sprintf("%s: got %d (nil %t), want %d (nil %t)", field, len(got), got == nil, len(want), want == nil)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("%s[%d]: got %+.200q, want %+.200q", field, i, fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i]))
		}
	}
	return ""
}

type wireCase struct {
	name string
	s    Snapshot
}

// wireCases returns snapshots that must round-trip; big ones (many events,
// a long text) are last.
func wireCases(t testing.TB) []wireCase {
	rec := New(0)
	recordRun(t, rec, 50)
	all := rec.Snapshot(0)
	since := rec.Snapshot(all.Next / 2)
	small := New(64)
	recordRun(t, small, 50)
	wrapped := small.Snapshot(0)
	if wrapped.Dropped == 0 {
		t.Fatalf("a run into a ring of 64 dropped nothing: %d events", len(wrapped.Events))
	}

	every := Snapshot{Elapsed: time.Second}
	for k := range 256 {
		every.Events = append(every.Events, Event{At: time.Duration(k) * time.Millisecond, Kind: Kind(k), State: State(k % int(Done+1)), G: int32(k), Q: int32(-k)})
	}

	rnd := rand.New(rand.NewPCG(1, 2))
	many := Snapshot{Elapsed: time.Hour, Next: 1 << 40, Dropped: 1 << 39}
	at := time.Duration(0)
	for range 100_000 {
		at += time.Duration(rnd.Int64N(int64(time.Millisecond)))
		e := Event{At: at, Kind: Kind(1 + rnd.IntN(8)), State: State(rnd.IntN(7)), G: rnd.Int32N(100), Q: rnd.Int32N(10) - 1, Len: rnd.Int32N(1000), Value: rnd.Int64()}
		if rnd.IntN(10) == 0 {
			e.Text = fmt.Sprintf("line %d", rnd.Int())
		}
		many.Events = append(many.Events, e)
	}

	return []wireCase{
		{"zero", Snapshot{}},
		{"empty, not nil", Snapshot{Events: []Event{}, Goroutines: []Goroutine{}, Queues: []QueueInfo{}, Gauges: []GaugeInfo{}}},
		{"zero event", Snapshot{Events: []Event{{}}}},
		{"real run", all},
		{"real run since a cursor", since},
		{"real run, wrapped ring", wrapped},
		{"every kind and state", every},
		{"times out of order", Snapshot{Events: []Event{
			{At: 5}, {At: 3}, {At: -7}, {At: math.MaxInt64}, {At: math.MinInt64}, {At: math.MaxInt64}, {At: 0},
		}}},
		{"extremes", Snapshot{
			Elapsed: math.MinInt64,
			Next:    math.MaxUint64,
			Dropped: math.MaxUint64,
			Events: []Event{
				{At: math.MaxInt64, Kind: 255, State: Done, G: -1, Q: -1, Len: math.MinInt32, Value: math.MinInt64, Text: "\x00\xff not UTF-8"},
				{At: math.MinInt64, Kind: 15, G: math.MaxInt32, Q: math.MinInt32, Len: math.MaxInt32, Value: math.MaxInt64, Text: strings.Repeat("日本語 ✓ ", 40)},
				{At: -1, Kind: 14, G: math.MinInt32, Q: math.MaxInt32, Len: -1, Value: -1},
			},
			Goroutines: []Goroutine{
				{Name: "", State: Done, Since: math.MinInt64, Queue: math.MinInt32, On: "ωμέγα"},
				{Name: strings.Repeat("g", 300), State: Done, Since: math.MaxInt64, Queue: -1},
			},
			Queues: []QueueInfo{
				{Name: "q", Cap: math.MaxInt, Len: math.MinInt, MaxLen: -1, Puts: math.MaxInt, Gets: math.MinInt, WaitingPut: -3, WaitingGet: 1 << 40, Closed: true,
					PutWait: math.MaxInt64, MaxPutWait: math.MinInt64, GetWait: -1, MaxGetWait: 1},
				{Name: "ints", Values: true},
				{},
			},
			Gauges: []GaugeInfo{
				{Name: "bytes", Unit: "B", Value: math.MinInt64, Max: math.MaxInt64},
				{},
			},
		}},
		{"long text", Snapshot{Events: []Event{{Kind: Log, G: 0, Q: -1, Text: strings.Repeat("∑ long line ", 20_000)}}}},
		{"many events", many},
	}
}

func TestWireRoundTrip(t *testing.T) {
	for _, tc := range wireCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			b := AppendSnapshot(nil, tc.s)
			got, err := DecodeSnapshot(b)
			if err != nil {
				t.Fatalf("DecodeSnapshot: %v", err)
			}
			if diff := wireDiff(got, normalized(tc.s)); diff != "" {
				t.Errorf("DecodeSnapshot(AppendSnapshot(s)) differs from s: %s", diff)
			}
			// Appending to a buffer with something in it encodes the same.
			prefix := []byte("before")
			if got := AppendSnapshot(prefix, tc.s); !bytes.Equal(got[:len(prefix)], prefix) || !bytes.Equal(got[len(prefix):], b) {
				t.Errorf("AppendSnapshot to a non-empty buffer changed the prefix or the encoding")
			}
			if len(tc.s.Events) > 0 {
				t.Logf("%d bytes, %.2f B/event", len(b), float64(len(b))/float64(len(tc.s.Events)))
			}
		})
	}
}

// TestDecodeSnapshotInto decodes every case into an array that held other
// events: the array is used when it is large enough, and nothing of what
// it held shows through (an event sets only the fields it has).
func TestDecodeSnapshotInto(t *testing.T) {
	stale := Event{At: time.Hour, Kind: Log, State: Done, G: 7, Q: 7, Len: 99, Value: 77, Text: "stale"}
	for _, tc := range wireCases(t) {
		n := len(tc.s.Events)
		if n == 0 {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			b := AppendSnapshot(nil, tc.s)
			for _, size := range []int{n, n + 5, n - 1} {
				buf := make([]Event, size)
				for i := range buf {
					buf[i] = stale
				}
				got, err := DecodeSnapshotInto(b, buf)
				if err != nil {
					t.Fatalf("DecodeSnapshotInto: %v", err)
				}
				if diff := wireDiff(got, normalized(tc.s)); diff != "" {
					t.Errorf("into %d events: differs from s: %s", size, diff)
				}
				if reused := size > 0 && &got.Events[0] == &buf[0]; reused != (size >= n) {
					t.Errorf("into %d events for %d: array used %v, want %v", size, n, reused, size >= n)
				}
			}
		})
	}
}

// TestWireNil checks the documented normalization: empty slices decode as
// nil, even the non-nil empty Events of a local Snapshot with nothing new.
func TestWireNil(t *testing.T) {
	rec := New(0)
	s := rec.Snapshot(0)
	if s.Events == nil {
		t.Fatalf("local Snapshot.Events = nil, want empty (the case this test is about)")
	}
	got, err := DecodeSnapshot(AppendSnapshot(nil, s))
	if err != nil {
		t.Fatal(err)
	}
	if got.Events != nil || got.Goroutines != nil || got.Queues != nil || got.Gauges != nil {
		t.Errorf("decoded empty snapshot = %#v, want nil slices", got)
	}
}

// TestWireTruncated decodes every proper prefix of valid encodings: each is
// an error, and none panics.
func TestWireTruncated(t *testing.T) {
	for _, tc := range wireCases(t) {
		b := AppendSnapshot(nil, tc.s)
		if len(b) > 1<<14 {
			continue // quadratic; the small cases cover every field
		}
		t.Run(tc.name, func(t *testing.T) {
			for n := range len(b) {
				if _, err := DecodeSnapshot(b[:n]); !errors.Is(err, ErrBadSnapshot) {
					t.Fatalf("DecodeSnapshot of the first %d of %d bytes: error %v, want %v", n, len(b), err, ErrBadSnapshot)
				}
			}
		})
	}
}

// TestWireBad decodes malformed inputs, some with hostile lengths: each is
// an error that says what is wrong, and none allocates much.
func TestWireBad(t *testing.T) {
	header := []byte("tl\x03\x00\x00\x00") // elapsed, next, dropped
	huge := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	valid := AppendSnapshot(nil, Snapshot{Events: []Event{{Kind: Put, G: 1, Q: 2, Len: 3, Value: 4}}})
	tests := []struct {
		name string
		b    []byte
		want string // in the error
	}{
		{"nil", nil, "magic"},
		{"wrong magic", []byte("tx\x01\x00\x00\x00\x00\x00\x00\x00"), "magic"},
		{"wrong version", []byte("tl\x01\x00\x00\x00\x00\x00\x00\x00"), "version 1"},
		{"varint over 64 bits", cat([]byte("tl\x03"), bytes.Repeat([]byte{0xff}, 10), []byte{0x01}), "overflows"},
		{"huge event count", cat(header, huge, []byte{1, 2, 3, 4}), "events cannot fit"},
		{"event count one too many", cat(header, []byte{2}, valid[7:]), "event 1 of 2: truncated varint"},
		{"huge goroutine count", cat(header, []byte{0}, huge), "goroutines cannot fit"},
		{"huge queue count", cat(header, []byte{0, 0}, huge), "queues cannot fit"},
		{"huge gauge count", cat(header, []byte{0, 0, 0}, huge, []byte{1, 2, 3, 4}), "gauges cannot fit"},
		{"huge name", cat(header, []byte{0, 1}, huge, []byte{0, 0, 0, 0}), "only 4 left"},
		{"G out of int32", cat(header, []byte{1, byte(Put), 0, 0x80, 0x80, 0x80, 0x80, 0x10, 0}, []byte{0, 0, 0}), "G 2147483648 out of int32 range"},
		{"unknown queue flag", cat(header, []byte{0, 0, 1, 0}, make([]byte, 7), []byte{4}, make([]byte, 4), []byte{0}), "queue flags 0x4"},
		{"event state past Done", cat(header, []byte{1, headState | byte(GoState), 0, 0, 0, byte(Done + 1)}, []byte{0, 0, 0}), "state 8, past Done"},
		{"goroutine state past Done", cat(header, []byte{0, 1, 1, 'g', byte(Done + 1), 0, 0, 0}, []byte{0, 0}), "state 8, past Done"},
		{"trailing byte", cat(valid, []byte{0}), "1 bytes after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if alloc := allocated(func() { _, err = DecodeSnapshot(tt.b) }); alloc > 1<<16 {
				t.Errorf("DecodeSnapshot allocated %d bytes", alloc)
			}
			if !errors.Is(err, ErrBadSnapshot) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("DecodeSnapshot(%q) error = %v, want %v mentioning %q", tt.b, err, ErrBadSnapshot, tt.want)
			}
		})
	}
}

// allocated returns the bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func FuzzDecodeSnapshot(f *testing.F) {
	for _, tc := range wireCases(f) {
		if b := AppendSnapshot(nil, tc.s); len(b) <= 1<<12 {
			f.Add(b)
		}
	}
	f.Add([]byte(nil))
	f.Add([]byte("tl\x03"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeSnapshot(b)
		if err != nil {
			if !errors.Is(err, ErrBadSnapshot) {
				t.Fatalf("error %v does not wrap ErrBadSnapshot", err)
			}
			return
		}
		enc := AppendSnapshot(nil, s)
		s2, err := DecodeSnapshot(enc)
		if err != nil {
			t.Fatalf("decoding the re-encoding: %v", err)
		}
		if diff := wireDiff(s2, s); diff != "" {
			t.Fatalf("the re-encoded snapshot decodes differently: %s", diff)
		}
		if enc2 := AppendSnapshot(nil, s2); !bytes.Equal(enc2, enc) {
			t.Fatalf("encoding is not deterministic: %x, then %x", enc, enc2)
		}
	})
}

// BenchmarkWire encodes and decodes a 10,000-event snapshot of a real run,
// as a worker and the page do each frame.
func BenchmarkWire(b *testing.B) {
	const nEvents = 10_000
	var s Snapshot
	for items := 1000; len(s.Events) < nEvents; items *= 2 {
		rec := New(0)
		recordRun(b, rec, items)
		s = rec.Snapshot(0)
	}
	s.Events = s.Events[:nEvents]
	enc := AppendSnapshot(nil, s)
	report := func(b *testing.B, ops int) {
		b.ReportMetric(float64(len(enc))/nEvents, "B/event")
		events := float64(ops) * nEvents
		b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/events, "ns/event")
	}
	b.Run("encode", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		var buf []byte
		ops := 0
		for b.Loop() {
			buf = AppendSnapshot(buf[:0], s)
			ops++
		}
		report(b, ops)
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		ops := 0
		for b.Loop() {
			if _, err := DecodeSnapshot(enc); err != nil {
				b.Fatal(err)
			}
			ops++
		}
		report(b, ops)
	})
}
