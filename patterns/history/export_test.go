package history

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

var testMeta = Meta{
	Pattern: "prodcons", Title: "Producer–consumer \"queue\"", Query: "n=20&cap=3",
	Started: time.Date(2025, 3, 1, 12, 0, 0, 123456789, time.UTC), Ended: "finished", Outcome: "Finished in 33ms.",
	Result: []Figure{{Name: "consumed", Label: "Consumed", Value: "20", Lesson: true}, {Name: "maxlen", Label: "Most queued", Value: "3/3"}},
}

// exported is the JSON export, decoded.
type exported struct {
	Meta       Meta   `json:"meta"`
	TimeUnit   string `json:"time_unit"`
	Elapsed    int64  `json:"elapsed"`
	Goroutines []struct {
		Name       string `json:"name"`
		Start      int64  `json:"start"`
		End        *int64 `json:"end"`
		State      string `json:"state"`
		Queue      string `json:"queue"`
		Puts, Gets int
	} `json:"goroutines"`
	Queues []struct {
		Name       string `json:"name"`
		Cap        int    `json:"cap"`
		Peak       int    `json:"peak"`
		Puts, Gets int
		Closed     bool `json:"closed"`
		Latency    struct {
			N   int   `json:"n"`
			P50 int64 `json:"p50"`
		} `json:"latency"`
	} `json:"queues"`
	Lost       uint64 `json:"lost"`
	Summarised struct {
		Events uint64            `json:"events"`
		ByKind map[string]uint64 `json:"by_kind"`
	} `json:"summarised"`
	Events []exportedEvent `json:"events"`
}

// exportedEvent is one event of the JSON export; a nil field was left out.
type exportedEvent struct {
	At        json.Number `json:"at"`
	Kind      string      `json:"kind"`
	Goroutine string      `json:"goroutine"`
	State     *string     `json:"state"`
	Queue     *string     `json:"queue"`
	Gauge     *string     `json:"gauge"`
	Len       *int        `json:"len"`
	Value     *int64      `json:"value"`
	Text      *string     `json:"text"`
}

func decodeJSON(t *testing.T, h *History) exported {
	t.Helper()
	var buf bytes.Buffer
	if err := h.WriteJSON(&buf, testMeta); err != nil {
		t.Fatal(err)
	}
	var x exported
	d := json.NewDecoder(&buf)
	d.UseNumber()
	if err := d.Decode(&x); err != nil {
		t.Fatalf("the JSON export does not decode: %v\n%.2000s", err, buf.String())
	}
	return x
}

// traceEvent is one decoded trace event.
type traceEvent struct {
	Name string   `json:"name"`
	Ph   string   `json:"ph"`
	Pid  int      `json:"pid"`
	Tid  int      `json:"tid"`
	Ts   *float64 `json:"ts"`
	Dur  *float64 `json:"dur"`
	S    string   `json:"s"`
	Args struct {
		Name  string   `json:"name"`
		Queue string   `json:"queue"`
		Len   *float64 `json:"len"`
		Bytes *float64 `json:"bytes"`
	} `json:"args"`
}

type trace struct {
	DisplayTimeUnit string            `json:"displayTimeUnit"`
	TraceEvents     []traceEvent      `json:"traceEvents"`
	OtherData       map[string]string `json:"otherData"`
}

func decodeTrace(t *testing.T, h *History) trace {
	t.Helper()
	var buf bytes.Buffer
	if err := h.WriteTrace(&buf, testMeta); err != nil {
		t.Fatal(err)
	}
	var tr trace
	if err := json.Unmarshal(buf.Bytes(), &tr); err != nil {
		t.Fatalf("the trace does not decode: %v\n%.2000s", err, buf.String())
	}
	if tr.DisplayTimeUnit != "ms" {
		t.Errorf("displayTimeUnit: got %q, want ms", tr.DisplayTimeUnit)
	}
	return tr
}

// lifetime is how long lane i lived, to the end of the run.
func lifetime(h *History, i int) time.Duration {
	l := &h.Lanes[i]
	if l.Live.State == timeline.Done {
		return l.Live.Since - l.Start
	}
	return h.Elapsed - l.Start
}

// checkIntervals checks that each goroutine's X events have dur ≥ 0, do not
// overlap, and add up to want(i), in microseconds; it returns them by tid.
func checkIntervals(t *testing.T, h *History, tr trace, want func(i int) time.Duration) map[int][]traceEvent {
	t.Helper()
	byTid := map[int][]traceEvent{}
	for _, e := range tr.TraceEvents {
		if e.Ph != "X" {
			continue
		}
		if e.Ts == nil || e.Dur == nil || *e.Dur < 0 {
			t.Fatalf("X event without ts or with dur < 0: %+v", e)
		}
		byTid[e.Tid] = append(byTid[e.Tid], e)
	}
	for i := range h.Lanes {
		xs := byTid[i+1]
		slices.SortFunc(xs, func(a, b traceEvent) int { return int(math.Copysign(1, *a.Ts-*b.Ts)) })
		var sum float64
		for k, x := range xs {
			sum += *x.Dur
			if k > 0 {
				prev := xs[k-1]
				if end := *prev.Ts + *prev.Dur; end > *x.Ts+1e-6 {
					t.Errorf("%s: %q [%v, %v] overlaps %q from %v", h.Lanes[i].Name, prev.Name, *prev.Ts, end, x.Name, *x.Ts)
				}
			}
		}
		if w := float64(want(i)) / 1e3; math.Abs(sum-w) > 1e-3*float64(len(xs)+1) {
			t.Errorf("%s: intervals add to %.3fµs, want %.3fµs", h.Lanes[i].Name, sum, w)
		}
	}
	return byTid
}

func TestWriteJSON(t *testing.T) {
	h := record(t, 33*time.Millisecond, producerConsumer(20, 3, 10*time.Millisecond, 50*time.Millisecond))
	x := decodeJSON(t, h)

	if h.Lost != 0 || x.Lost != 0 {
		t.Fatalf("lost: got %d (history %d), want 0", x.Lost, h.Lost)
	}
	if got, want := uint64(len(x.Events)), h.Events.Total(); got != want {
		t.Errorf("events: got %d, want %d", got, want)
	}
	if x.Summarised.Events != 0 || len(x.Summarised.ByKind) != 0 {
		t.Errorf("summarised: got %+v, want nothing", x.Summarised)
	}
	if !reflect.DeepEqual(x.Meta, testMeta) {
		t.Errorf("meta: got %+v, want %+v", x.Meta, testMeta)
	}
	if got, want := x.Elapsed, h.Elapsed.Microseconds(); got != want || x.TimeUnit != "us" {
		t.Errorf("elapsed: got %d %s, want %d us", got, x.TimeUnit, want)
	}
	kinds := map[string]int{}
	for _, e := range x.Events {
		k := e.Kind
		kinds[k]++
		if _, err := e.At.Int64(); err != nil {
			t.Errorf("at is not an integer: %v", e)
		}
		hasQueue := e.Queue != nil
		if want := k == "put" || k == "get" || k == "close"; hasQueue != want && k != "state" {
			t.Errorf("%s event with queue %v: %v", k, hasQueue, e)
		}
		if (k == "state") != (e.State != nil) {
			t.Errorf("%s event with state %v", k, e.State)
		}
		if (k == "put" || k == "get") && (e.Len == nil || e.Value == nil) {
			t.Errorf("%s event without its len and value: %+v", k, e)
		}
		if e.Text != nil && k != "log" && k != "end" && k != "state" {
			t.Errorf("%s event with a text: %v", k, e)
		}
	}
	if kinds["put"] != 20 || kinds["get"] != 20 || kinds["start"] != 2 || kinds["end"] != 2 || kinds["close"] != 1 {
		t.Errorf("events by kind: got %v, want 20 put, 20 get, 2 start, 2 end, 1 close", kinds)
	}
	if len(x.Queues) != 1 || x.Queues[0].Puts != 20 || x.Queues[0].Gets != 20 || x.Queues[0].Peak != 3 || x.Queues[0].Cap != 3 || !x.Queues[0].Closed {
		t.Errorf("queues: got %+v, want jobs with cap 3, 20 puts and gets, peak 3, closed", x.Queues)
	}
	if got, want := x.Queues[0].Latency.P50, h.Queues[0].Latency.Quantile(0.5).Microseconds(); got != want {
		t.Errorf("p50: got %dµs, want %dµs", got, want)
	}
	if len(x.Goroutines) != 2 {
		t.Fatalf("goroutines: got %+v", x.Goroutines)
	}
	for i, g := range x.Goroutines {
		if g.Name != h.Lanes[i].Name || g.State != "done" || g.End == nil || *g.End < g.Start {
			t.Errorf("goroutine %d: got %+v, want %s, done, with an end", i, g, h.Lanes[i].Name)
		}
	}
}

func TestWriteJSONEscapes(t *testing.T) {
	// Log lines and waits are the pattern's text: anything may be in them.
	texts := []string{`say "hi"`, "two\nlines\t\\", "ünïcødé → ✓", "bad \xff utf-8", "<b>&amp;</b>", "\u2028"}
	h := record(t, 10*time.Millisecond, func(ctx context.Context, rec *timeline.Recorder) {
		g := timeline.NewGroup(rec)
		g.Go(ctx, `odd "name"`, func(ctx context.Context) error {
			for _, s := range texts {
				timeline.Logf(ctx, "%s", s)
			}
			resume := timeline.Wait(ctx, timeline.Waiting, texts[0])
			timeline.Sleep(ctx, time.Millisecond)
			resume()
			return nil
		})
		g.Wait()
	})
	x := decodeJSON(t, h)
	var logged []string
	for _, e := range x.Events {
		if e.Kind == "log" {
			logged = append(logged, *e.Text)
		}
		if e.Goroutine != `odd "name"` {
			t.Errorf("goroutine: got %v", e.Goroutine)
		}
	}
	want := slices.Clone(texts)
	want[3] = "bad \ufffd utf-8" // encoding/json's replacement
	if !slices.Equal(logged, want) {
		t.Errorf("log texts: got %q, want %q", logged, want)
	}
	tr := decodeTrace(t, h)
	var instants []string
	for _, e := range tr.TraceEvents {
		if e.Ph == "i" {
			instants = append(instants, e.Name)
		}
	}
	if !slices.Equal(instants, want) {
		t.Errorf("trace instants: got %q, want %q", instants, want)
	}
	if tr.OtherData["title"] != testMeta.Title || tr.OtherData["query"] != testMeta.Query {
		t.Errorf("otherData: got %v", tr.OtherData)
	}
}

func TestWriteTrace(t *testing.T) {
	h := record(t, 33*time.Millisecond, producerConsumer(20, 3, 10*time.Millisecond, 50*time.Millisecond))
	tr := decodeTrace(t, h)

	names := map[int]string{}
	var process string
	for _, e := range tr.TraceEvents {
		if e.Pid != 1 {
			t.Errorf("pid: got %d, want 1: %+v", e.Pid, e)
		}
		if e.Ph != "M" && e.Ts == nil {
			t.Errorf("event without ts: %+v", e)
		}
		switch {
		case e.Ph == "M" && e.Name == "thread_name":
			names[e.Tid] = e.Args.Name
		case e.Ph == "M" && e.Name == "process_name":
			process = e.Args.Name
		}
	}
	if process != testMeta.Title {
		t.Errorf("process name: got %q, want %q", process, testMeta.Title)
	}
	want := map[int]string{}
	for i, l := range h.Lanes {
		want[i+1] = l.Name
	}
	if len(names) != len(want) || names[1] != want[1] || names[2] != want[2] {
		t.Errorf("thread names: got %v, want %v", names, want)
	}

	byTid := checkIntervals(t, h, tr, func(i int) time.Duration { return lifetime(h, i) })
	blocked := 0
	for _, x := range byTid[1] {
		if x.Name == timeline.BlockedPut.String() {
			blocked++
			if x.Args.Queue != "jobs" {
				t.Errorf("blocked on put without its queue: %+v", x)
			}
		}
	}
	if blocked == 0 {
		t.Errorf("the producer is never blocked on put in the trace: %+v", byTid[1])
	}

	counters, closes := 0, 0
	for _, e := range tr.TraceEvents {
		switch e.Ph {
		case "C":
			counters++
			if e.Name != "jobs" || e.Args.Len == nil || *e.Args.Len < 0 || *e.Args.Len > float64(h.Queues[0].Cap) {
				t.Errorf("counter: got %+v, want jobs with 0 ≤ len ≤ %d", e, h.Queues[0].Cap)
			}
		case "i":
			if e.Name == "close jobs" && e.S == "t" && e.Tid == 1 {
				closes++
			}
		}
	}
	// One at the start, one per put and get.
	if counters != 41 {
		t.Errorf("counters: got %d, want 41", counters)
	}
	if closes != 1 {
		t.Errorf("close instants: got %d, want 1", closes)
	}
}

func TestWriteTimingsCSV(t *testing.T) {
	h := record(t, 33*time.Millisecond, producerConsumer(20, 3, 10*time.Millisecond, 50*time.Millisecond))
	var buf bytes.Buffer
	m := Meta{Pattern: "prodcons", Ended: "finished", Result: []Figure{{Name: "blocked", Label: "Producers blocked on put", Value: "84% (2.538s)", Lesson: true}}}
	if err := h.WriteTimingsCSV(&buf, m); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if got, want := strings.Join(rows[0], ","), "section,name,metric,value,unit"; got != want {
		t.Errorf("header: got %q, want %q", got, want)
	}
	values := map[string]float64{}
	texts := map[string]string{}
	for _, r := range rows[1:] {
		key := r[0] + "/" + r[1] + "/" + r[2]
		if r[0] == "result" || key == "run/run/ended" {
			texts[key] = r[3]
			continue
		}
		v, err := strconv.ParseFloat(r[3], 64)
		if err != nil {
			t.Errorf("row %v: value is not a plain number", r)
		}
		values[key] = v
	}
	// The pattern's own figures, as the page shows them.
	if texts["result/prodcons/blocked"] != "84% (2.538s)" || texts["run/run/ended"] != "finished" {
		t.Errorf("the result and outcome rows: got %v", texts)
	}
	tm := h.Timings()
	for key, want := range map[string]float64{
		"run/run/elapsed":                float64(tm.Elapsed) / 1e6,
		"run/run/goroutines":             2,
		"run/run/blocked":                float64(h.Blocked()) / 1e6,
		"queue/jobs/timed":               20,
		"queue/jobs/max_put_wait":        float64(h.Queues[0].MaxPutWait) / 1e6,
		"queue/jobs/latency_p50":         float64(tm.Queues[0].P50) / 1e6,
		"queue/jobs/latency_p95":         float64(tm.Queues[0].P95) / 1e6,
		"queue/jobs/peak":                3,
		"queue/jobs/puts":                20,
		"stage/producer/put":             20,
		"stage/consumer/got":             20,
		"stage/consumer/busy":            tm.Stages[1].Busy,
		"lane/producer-0/running":        float64(h.Lanes[0].Totals(h.Elapsed)[timeline.Running]) / 1e6,
		"lane/consumer-0/sleeping":       float64(h.Lanes[1].Totals(h.Elapsed)[timeline.Sleeping]) / 1e6,
		"lane/producer-0/blocked_on_put": float64(h.Lanes[0].Totals(h.Elapsed)[timeline.BlockedPut]) / 1e6,
	} {
		got, ok := values[key]
		if !ok || math.Abs(got-want) > 0.0005 {
			t.Errorf("%s: got %v (present %v), want %v", key, got, ok, want)
		}
	}
}

// flood is a History of n events from a producer and a consumer handing
// items over a queue of 10 every few microseconds, fed in snapshots of a
// thousand events, with a log line every thousand events and a gauge set
// every five hundred. A third goroutine blocks on the queue at the start
// and stays blocked; the run's own goroutine closes the queue at the end,
// when the others are still running.
func flood(n int) *History {
	h := New()
	s := timeline.Snapshot{
		Goroutines: []timeline.Goroutine{{Name: "producer-0", Queue: -1}, {Name: "consumer-0", Queue: -1}, {Name: "idle", Queue: -1}},
		Queues:     []timeline.QueueInfo{{Name: "jobs", Cap: 10}},
		Gauges:     []timeline.GaugeInfo{{Name: "memory", Unit: "bytes"}},
	}
	at := time.Duration(0)
	add := func(e timeline.Event) {
		e.At = at
		s.Events = append(s.Events, e)
		if g := e.G; g >= 0 && (e.Kind == timeline.GoState || e.Kind == timeline.GoStart) {
			s.Goroutines[g].State, s.Goroutines[g].Since, s.Goroutines[g].Queue = e.State, at, e.Q
		}
		if len(s.Events) == 1000 {
			s.Elapsed = at
			h.Add(s)
			s.Events = s.Events[:0]
		}
	}
	add(timeline.Event{Kind: timeline.GoStart, G: 0, Q: -1, Text: "producer-0"})
	add(timeline.Event{Kind: timeline.GoStart, G: 1, Q: -1, Text: "consumer-0"})
	add(timeline.Event{Kind: timeline.GoStart, G: 2, Q: -1, Text: "idle"})
	add(timeline.Event{Kind: timeline.GoState, State: timeline.BlockedGet, G: 2, Q: 0})
	for i := 4; i < n-1; i++ {
		at += 3*time.Microsecond + time.Duration(i%7)*time.Nanosecond*100
		g := int32(i/3) % 2
		switch {
		case i%500 == 250:
			add(timeline.Event{Kind: timeline.Measure, G: g, Q: 0, Value: int64(i)})
		case i%1000 == 0:
			add(timeline.Event{Kind: timeline.Log, G: g, Q: -1, Text: "item " + strconv.Itoa(i)})
		case i%3 == 0:
			add(timeline.Event{Kind: timeline.GoState, State: timeline.Sleeping, G: g, Q: -1})
		case i%3 == 1:
			add(timeline.Event{Kind: timeline.GoState, State: timeline.Running, G: g, Q: -1})
		case g == 0:
			add(timeline.Event{Kind: timeline.Put, G: g, Q: 0, Len: 1, Value: int64(i)})
		default:
			add(timeline.Event{Kind: timeline.Get, G: g, Q: 0, Len: 0, Value: int64(i)})
		}
	}
	add(timeline.Event{Kind: timeline.Close, G: -1, Q: 0})
	s.Elapsed = at + time.Millisecond
	h.Add(s)
	return h
}

func TestExportSummarised(t *testing.T) {
	const n = KeepEvents + 25_000
	h := flood(n)
	if h.Events.First() == 0 {
		t.Fatalf("the flood kept all %d events", n)
	}

	x := decodeJSON(t, h)
	if got := len(x.Events); got != KeepEvents {
		t.Errorf("events: got %d, want %d", got, KeepEvents)
	}
	var older uint64
	for _, c := range x.Summarised.ByKind {
		older += c
	}
	if x.Summarised.Events != n-KeepEvents || older != n-KeepEvents {
		t.Errorf("summarised: got %d (by kind %v), want %d", x.Summarised.Events, x.Summarised.ByKind, n-KeepEvents)
	}

	tr := decodeTrace(t, h)
	first, _ := h.Events.Get(h.Events.First())
	notes := 0
	for _, e := range tr.TraceEvents {
		if e.Ph == "i" && e.S == "g" {
			notes++
			if !strings.Contains(e.Name, "25,000 earlier events summarised") || *e.Ts != float64(first.At)/1e3 {
				t.Errorf("summary note: got %q at %v, want 25,000 earlier events at %v", e.Name, *e.Ts, first.At)
			}
		}
	}
	if notes != 1 {
		t.Errorf("summary notes: got %d, want 1", notes)
	}
	// From the first kept event to the end, the intervals (the first
	// "unknown") cover each goroutine.
	byTid := checkIntervals(t, h, tr, func(int) time.Duration { return h.Elapsed - first.At })
	unknown := 0
	for tid, xs := range byTid {
		if *xs[0].Ts != float64(first.At)/1e3 {
			t.Errorf("tid %d starts at %v, want %v", tid, *xs[0].Ts, first.At)
		}
		if xs[0].Name == "unknown" {
			unknown++
		}
	}
	// Their states before their first kept change are not known.
	if unknown == 0 {
		t.Errorf("no goroutine in state unknown at first: %v", byTid)
	}
	var idle, run, memory bool
	idleSpans := 0
	for _, e := range tr.TraceEvents {
		switch {
		case e.Ph == "X" && e.Tid == 3:
			idle = (idleSpans == 0 || idle) && e.Name == "blocked on get" && e.Args.Queue == "jobs"
			idleSpans++
		case e.Ph == "M" && e.Name == "thread_name" && e.Tid == 0:
			run = e.Args.Name == "run"
		case e.Ph == "C" && e.Name == "memory":
			memory = e.Args.Bytes != nil
		}
	}
	if !idle || !run || !memory {
		t.Errorf("idle blocked on get throughout %v, the run's thread named %v, the gauge's counter %v: want all", idle, run, memory)
	}
	if tr.OtherData["summarised"] != "25000" {
		t.Errorf("otherData: got %v", tr.OtherData)
	}

	var buf bytes.Buffer
	if err := h.WriteTimingsCSV(&buf, Meta{}); err != nil {
		t.Fatal(err)
	}
	if _, err := csv.NewReader(&buf).ReadAll(); err != nil {
		t.Errorf("CSV: %v", err)
	}
}

// TestTimingsCSVUntimed checks a queue no item went through: its time
// queued is empty, as the page's dash, not 0 ms, which would say items went
// through at once.
func TestTimingsCSVUntimed(t *testing.T) {
	h := record(t, 10*time.Millisecond, producerConsumer(0, 3, time.Millisecond, time.Millisecond))
	var buf bytes.Buffer
	if err := h.WriteTimingsCSV(&buf, Meta{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r[0]+"/"+r[1]+"/"+r[2]] = r[3]
	}
	for key, want := range map[string]string{
		"queue/jobs/timed": "0", "queue/jobs/latency_p50": "", "queue/jobs/latency_p95": "", "queue/jobs/latency_max": "",
	} {
		if v, ok := got[key]; !ok || v != want {
			t.Errorf("%s: got %q (present %v), want %q", key, v, ok, want)
		}
	}
}

func TestExportEmpty(t *testing.T) {
	h := New()
	for name, write := range map[string]func(io.Writer) error{
		"json":  func(w io.Writer) error { return h.WriteJSON(w, Meta{}) },
		"trace": func(w io.Writer) error { return h.WriteTrace(w, Meta{}) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil || !json.Valid(buf.Bytes()) {
			t.Errorf("%s of an empty run: error %v, valid %v:\n%s", name, err, json.Valid(buf.Bytes()), buf.String())
		}
	}
	var buf bytes.Buffer
	if err := h.WriteTimingsCSV(&buf, Meta{}); err != nil {
		t.Fatal(err)
	}
	if rows, err := csv.NewReader(&buf).ReadAll(); err != nil || len(rows) != 4 {
		t.Errorf("CSV of an empty run: got %q, %v, want the header, the elapsed time, the goroutines and the time blocked", rows, err)
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, io.ErrShortWrite
	}
	w.n -= len(p)
	return len(p), nil
}

func TestExportWriteErrors(t *testing.T) {
	h := flood(10_000)
	for name, write := range map[string]func(io.Writer) error{
		"json":  func(w io.Writer) error { return h.WriteJSON(w, testMeta) },
		"trace": func(w io.Writer) error { return h.WriteTrace(w, testMeta) },
		"csv":   func(w io.Writer) error { return h.WriteTimingsCSV(w, testMeta) },
	} {
		if err := write(&failWriter{n: 100}); err == nil {
			t.Errorf("%s: a failing writer gave no error", name)
		}
	}
}

func BenchmarkWriteTrace(b *testing.B) {
	h := flood(100_000)
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		buf.Grow(size)
		if err := h.WriteTrace(&buf, testMeta); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes")
}

func BenchmarkWriteJSON(b *testing.B) {
	h := flood(100_000)
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		buf.Grow(size)
		if err := h.WriteJSON(&buf, testMeta); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes")
}
