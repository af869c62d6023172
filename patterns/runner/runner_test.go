package runner

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"chanlab/patterns"
	"chanlab/patterns/timeline"
)

func TestMsgRoundTrip(t *testing.T) {
	msgs := []Msg{
		{Kind: Start, Pattern: "prodcons", Query: "buffer=1&duration=300ms"},
		{Kind: Stop},
		{Kind: Ready},
		{Kind: Batch, Snapshot: []byte{1, 2, 3}},
		{Kind: Done, Outcome: Deadlocked, Error: "deadlock: consumer-0 waits on get(queue) with no producer", ErrorKo: "교착 상태: consumer-0 — get(queue)에서 대기, 생산자 없음",
			Result: patterns.Result{Metrics: []patterns.Metric{{Name: "consumed", Label: "Consumed", Value: "0 of 3", Lesson: true}}}},
		{Kind: Done},
	}
	for _, m := range msgs {
		got, err := Decode(m.Encode())
		if err != nil {
			t.Errorf("Decode(Encode(%+v)): %v", m, err)
			continue
		}
		if m.Kind == Batch && len(got.Snapshot) == 0 {
			got.Snapshot = nil
		}
		if !reflect.DeepEqual(got, m) {
			t.Errorf("round trip: got %+v, want %+v", got, m)
		}
	}
}

func TestDecodeBad(t *testing.T) {
	good := Msg{Kind: Start, Pattern: "prodcons", Query: "buffer=1"}.Encode()
	bad := [][]byte{nil, {0}, {99}, {byte(Stop), 1}, good[:len(good)-1], append(append([]byte(nil), good...), '}'), {byte(Done), 2, '{', '{'}}
	for _, b := range bad {
		if _, err := Decode(b); !errors.Is(err, ErrBadMsg) {
			t.Errorf("Decode(%q) = %v, want ErrBadMsg", b, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Msg{Kind: Start, Pattern: "prodcons", Query: "buffer=1"}.Encode())
	f.Add(Msg{Kind: Done, Outcome: Failed, Error: "x"}.Encode())
	f.Add([]byte{byte(Stop)})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err != nil || m.Kind == Batch {
			return
		}
		again, err := Decode(m.Encode())
		if err != nil || !reflect.DeepEqual(again, m) {
			t.Errorf("%+v re-encodes to %+v, %v", m, again, err)
		}
	})
}

// serve starts an in-process runner and returns the UI's end of it; the
// runner is stopped and waited for when the test ends.
func serve(t *testing.T) Conn {
	t.Helper()
	ui, end := Pipe(16)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { Serve(ctx, end) })
	t.Cleanup(func() { cancel(); ui.Close(); wg.Wait() })
	if m := <-ui.Recv(); m.Kind != Ready {
		t.Fatalf("first message %+v, want Ready", m)
	}
	return ui
}

// collect waits for r to end and returns everything it reported, merged.
func collect(t *testing.T, r *Run) (events []timeline.Event, last timeline.Snapshot) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		for _, s := range r.Take() {
			events = append(events, s.Events...)
			last = s
		}
		select {
		case <-r.Done():
			for _, s := range r.Take() {
				events = append(events, s.Events...)
				last = s
			}
			return events, last
		case <-timeout:
			t.Fatal("the run did not end within 10s")
		case <-time.After(Frame):
		}
	}
}

func TestRunFinishes(t *testing.T) {
	ui := serve(t)
	for range 2 { // the same runner serves run after run
		r, err := StartRun(ui, "deadlock", "fixed=on&items=5")
		if err != nil {
			t.Fatal(err)
		}
		events, last := collect(t, r)
		res, outcome, msg := r.End()
		if outcome != Finished || msg.En != "" {
			t.Fatalf("ended %v %q, want finished", outcome, msg)
		}
		if m, _ := res.Metric("consumed"); m.Value != "5 of 5" {
			t.Errorf("consumed = %q, want 5 of 5", m.Value)
		}
		puts := 0
		for _, e := range events {
			if e.Kind == timeline.Put {
				puts++
			}
		}
		if puts != 5 {
			t.Errorf("%d put events reached the UI, want 5", puts)
		}
		for _, g := range last.Goroutines {
			if g.State != timeline.Done {
				t.Errorf("%s is %v in the last snapshot, want done", g.Name, g.State)
			}
		}
	}
}

func TestRunOutcomes(t *testing.T) {
	tests := []struct {
		pattern, query string
		stopAfter      time.Duration // 0: no Stop
		want           Outcome
		wantMsg        string
	}{
		{"deadlock", "items=2", 0, Deadlocked, "deadlock: consumer-0 waits on get(queue) with no producer"},
		{"prodcons", "duration=30s&pdelay=1ms&cdelay=1ms", 100 * time.Millisecond, Stopped, "context canceled"},
		{"nope", "", 0, Failed, `no pattern "nope"`},
		{"prodcons", "%zz", 0, Failed, "knobs"},
		{"wrappers", "fail=panic&work=1ms", 0, Finished, ""},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+"?"+tt.query, func(t *testing.T) {
			ui := serve(t)
			r, err := StartRun(ui, tt.pattern, tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if tt.stopAfter > 0 {
				time.Sleep(tt.stopAfter)
				start := time.Now()
				if killed := r.Stop(500 * time.Millisecond); killed {
					t.Errorf("Stop had to kill the runner")
				}
				if took := time.Since(start); took > 100*time.Millisecond {
					t.Errorf("Stop took %v, want ≤ 100ms", took)
				}
			}
			collect(t, r)
			_, outcome, msg := r.End()
			if outcome != tt.want || !strings.Contains(msg.En, tt.wantMsg) {
				t.Errorf("ended %v %q, want %v %q", outcome, msg, tt.want, tt.wantMsg)
			}
			if outcome == Deadlocked && !strings.Contains(msg.Ko, "교착 상태") {
				t.Errorf("a deadlock's Korean is %q", msg.Ko)
			}
			if outcome == Failed && !strings.ContainsFunc(msg.Ko, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) {
				t.Errorf("a failure's Korean is %q", msg.Ko)
			}
		})
	}
}

// TestStopKillsASilentRunner checks the escalation: a runner that does not
// answer Stop is cut off after the grace period, and the run says why.
func TestStopKillsASilentRunner(t *testing.T) {
	ui, end := Pipe(16)
	defer end.Close()
	r, err := StartRun(ui, "prodcons", "")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if !r.Stop(50 * time.Millisecond) {
		t.Fatal("Stop did not kill a runner that never answered")
	}
	if took := time.Since(start); took < 50*time.Millisecond || took > time.Second {
		t.Errorf("Stop returned after %v, want just after the 50ms grace", took)
	}
	_, outcome, msg := r.End()
	if outcome != Failed || !strings.Contains(msg.En, "terminated") || !strings.Contains(msg.Ko, "종료") {
		t.Errorf("ended %v %q, want failed: terminated", outcome, msg)
	}
	if !strings.Contains(msg.En, "it sent nothing after it started") || !strings.Contains(msg.Ko, "아무것도 보내지 않았습니다") {
		t.Errorf("ended %q, want it said that the runner sent nothing", msg)
	}
	if err := ui.Send(Msg{Kind: Stop}); !errors.Is(err, ErrClosed) {
		t.Errorf("Send after the kill = %v, want ErrClosed", err)
	}
}

// TestStopAtItsGraceEnd checks a Run whose Done has been read (finish ran)
// when Stop's grace runs out, before read has closed done: the select in
// Stop may then pick the timer, and the run, which ended as it said, must
// not be reported killed, nor its end overwritten.
func TestStopAtItsGraceEnd(t *testing.T) {
	ui, end := Pipe(16)
	defer end.Close()
	r := &Run{conn: ui, done: make(chan struct{})}
	r.finish(Msg{Kind: Done, Outcome: Stopped})
	go func() {
		time.Sleep(20 * time.Millisecond) // read's deferred close, late
		close(r.done)
	}()
	if r.Stop(time.Nanosecond) {
		t.Error("Stop killed a run whose Done it had")
	}
	if _, outcome, msg := r.End(); outcome != Stopped || msg.En != "" {
		t.Errorf("ended %v %q, want stopped, as its Done said", outcome, msg)
	}
}

// TestStopKillsARunnerThatWentSilent checks that a runner that sent batches
// and then stopped answering is not said to have sent nothing.
func TestStopKillsARunnerThatWentSilent(t *testing.T) {
	ui, end := Pipe(16)
	defer end.Close()
	r, err := StartRun(ui, "prodcons", "")
	if err != nil {
		t.Fatal(err)
	}
	<-end.Recv() // Start
	rec := timeline.New(0)
	if err := end.Send(Msg{Kind: Batch, Snapshot: timeline.AppendSnapshot(nil, rec.Snapshot(0))}); err != nil {
		t.Fatal(err)
	}
	for len(r.Take()) == 0 {
		time.Sleep(time.Millisecond)
	}
	if !r.Stop(50 * time.Millisecond) {
		t.Fatal("Stop did not kill a runner that stopped answering")
	}
	if _, outcome, msg := r.End(); outcome != Failed || !strings.Contains(msg.En, "terminated") || strings.Contains(msg.En, "sent nothing") || strings.Contains(msg.Ko, "보내지 않았습니다") {
		t.Errorf("ended %v %q, want failed: terminated, without \"sent nothing\"", outcome, msg)
	}
}

// TestRunnerGoneMidRun checks the UI side when the runner disappears.
func TestRunnerGoneMidRun(t *testing.T) {
	ui, end := Pipe(16)
	r, err := StartRun(ui, "prodcons", "")
	if err != nil {
		t.Fatal(err)
	}
	end.Close()
	<-r.Done()
	if _, outcome, msg := r.End(); outcome != Failed || !strings.Contains(msg.En, "went away") || msg.Ko == "" {
		t.Errorf("ended %v %q, want failed: went away", outcome, msg)
	}
}

// TestUIGoneMidRun checks the runner side: the run is cancelled and Serve
// returns, leaving no goroutine behind (goleak checks at the end).
func TestUIGoneMidRun(t *testing.T) {
	ui, end := Pipe(16)
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), end) }()
	<-ui.Recv() // Ready
	if _, err := StartRun(ui, "prodcons", "duration=30s"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	ui.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v, want nil when the UI goes", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Serve did not return after the UI went away")
	}
}

// TestRunSplitsLargeFrames checks that a frame with more events than a
// Batch may carry reaches the UI in Batches of at most BatchEvents, and
// that their snapshots add up: each starts where the one before ended.
// takeEachFrame hands take what r reported, once a frame, as a page takes
// it, until r has ended and the last of it is taken; and checks that the
// run finished.
func takeEachFrame(t *testing.T, r *Run, take func([]timeline.Snapshot)) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for done := false; !done; {
		select {
		case <-r.Done():
			done = true
		case <-timeout:
			t.Fatal("the run did not end within 10s")
		case <-time.After(Frame):
		}
		take(r.Take())
	}
	if _, outcome, msg := r.End(); outcome != Finished {
		t.Fatalf("ended %v %q, want finished", outcome, msg)
	}
}

func TestRunSplitsLargeFrames(t *testing.T) {
	ui := serve(t)
	r, err := StartRun(ui, "prodcons", "producers=4&consumers=4&buffer=10&pdelay=0ms&cdelay=0ms&duration=400ms")
	if err != nil {
		t.Fatal(err)
	}
	var cursor uint64
	full := 0 // batches filled to BatchEvents
	check := func(ss []timeline.Snapshot) {
		for _, s := range ss {
			if len(s.Events) > BatchEvents {
				t.Errorf("a batch of %d events, want at most %d", len(s.Events), BatchEvents)
			}
			if len(s.Events) == BatchEvents {
				full++
			}
			if start := s.Next - uint64(len(s.Events)) - s.Dropped; start != cursor {
				t.Errorf("a batch starts at event %d, want %d, where the one before ended", start, cursor)
			}
			cursor = s.Next
		}
	}
	takeEachFrame(t, r, check)
	if full == 0 {
		t.Errorf("no frame held more than %d events (%d in all): nothing was split", BatchEvents, cursor)
	}
	t.Logf("%d events, %d full batches", cursor, full)
}

// TestRunReusesRecycledEvents floods, takes the batches as a page does and
// hands their events back once copied: later batches are decoded into
// those arrays, and the events still follow on from one batch to the next.
func TestRunReusesRecycledEvents(t *testing.T) {
	ui := serve(t)
	r, err := StartRun(ui, "prodcons", "producers=4&consumers=4&buffer=10&pdelay=0ms&cdelay=0ms&duration=400ms")
	if err != nil {
		t.Fatal(err)
	}
	handed := map[*timeline.Event]bool{} // the arrays handed back
	var cursor, at uint64
	reused := 0
	take := func(ss []timeline.Snapshot) {
		for _, s := range ss {
			if start := s.Next - uint64(len(s.Events)) - s.Dropped; start != cursor {
				t.Errorf("a batch starts at event %d, want %d", start, cursor)
			}
			cursor = s.Next
			if len(s.Events) == 0 {
				continue
			}
			if handed[&s.Events[:1][0]] {
				reused++
			}
			for _, e := range s.Events {
				if uint64(e.At) < at {
					t.Fatalf("an event at %v after one at %v: a batch's events were overwritten", e.At, time.Duration(at))
				}
				at = uint64(e.At)
			}
			if cap(s.Events) >= BatchEvents {
				handed[&s.Events[:1][0]] = true
			}
			r.Recycle(s.Events)
		}
	}
	takeEachFrame(t, r, take)
	if reused == 0 {
		t.Errorf("no batch was decoded into an array handed back (%d events, %d arrays handed back)", cursor, len(handed))
	}
	// An ended run, which a page may keep to compare, keeps no arrays.
	r.Recycle(make([]timeline.Event, 0, BatchEvents))
	if r.spareEvents() != nil {
		t.Errorf("an ended run kept an array handed back")
	}
	t.Logf("%d events; %d batches decoded into %d arrays handed back", cursor, reused, len(handed))
}
