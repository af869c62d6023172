package runner

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"chanlab/patterns"
	"chanlab/patterns/timeline"
)

// Frame is how often a running pattern's recorder is read and sent: about
// once per 30 Hz frame, whatever the event rate, so the UI never gets a
// message per event.
const Frame = 33 * time.Millisecond

// BatchEvents is the most events a Batch carries: a frame's events go in
// as many Batches as they need. The UI decodes a Batch in one go, on the
// page's only thread; at a flood's 800k events a second a frame holds
// some 26k events, which a page whose code V8 has not optimized yet (a
// first run) took 15-40 ms to decode as one Batch.
const BatchEvents = 4096

// Serve is the runner: it announces Ready, then runs each pattern that
// Start names, one at a time, sending each Frame's events in Batches and a
// Done when the run has returned. Stop cancels the current run. It returns when ctx ends
// or the connection closes, after the current run has returned.
func Serve(ctx context.Context, c Conn) error {
	if err := c.Send(Msg{Kind: Ready}); err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case m, ok := <-c.Recv():
			if !ok {
				return nil
			}
			if m.Kind != Start {
				continue // a Stop that came after its run ended
			}
			if !serveRun(ctx, c, m) {
				return nil
			}
		}
	}
}

// result is what a run's goroutine hands back to serveRun.
type result struct {
	res patterns.Result
	err error
}

// serveRun runs the pattern start names and streams it over c. It reports
// false if the connection closed during the run.
func serveRun(ctx context.Context, c Conn, start Msg) bool {
	spec, ok := patterns.Lookup(start.Pattern)
	if !ok {
		return c.Send(Msg{Kind: Done, Outcome: Failed, Error: fmt.Sprintf("no pattern %q", start.Pattern),
			ErrorKo: fmt.Sprintf("%q라는 패턴이 없습니다", start.Pattern)}) == nil
	}
	q, err := url.ParseQuery(start.Query)
	if err != nil {
		return c.Send(Msg{Kind: Done, Outcome: Failed, Error: fmt.Sprintf("knobs %q: %v", start.Query, err),
			ErrorKo: fmt.Sprintf("노브 %q: %v", start.Query, err)}) == nil
	}
	// The UI has already told the learner about values it could not use;
	// Parse gives the same safe values here.
	vals, _ := spec.Parse(q)

	rec := timeline.New(0)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Buffered: the run's goroutine can always hand its result over and
	// exit, even if nobody reads it any more.
	finished := make(chan result, 1)
	go func() {
		res, err := spec.Exec(runCtx, vals, rec) // stops rec's clock as Run returns
		finished <- result{res, err}
	}()

	var cursor uint64
	var buf []byte
	flush := func() error {
		s := rec.Snapshot(cursor)
		cursor = s.Next
		for from := 0; ; from += BatchEvents {
			to := min(from+BatchEvents, len(s.Events))
			buf = timeline.AppendSnapshot(buf[:0], s.Part(from, to))
			// The message keeps its own copy: buf is reused.
			if err := c.Send(Msg{Kind: Batch, Snapshot: append([]byte(nil), buf...)}); err != nil {
				return err
			}
			if to == len(s.Events) {
				return nil
			}
		}
	}

	tick := time.NewTicker(Frame)
	defer tick.Stop()
	recv := c.Recv()
	for {
		select {
		case <-tick.C:
			if flush() != nil {
				cancel()
				<-finished
				return false
			}
		case m, ok := <-recv:
			if !ok {
				// The UI is gone: stop the run and wait for it, so no
				// goroutine outlives it.
				cancel()
				<-finished
				return false
			}
			if m.Kind == Stop {
				cancel()
			}
		case r := <-finished:
			if flush() != nil {
				return false
			}
			return c.Send(doneMsg(r)) == nil
		}
	}
}

func doneMsg(r result) Msg {
	m := Msg{Kind: Done, Result: r.res}
	if r.err != nil {
		m.Error = r.err.Error()
	}
	dl, deadlocked := errors.AsType[*timeline.DeadlockError](r.err)
	if deadlocked {
		m.ErrorKo = dl.Korean()
	}
	switch {
	case r.err == nil:
		m.Outcome = Finished
	case deadlocked:
		m.Outcome = Deadlocked
	case errors.Is(r.err, context.Canceled):
		m.Outcome = Stopped
	default:
		m.Outcome = Failed
	}
	return m
}
