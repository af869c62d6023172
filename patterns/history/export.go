package history

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"chanlab/patterns/timeline"
)

// Meta identifies a run in an export, and holds what the run's history
// does not: how it ended, and the pattern's own figures.
type Meta struct {
	Pattern string    `json:"pattern,omitempty"` // the pattern's id
	Title   string    `json:"title,omitempty"`   // its title, as the page shows it
	Query   string    `json:"query,omitempty"`   // its knobs, as a URL query
	Started time.Time `json:"started,omitzero"`  // wall-clock start of the run
	Ended   string    `json:"ended,omitempty"`   // how it ended, in a word: "finished", "stopped", "deadlocked" or "failed"
	Outcome string    `json:"outcome,omitempty"` // the page's line for it: "Finished in 1.93s.", a deadlock's or a failure's message
	Result  []Figure  `json:"result,omitempty"`  // the pattern's own figures, its lesson among them
}

// Figure is one of the pattern's own figures, as the page shows it.
type Figure struct {
	Name   string `json:"name"`  // a stable key: "blocked"
	Label  string `json:"label"` // "Producers blocked on put"
	Value  string `json:"value"` // as shown, with its unit: "84% (2.538s)"
	Lesson bool   `json:"lesson,omitempty"`
}

// The exports stream what they write through one buffer: a run may keep
// KeepEvents events, and building them all as values first would double the
// page's memory for a moment. A bufio.Writer keeps its first write error and
// drops every later write, so the writers check only the final Flush.
const exportBuffer = 64 << 10

// WriteJSON writes the run as one JSON document: meta, the elapsed time,
// the goroutines, queues and gauges with their final figures, what was lost
// or summarised, and then every kept event, oldest first. Times are integer
// microseconds since the run's start ("time_unit": "us").
func (h *History) WriteJSON(w io.Writer, m Meta) error {
	bw := bufio.NewWriterSize(w, exportBuffer)
	head, err := marshal(h.jsonHead(m))
	if err != nil {
		return err
	}
	// The head is an object; the events go in as its last member.
	bw.Write(head[:len(head)-1])
	bw.WriteString(`,"events":[`)
	sep := "\n"
	for _, e := range h.Events.All {
		b := bw.AvailableBuffer()
		b = append(b, sep...)
		b = h.appendJSONEvent(b, e)
		bw.Write(b)
		sep = ",\n"
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

type jsonHead struct {
	Meta       Meta            `json:"meta"`
	TimeUnit   string          `json:"time_unit"`
	Elapsed    int64           `json:"elapsed"`
	Goroutines []jsonGoroutine `json:"goroutines"`
	Queues     []jsonQueue     `json:"queues"`
	Gauges     []jsonGauge     `json:"gauges"`
	Lost       uint64          `json:"lost"`
	Summarised jsonSummarised  `json:"summarised"`
}

type jsonGoroutine struct {
	Name  string `json:"name"`
	Start int64  `json:"start"`
	End   *int64 `json:"end,omitempty"`   // when it returned, if it did
	State string `json:"state"`           // its state at the end of the run
	Queue string `json:"queue,omitempty"` // the queue it is blocked on at the end
	On    string `json:"on,omitempty"`    // what it is waiting for at the end
	Puts  int    `json:"puts"`
	Gets  int    `json:"gets"`
}

type jsonQueue struct {
	Name       string      `json:"name"`
	Cap        int         `json:"cap"`
	Len        int         `json:"len"`
	Peak       int         `json:"peak"`
	Puts       int         `json:"puts"`
	Gets       int         `json:"gets"`
	Closed     bool        `json:"closed"`
	WaitingPut int         `json:"waiting_put,omitempty"`
	WaitingGet int         `json:"waiting_get,omitempty"`
	Full       int64       `json:"full"`
	Empty      int64       `json:"empty"`
	MaxPutWait int64       `json:"max_put_wait"` // the longest a put waited for room
	Latency    jsonLatency `json:"latency"`
}

type jsonLatency struct {
	N    int   `json:"n"`
	P50  int64 `json:"p50"`
	P95  int64 `json:"p95"`
	Max  int64 `json:"max"`
	Mean int64 `json:"mean"`
}

type jsonGauge struct {
	Name  string `json:"name"`
	Unit  string `json:"unit,omitempty"`
	Value int64  `json:"value"`
	Max   int64  `json:"max"`
}

// jsonSummarised is what the kept events no longer hold: the first Events
// of the run, counted by kind.
type jsonSummarised struct {
	Events uint64            `json:"events"`
	ByKind map[string]uint64 `json:"by_kind,omitempty"`
}

func (h *History) jsonHead(m Meta) jsonHead {
	j := jsonHead{
		Meta: m, TimeUnit: "us", Elapsed: micros(h.Elapsed),
		Goroutines: make([]jsonGoroutine, 0, len(h.Lanes)),
		Queues:     make([]jsonQueue, 0, len(h.Queues)),
		Gauges:     make([]jsonGauge, 0, len(h.Gauges)),
		Lost:       h.Lost,
		Summarised: jsonSummarised{Events: h.Events.First(), ByKind: h.older()},
	}
	for i := range h.Lanes {
		l := &h.Lanes[i]
		g := jsonGoroutine{
			Name: l.Name, Start: micros(l.Start), State: l.Live.State.String(),
			Queue: h.QueueName(l.Live.Queue), On: l.Live.On, Puts: l.Puts, Gets: l.Gets,
		}
		if l.Live.State == timeline.Done {
			end := micros(l.Live.Since)
			g.End = &end
		}
		j.Goroutines = append(j.Goroutines, g)
	}
	for i := range h.Queues {
		q := &h.Queues[i]
		j.Queues = append(j.Queues, jsonQueue{
			Name: q.Name, Cap: q.Cap, Len: q.Len, Peak: q.MaxLen, Puts: q.Puts, Gets: q.Gets,
			Closed: q.Closed, WaitingPut: q.WaitingPut, WaitingGet: q.WaitingGet,
			Full: micros(q.FullFor(h.Elapsed)), Empty: micros(q.EmptyFor(h.Elapsed)), MaxPutWait: micros(q.MaxPutWait),
			Latency: jsonLatency{
				N: q.Latency.N, P50: micros(q.Latency.Quantile(0.5)), P95: micros(q.Latency.Quantile(0.95)),
				Max: micros(q.Latency.Max), Mean: micros(q.Latency.Mean()),
			},
		})
	}
	for _, g := range h.Gauges {
		j.Gauges = append(j.Gauges, jsonGauge{Name: g.Name, Unit: g.Unit, Value: g.Value, Max: g.Max})
	}
	return j
}

// older is Events.Older by kind name, without the zeros; nil if none.
func (h *History) older() map[string]uint64 {
	var m map[string]uint64
	for k, n := range h.Events.Older {
		if n > 0 {
			if m == nil {
				m = map[string]uint64{}
			}
			m[timeline.Kind(k).String()] = n
		}
	}
	return m
}

// appendJSONEvent appends e as a JSON object holding only the fields its
// kind uses.
func (h *History) appendJSONEvent(b []byte, e timeline.Event) []byte {
	b = append(b, `{"at":`...)
	b = strconv.AppendInt(b, micros(e.At), 10)
	b = append(b, `,"kind":"`...)
	b = append(b, e.Kind.String()...)
	b = append(b, `","goroutine":`...)
	b = appendString(b, h.GoroutineName(e.G))
	switch e.Kind {
	case timeline.GoState:
		b = append(b, `,"state":"`...)
		b = append(b, e.State.String()...)
		b = append(b, '"')
		b = appendField(b, "queue", h.QueueName(e.Q))
		b = appendField(b, "text", e.Text)
	case timeline.Put, timeline.Get:
		b = appendField(b, "queue", h.QueueName(e.Q))
		b = append(b, `,"len":`...)
		b = strconv.AppendInt(b, int64(e.Len), 10)
		if h.queueInfo(e.Q).Values {
			b = append(b, `,"value":`...)
			b = strconv.AppendInt(b, e.Value, 10)
		}
	case timeline.Close:
		b = appendField(b, "queue", h.QueueName(e.Q))
	case timeline.Measure:
		b = appendField(b, "gauge", h.gaugeName(e.Q))
		b = append(b, `,"value":`...)
		b = strconv.AppendInt(b, e.Value, 10)
	case timeline.GoEnd, timeline.Log:
		b = appendField(b, "text", e.Text)
	}
	return append(b, '}')
}

func (h *History) gaugeName(q int32) string {
	if q >= 0 && int(q) < len(h.Gauges) {
		return h.Gauges[q].Name
	}
	return ""
}

// appendField appends `,"key":"value"`, or nothing for an empty value.
func appendField(b []byte, key, value string) []byte {
	if value == "" {
		return b
	}
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	return appendString(b, value)
}

// appendString appends s as a JSON string. Printable ASCII needing no escape
// is copied as is; anything else goes through encoding/json, which escapes
// it and replaces invalid UTF-8 with U+FFFD.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			q, _ := marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// marshal is json.Marshal without the escaping of <, > and & for HTML:
// the exports are files, and query strings hold &.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// micros is d in whole microseconds, as the JSON export writes times.
func micros(d time.Duration) int64 { return int64(max(d, 0) / time.Microsecond) }

// appendMicros appends d in microseconds, with the nanoseconds as three
// decimals when there are any: trace-event times are microseconds, and
// keeping them exact keeps each goroutine's intervals end to end.
func appendMicros(b []byte, d time.Duration) []byte {
	d = max(d, 0)
	b = strconv.AppendInt(b, int64(d/time.Microsecond), 10)
	if ns := int64(d % time.Microsecond); ns != 0 {
		b = append(b, '.', byte('0'+ns/100), byte('0'+ns/10%10), byte('0'+ns%10))
	}
	return b
}

// WriteTrace writes the run in Chrome's trace-event format (the JSON object
// form), which ui.perfetto.dev and chrome://tracing open. The run is one
// process; each goroutine is a thread (tid = its index + 1, tid 0 for the
// run's own goroutine) whose states are complete ("X") events end to end;
// each queue's length is a counter ("C") set at every put and get, as is
// each gauge; log lines, closes and failures are instant ("i") events.
//
// The intervals come from the kept events. A goroutine whose earlier events
// were summarised is in state "unknown" from the first kept event to its
// first kept change, and a global instant there says how many events are
// missing. Intervals still open at the end close at the run's elapsed time.
func (h *History) WriteTrace(w io.Writer, m Meta) error {
	t := tracer{w: bufio.NewWriterSize(w, exportBuffer), h: h, lanes: make([]interval, len(h.Lanes))}
	// displayTimeUnit first and otherData last: Perfetto notes the one late
	// and stops reading at any key it does not know.
	t.w.WriteString(`{"displayTimeUnit":"ms","traceEvents":[` + "\n")
	title := firstOf(m.Title, m.Pattern, "chanlab run")
	b := t.begin("M", "process_name", -1, -1)
	b = append(b, `,"args":{"name":`...)
	b = appendString(b, title)
	t.end(append(b, '}'))
	for i := range h.Lanes {
		t.thread(i+1, h.Lanes[i].Name)
	}

	first, last := time.Duration(0), h.Elapsed
	for _, e := range h.Events.All {
		first = e.At
		break
	}
	if n := h.Events.First(); n > 0 {
		b := t.begin("i", Count(int(n))+" earlier events summarised", -1, first)
		b = append(b, `,"s":"g","args":{"events":`...)
		b = strconv.AppendUint(b, n, 10)
		for k, c := range h.Events.Older {
			if c > 0 {
				b = append(b, `,"`...)
				b = append(b, timeline.Kind(k).String()...)
				b = append(b, `":`...)
				b = strconv.AppendUint(b, c, 10)
			}
		}
		t.end(append(b, '}'))
	} else {
		// Queues start empty.
		for _, q := range h.Queues {
			t.counter(q.Name, "len", 0, 0)
		}
	}

	for _, e := range h.Events.All {
		t.event(e, first)
	}

	for i := range t.lanes {
		iv := &t.lanes[i]
		if !iv.seen {
			// No kept event: it kept its final state all through the kept
			// window, or it ended before it.
			live := h.Lanes[i].Live
			if live.State != timeline.Done {
				t.open(i, live.State.String(), max(first, live.Since), live.Queue, live.On)
			}
		}
		t.close(i, max(last, iv.since))
	}
	t.w.WriteString("\n],\"otherData\":")
	other, err := marshal(h.otherData(m, title))
	if err != nil {
		return err
	}
	t.w.Write(other)
	t.w.WriteString("}\n")
	return t.w.Flush()
}

// firstOf is the first non-empty string.
func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// otherData is the trace's metadata: strings only, as the format asks.
func (h *History) otherData(m Meta, title string) map[string]string {
	o := map[string]string{
		"title":      title,
		"elapsed_ms": ms(h.Elapsed),
		"events":     strconv.FormatUint(h.Events.Total(), 10),
		"summarised": strconv.FormatUint(h.Events.First(), 10),
		"lost":       strconv.FormatUint(h.Lost, 10),
	}
	for k, v := range map[string]string{"pattern": m.Pattern, "query": m.Query, "ended": m.Ended, "outcome": m.Outcome} {
		if v != "" {
			o[k] = v
		}
	}
	if !m.Started.IsZero() {
		o["started"] = m.Started.Format(time.RFC3339Nano)
	}
	for _, f := range m.Result {
		o["result: "+f.Label] = f.Value
	}
	return o
}

// tracer writes trace events.
type tracer struct {
	w         *bufio.Writer
	h         *History
	wrote     bool       // whether an event was written: the next needs a comma
	lanes     []interval // each goroutine's open state interval
	runThread bool       // whether tid 0 ("run") is named yet
}

// interval is a goroutine's state since its last change.
type interval struct {
	seen  bool // it had a kept event
	open  bool
	name  string
	since time.Duration
	queue int32
	on    string
}

// begin starts an event of phase ph on thread tid; tid < 0 leaves the
// thread out (a counter, a global instant) and ts < 0 the time (metadata).
func (t *tracer) begin(ph, name string, tid int, ts time.Duration) []byte {
	b := t.w.AvailableBuffer()
	if t.wrote {
		b = append(b, ",\n"...)
	}
	t.wrote = true
	b = append(b, `{"ph":"`...)
	b = append(b, ph...)
	b = append(b, `","name":`...)
	b = appendString(b, name)
	b = append(b, `,"pid":1`...)
	if tid >= 0 {
		b = append(b, `,"tid":`...)
		b = strconv.AppendInt(b, int64(tid), 10)
	}
	if ts >= 0 {
		b = append(b, `,"ts":`...)
		b = appendMicros(b, ts)
	}
	return b
}

func (t *tracer) end(b []byte) { t.w.Write(append(b, '}')) }

// thread names tid and puts it in tid order.
func (t *tracer) thread(tid int, name string) {
	b := t.begin("M", "thread_name", tid, -1)
	b = append(b, `,"args":{"name":`...)
	b = appendString(b, name)
	t.end(append(b, '}'))
	b = t.begin("M", "thread_sort_index", tid, -1)
	b = append(b, `,"args":{"sort_index":`...)
	b = strconv.AppendInt(b, int64(tid), 10)
	t.end(append(b, '}'))
}

// tid is goroutine g's thread: its index + 1, or 0 for the run's own
// goroutine.
func (t *tracer) tid(g int32) int {
	if g >= 0 && int(g) < len(t.lanes) {
		return int(g) + 1
	}
	if !t.runThread {
		t.runThread = true
		t.thread(0, "run")
	}
	return 0
}

func (t *tracer) event(e timeline.Event, first time.Duration) {
	h := t.h
	tid := t.tid(e.G)
	if tid > 0 {
		g := int(e.G)
		if iv := &t.lanes[g]; !iv.seen {
			iv.seen = true
			if e.Kind != timeline.GoStart {
				// Its start and earlier changes are summarised.
				t.open(g, "unknown", first, -1, "")
			}
		}
		switch e.Kind {
		case timeline.GoStart:
			t.open(g, e.State.String(), e.At, -1, "")
		case timeline.GoState:
			t.open(g, e.State.String(), e.At, e.Q, e.Text)
		case timeline.GoEnd:
			t.close(g, e.At)
		}
	}
	switch e.Kind {
	case timeline.GoEnd:
		if e.Text != "" {
			t.instant(tid, "failed", e.At, "error", e.Text)
		}
	case timeline.Put, timeline.Get:
		if e.Q >= 0 && int(e.Q) < len(h.Queues) {
			t.counter(h.Queues[e.Q].Name, "len", e.At, int64(e.Len))
		}
	case timeline.Measure:
		if e.Q >= 0 && int(e.Q) < len(h.Gauges) {
			g := h.Gauges[e.Q]
			t.counter(g.Name, firstOf(g.Unit, "value"), e.At, e.Value)
		}
	case timeline.Close:
		q := h.QueueName(e.Q)
		t.instant(tid, "close "+q, e.At, "queue", q)
	case timeline.Log:
		t.instant(tid, e.Text, e.At, "", "")
	}
}

// open closes goroutine g's interval at at and opens one in state name.
func (t *tracer) open(g int, name string, at time.Duration, q int32, on string) {
	t.close(g, at)
	t.lanes[g] = interval{seen: true, open: true, name: name, since: at, queue: q, on: on}
}

// close ends goroutine g's open interval at at, writing it unless empty.
func (t *tracer) close(g int, at time.Duration) {
	iv := &t.lanes[g]
	if !iv.open {
		return
	}
	iv.open = false
	if at <= iv.since {
		return
	}
	b := t.begin("X", iv.name, g+1, iv.since)
	b = append(b, `,"dur":`...)
	b = appendMicros(b, at-iv.since)
	switch {
	case iv.queue >= 0:
		b = append(b, `,"args":{"queue":`...)
		b = appendString(b, t.h.QueueName(iv.queue))
		b = append(b, '}')
	case iv.on != "":
		b = append(b, `,"args":{"on":`...)
		b = appendString(b, iv.on)
		b = append(b, '}')
	case iv.name == "unknown":
		b = append(b, `,"args":{"why":"its earlier events were summarised"}`...)
	}
	t.end(b)
}

// instant writes a thread-scoped instant event, with one argument if key
// is not empty.
func (t *tracer) instant(tid int, name string, at time.Duration, key, value string) {
	b := t.begin("i", name, tid, at)
	b = append(b, `,"s":"t"`...)
	if key != "" {
		b = append(b, `,"args":{`...)
		b = appendString(b, key)
		b = append(b, ':')
		b = appendString(b, value)
		b = append(b, '}')
	}
	t.end(b)
}

// counter sets counter name's series key to v at at.
func (t *tracer) counter(name, key string, at time.Duration, v int64) {
	b := t.begin("C", name, -1, at)
	b = append(b, `,"args":{`...)
	b = appendString(b, key)
	b = append(b, ':')
	b = strconv.AppendInt(b, v, 10)
	t.end(append(b, '}'))
}

// WriteTimingsCSV writes the run's figures as CSV, one figure a row:
// section (run, stage, queue, gauge, lane, result), name, metric, value,
// unit. Durations are in milliseconds with three decimals, rates per
// second, shares from 0 to 1; no number has separators. A figure nothing
// measured (the time queued of a queue no item went through) is empty.
// The result rows are the pattern's own figures (m.Result), as the page
// shows them, units and all: name is the pattern, metric the figure's key.
func (h *History) WriteTimingsCSV(w io.Writer, m Meta) error {
	cw := csv.NewWriter(w)
	row := func(section, name, metric, value, unit string) {
		cw.Write([]string{section, name, metric, value, unit})
	}
	itoa := strconv.Itoa
	row("section", "name", "metric", "value", "unit")
	tm := h.Timings()
	row("run", "run", "elapsed", ms(tm.Elapsed), "ms")
	if m.Ended != "" {
		row("run", "run", "ended", m.Ended, "")
	}
	row("run", "run", "goroutines", itoa(len(h.Lanes)), "goroutines")
	row("run", "run", "blocked", ms(h.Blocked()), "ms")
	for _, s := range tm.Stages {
		row("stage", s.Name, "goroutines", itoa(s.Goroutines), "goroutines")
		row("stage", s.Name, "put", itoa(s.Put), "items")
		row("stage", s.Name, "got", itoa(s.Got), "items")
		row("stage", s.Name, "put_rate", fixed(s.PutRate), "items/s")
		row("stage", s.Name, "got_rate", fixed(s.GotRate), "items/s")
		row("stage", s.Name, "busy", fixed(s.Busy), "share")
	}
	for _, q := range tm.Queues {
		row("queue", q.Name, "cap", itoa(q.Cap), "items")
		row("queue", q.Name, "puts", itoa(q.Puts), "items")
		row("queue", q.Name, "gets", itoa(q.Gets), "items")
		row("queue", q.Name, "rate", fixed(q.Rate), "items/s")
		row("queue", q.Name, "timed", itoa(q.Timed), "items")
		for _, l := range []struct {
			metric string
			d      time.Duration
		}{{"latency_p50", q.P50}, {"latency_p95", q.P95}, {"latency_max", q.Max}} {
			v := ""
			if q.Timed > 0 {
				v = ms(l.d)
			}
			row("queue", q.Name, l.metric, v, "ms")
		}
		row("queue", q.Name, "max_put_wait", ms(q.MaxPutWait), "ms")
		row("queue", q.Name, "full", ms(q.Full), "ms")
		row("queue", q.Name, "empty", ms(q.Empty), "ms")
		row("queue", q.Name, "peak", itoa(q.Peak), "items")
	}
	for _, g := range h.Gauges {
		row("gauge", g.Name, "value", strconv.FormatInt(g.Value, 10), g.Unit)
		row("gauge", g.Name, "max", strconv.FormatInt(g.Max, 10), g.Unit)
	}
	for i := range h.Lanes {
		l := &h.Lanes[i]
		row("lane", l.Name, "busy", fixed(l.Busy(h.Elapsed)), "share")
		for s, d := range l.Totals(h.Elapsed) {
			if st := timeline.State(s); st != timeline.Done {
				row("lane", l.Name, strings.ReplaceAll(st.String(), " ", "_"), ms(d), "ms")
			}
		}
	}
	for _, f := range m.Result {
		row("result", m.Pattern, f.Name, f.Value, "")
	}
	cw.Flush()
	return cw.Error()
}

// ms is d in milliseconds with three decimals.
func ms(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 3, 64) }

// fixed is v with three decimals.
func fixed(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
