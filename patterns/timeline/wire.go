package timeline

// The wire format of a Snapshot.
//
// A pattern that runs in a Web Worker cannot hand its Recorder to the page,
// so once per animation frame it encodes a Snapshot with AppendSnapshot and
// posts the bytes; the page decodes them with DecodeSnapshotInto (into
// arrays it has folded) and uses the result exactly as a Snapshot taken
// locally. A frame may carry thousands of events, so an event takes a
// handful of bytes: integers are varints, the time is a delta from the
// previous event's, and fields that are usually zero are left out, as
// flagged in a head byte.
//
// In the grammar below, uvarint and varint are encoding/binary's unsigned
// and zigzag-signed varints, and str is a uvarint byte length followed by
// the bytes, taken as they are (a Go string may hold any bytes).
//
//	snapshot  = "tl" version:0x03 elapsed:varint next:uvarint dropped:uvarint
//	            count:uvarint event…  count:uvarint goroutine…
//	            count:uvarint queue…  count:uvarint gauge…
//	event     = head:byte [kind:byte] dt:varint g:varint q:varint
//	            [state:byte] [len:varint] [value:varint] [text:str]
//	head      = bits 0–3: Kind, or 15 if the kind byte follows (Kind ≥ 15)
//	            bit 4: State ≠ 0, the state byte follows
//	            bit 5: Len ≠ 0, len follows
//	            bit 6: Value ≠ 0, value follows
//	            bit 7: Text ≠ "", text follows
//	dt        = At minus the previous event's At (the first event's minus
//	            0), wrapping on overflow, so any times round-trip, in order
//	            or not
//	goroutine = name:str state:byte since:varint queue:varint on:str
//	queue     = name:str cap:varint len:varint maxLen:varint puts:varint
//	            gets:varint waitingPut:varint waitingGet:varint
//	            flags:byte putWait:varint maxPutWait:varint
//	            getWait:varint maxGetWait:varint
//	flags     = bit 0: Closed; bit 1: Values; the other bits are 0
//	gauge     = name:str unit:str value:varint max:varint
//
// A put or get with a small value, or a state change, takes 5 to 8 bytes;
// BenchmarkWire measures a real run.
//
// DecodeSnapshot(AppendSnapshot(nil, s)) equals s field by field, with one
// normalization: an empty slice, nil or not, decodes as nil. (A local
// Snapshot's Events is empty but not nil when there is nothing new, so
// callers test len, never nil.) Decoding never aliases its input.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrBadSnapshot is wrapped by every error DecodeSnapshot returns.
var ErrBadSnapshot = errors.New("timeline: bad snapshot encoding")

// wireVersion 2: a queue's Closed byte became its flags, with Values.
// 3: the Runnable state, before Done.
const wireVersion = 3

// The bits of an event's head byte.
const (
	headKind  = 0x0f // the Kind, or headKind itself if a kind byte follows
	headState = 1 << 4
	headLen   = 1 << 5
	headValue = 1 << 6
	headText  = 1 << 7
)

// The bits of a queue's flags byte.
const (
	queueClosed = 1 << 0
	queueValues = 1 << 1
)

// The fewest bytes each element takes, which bounds a count by the input
// left before anything is allocated for it.
const (
	minEvent     = 4  // head dt g q
	minGoroutine = 5  // name state since queue on
	minQueue     = 13 // name, 7 varints, flags, 4 varints
	minGauge     = 4  // name unit value max
)

// AppendSnapshot appends the encoding of s to dst and returns the extended
// buffer. A worker that sends one snapshot per frame reuses its buffer:
// buf = AppendSnapshot(buf[:0], s).
func AppendSnapshot(dst []byte, s Snapshot) []byte {
	dst = slices.Grow(dst, 32+7*len(s.Events)+16*len(s.Goroutines)+32*len(s.Queues)+16*len(s.Gauges))
	dst = append(dst, 't', 'l', wireVersion)
	dst = binary.AppendVarint(dst, int64(s.Elapsed))
	dst = binary.AppendUvarint(dst, s.Next)
	dst = binary.AppendUvarint(dst, s.Dropped)

	dst = binary.AppendUvarint(dst, uint64(len(s.Events)))
	var prev time.Duration
	for _, e := range s.Events {
		dst = appendEvent(dst, e, prev)
		prev = e.At
	}

	dst = binary.AppendUvarint(dst, uint64(len(s.Goroutines)))
	for _, g := range s.Goroutines {
		dst = appendString(dst, g.Name)
		dst = append(dst, byte(g.State))
		dst = binary.AppendVarint(dst, int64(g.Since))
		dst = binary.AppendVarint(dst, int64(g.Queue))
		dst = appendString(dst, g.On)
	}

	dst = binary.AppendUvarint(dst, uint64(len(s.Queues)))
	for _, q := range s.Queues {
		dst = appendString(dst, q.Name)
		for _, v := range [...]int{q.Cap, q.Len, q.MaxLen, q.Puts, q.Gets, q.WaitingPut, q.WaitingGet} {
			dst = binary.AppendVarint(dst, int64(v))
		}
		flags := byte(0)
		if q.Closed {
			flags |= queueClosed
		}
		if q.Values {
			flags |= queueValues
		}
		dst = append(dst, flags)
		for _, d := range [...]time.Duration{q.PutWait, q.MaxPutWait, q.GetWait, q.MaxGetWait} {
			dst = binary.AppendVarint(dst, int64(d))
		}
	}

	dst = binary.AppendUvarint(dst, uint64(len(s.Gauges)))
	for _, g := range s.Gauges {
		dst = appendString(dst, g.Name)
		dst = appendString(dst, g.Unit)
		dst = binary.AppendVarint(dst, g.Value)
		dst = binary.AppendVarint(dst, g.Max)
	}
	return dst
}

// appendEvent appends e, its time relative to prev, the previous event's.
func appendEvent(dst []byte, e Event, prev time.Duration) []byte {
	head := byte(min(e.Kind, headKind))
	if e.State != 0 {
		head |= headState
	}
	if e.Len != 0 {
		head |= headLen
	}
	if e.Value != 0 {
		head |= headValue
	}
	if e.Text != "" {
		head |= headText
	}
	dst = append(dst, head)
	if e.Kind >= headKind {
		dst = append(dst, byte(e.Kind))
	}
	// Subtraction wraps, and so does the decoder's addition: exact for any
	// two times.
	dst = binary.AppendVarint(dst, int64(e.At-prev))
	dst = binary.AppendVarint(dst, int64(e.G))
	dst = binary.AppendVarint(dst, int64(e.Q))
	if e.State != 0 {
		dst = append(dst, byte(e.State))
	}
	if e.Len != 0 {
		dst = binary.AppendVarint(dst, int64(e.Len))
	}
	if e.Value != 0 {
		dst = binary.AppendVarint(dst, e.Value)
	}
	if e.Text != "" {
		dst = appendString(dst, e.Text)
	}
	return dst
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// DecodeSnapshot decodes a snapshot encoded by AppendSnapshot. Any input
// that is not one whole encoding (truncated, with bytes after it, or
// corrupt) gives an error wrapping ErrBadSnapshot; no input makes it panic,
// and it allocates at most a small multiple of len(b).
func DecodeSnapshot(b []byte) (Snapshot, error) { return DecodeSnapshotInto(b, nil) }

// DecodeSnapshotInto is DecodeSnapshot, with the events decoded into the
// array of events if it holds them all. A page that takes a flood's batches
// hands their arrays back once it has folded them: decoding each into a new
// array made most of what the page allocated (48 bytes an event, at
// hundreds of thousands of events a second), and so most of its garbage
// collections, each a pause of its only thread.
func DecodeSnapshotInto(b []byte, events []Event) (Snapshot, error) {
	d := decoder{b: b, sec: "header"}
	if len(b) < 3 || b[0] != 't' || b[1] != 'l' {
		d.fail("not a snapshot (no \"tl\" magic)")
		return Snapshot{}, d.err
	}
	if b[2] != wireVersion {
		d.fail("version %d, want %d", b[2], wireVersion)
		return Snapshot{}, d.err
	}
	d.off = 3
	var s Snapshot
	s.Elapsed = time.Duration(d.varint())
	s.Next = d.uvarint()
	s.Dropped = d.uvarint()

	if n := d.count(minEvent, "events"); n > 0 {
		if cap(events) >= n {
			s.Events = events[:n]
			clear(s.Events) // a decoded event sets only the fields it has
		} else {
			s.Events = make([]Event, n)
		}
		var at time.Duration
		for i := range s.Events {
			d.sec, d.i, d.n = "event", i, n
			e := &s.Events[i]
			head := d.u8()
			e.Kind = Kind(head & headKind)
			if e.Kind == headKind {
				e.Kind = Kind(d.u8())
			}
			at += time.Duration(d.varint())
			e.At = at
			e.G = d.i32("G")
			e.Q = d.i32("Q")
			if head&headState != 0 {
				e.State = d.state()
			}
			if head&headLen != 0 {
				e.Len = d.i32("Len")
			}
			if head&headValue != 0 {
				e.Value = d.varint()
			}
			if head&headText != 0 {
				e.Text = d.str()
			}
			if d.err != nil {
				return Snapshot{}, d.err
			}
		}
	}

	d.sec, d.n = "goroutines", 0
	if n := d.count(minGoroutine, "goroutines"); n > 0 {
		s.Goroutines = make([]Goroutine, n)
		for i := range s.Goroutines {
			d.sec, d.i, d.n = "goroutine", i, n
			g := &s.Goroutines[i]
			g.Name = d.str()
			g.State = d.state()
			g.Since = time.Duration(d.varint())
			g.Queue = d.i32("Queue")
			g.On = d.str()
			if d.err != nil {
				return Snapshot{}, d.err
			}
		}
	}

	d.sec, d.n = "queues", 0
	if n := d.count(minQueue, "queues"); n > 0 {
		s.Queues = make([]QueueInfo, n)
		for i := range s.Queues {
			d.sec, d.i, d.n = "queue", i, n
			q := &s.Queues[i]
			q.Name = d.str()
			for _, p := range [...]*int{&q.Cap, &q.Len, &q.MaxLen, &q.Puts, &q.Gets, &q.WaitingPut, &q.WaitingGet} {
				*p = d.integer()
			}
			flags := d.u8()
			if flags&^(queueClosed|queueValues) != 0 {
				d.fail("queue flags %#x, want only bits 0 and 1", flags)
			}
			q.Closed, q.Values = flags&queueClosed != 0, flags&queueValues != 0
			for _, p := range [...]*time.Duration{&q.PutWait, &q.MaxPutWait, &q.GetWait, &q.MaxGetWait} {
				*p = time.Duration(d.varint())
			}
			if d.err != nil {
				return Snapshot{}, d.err
			}
		}
	}

	d.sec, d.n = "gauges", 0
	if n := d.count(minGauge, "gauges"); n > 0 {
		s.Gauges = make([]GaugeInfo, n)
		for i := range s.Gauges {
			d.sec, d.i, d.n = "gauge", i, n
			g := &s.Gauges[i]
			g.Name = d.str()
			g.Unit = d.str()
			g.Value = d.varint()
			g.Max = d.varint()
			if d.err != nil {
				return Snapshot{}, d.err
			}
		}
	}

	d.sec, d.n = "end", 0
	if d.err == nil && d.off != len(b) {
		d.fail("%d bytes after the snapshot", len(b)-d.off)
	}
	if d.err != nil {
		return Snapshot{}, d.err
	}
	return s, nil
}

// decoder reads b from off. Its first error sticks: it also empties b, so
// that every later read fails at once and returns zero, and callers check
// err once per element.
type decoder struct {
	b   []byte
	off int
	err error

	// Where it is, for error messages: section sec, element i of n (if
	// n > 0).
	sec  string
	i, n int
}

func (d *decoder) fail(format string, args ...any) {
	if d.err != nil {
		return
	}
	where := d.sec
	if d.n > 0 {
		where = fmt.Sprintf("%s %d of %d", d.sec, d.i, d.n)
	}
	d.err = fmt.Errorf("%w: %s: %s at byte %d", ErrBadSnapshot, where, fmt.Sprintf(format, args...), d.off)
	d.b, d.off = nil, 0
}

func (d *decoder) u8() byte {
	if d.off < len(d.b) {
		c := d.b[d.off]
		d.off++
		return c
	}
	d.fail("truncated")
	return 0
}

// state reads a goroutine state: a byte naming one of the states, so that
// a reader may index arrays by it.
func (d *decoder) state() State {
	s := State(d.u8())
	if s > Done {
		d.fail("state %d, past Done", s)
		return 0
	}
	return s
}

func (d *decoder) uvarint() uint64 {
	if d.off < len(d.b) && d.b[d.off] < 0x80 { // the common one-byte case
		v := d.b[d.off]
		d.off++
		return uint64(v)
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		if n == 0 {
			d.fail("truncated varint")
		} else {
			d.fail("varint overflows 64 bits")
		}
		return 0
	}
	d.off += n
	return v
}

// varint reads a zigzag-encoded signed varint, as binary.Varint does.
func (d *decoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *decoder) i32(field string) int32 {
	v := d.varint()
	if int64(int32(v)) != v {
		d.fail("%s %d out of int32 range", field, v)
		return 0
	}
	return int32(v)
}

func (d *decoder) integer() int {
	v := d.varint()
	if int64(int(v)) != v {
		d.fail("%d out of int range", v)
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if left := len(d.b) - d.off; n > uint64(left) {
		d.fail("string of %d bytes, only %d left", n, left)
		return ""
	}
	s := string(d.b[d.off : d.off+int(n)])
	d.off += int(n)
	return s
}

// count reads the number of elements that follow, each at least size
// bytes, and fails if they cannot fit in what is left: the bound that keeps
// a hostile count from allocating more than the input justifies.
func (d *decoder) count(size int, what string) int {
	n := d.uvarint()
	if d.err != nil {
		return 0
	}
	if left := len(d.b) - d.off; n > uint64(left/size) {
		d.fail("%d %s cannot fit in %d bytes", n, what, left)
		return 0
	}
	return int(n)
}
