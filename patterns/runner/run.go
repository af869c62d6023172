package runner

import (
	"context"
	"fmt"
	"sync"
	"time"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/hostturn"
	"chanlab/patterns/timeline"
)

// Run is one run seen from the UI. It reads the runner's messages as they
// come and keeps their snapshots, so that the UI can take everything new
// once per frame, however many batches arrived.
type Run struct {
	conn Conn
	done chan struct{} // closed when the run's end is known

	mu      sync.Mutex          // guards the fields below
	pending []timeline.Snapshot // reported and not taken yet, in order
	spare   [][]timeline.Event  // event arrays handed back (Recycle), for the next batches
	ended   bool                // no more batches will come: spare is not kept
	end     Msg                 // the Done message, or a Failed one made up here
	killed  bool                // Stop's grace ran out and the connection was closed
	heard   bool                // a batch has come from the runner
}

// StartRun asks the runner on c to run pattern with the knobs in query.
// The run's messages are read by a goroutine of the Run until its Done
// arrives or the connection ends; one run at a time may use c.
func StartRun(c Conn, pattern, query string) (*Run, error) {
	r := &Run{conn: c, done: make(chan struct{})}
	if err := c.Send(Msg{Kind: Start, Pattern: pattern, Query: query}); err != nil {
		return nil, err
	}
	go r.read()
	return r, nil
}

// TurnEvery is how long the UI's goroutines may keep the browser waiting
// before they start a slice of work (decoding a batch, folding, rendering):
// each slice begins with hostturn.Yield(ctx, TurnEvery), so that a task of
// the browser's holds one slice, not all that was ready at once.
const TurnEvery = 8 * time.Millisecond

func (r *Run) read() {
	defer close(r.done)
	for m := range r.conn.Recv() {
		switch m.Kind {
		case Batch:
			// Decoding is a slice of the page's work: let the browser
			// have its turn first if our goroutines have kept it
			// waiting (see package hostturn).
			hostturn.Yield(context.Background(), TurnEvery)
			buf := r.spareEvents()
			s, err := timeline.DecodeSnapshotInto(m.Snapshot, buf)
			if len(s.Events) == 0 {
				r.Recycle(buf) // not used
			}
			if err != nil {
				r.finish(Msg{Kind: Done, Outcome: Failed, Error: "the runner sent a bad batch: " + err.Error(), ErrorKo: "실행기가 잘못된 배치를 보냈습니다: " + err.Error()})
				return
			}
			r.keep(s)
		case Done:
			r.finish(m)
			return
		}
	}
	r.finish(Msg{Kind: Done, Outcome: Failed, Error: "the runner went away during the run", ErrorKo: "실행 도중 실행기가 사라졌습니다"})
}

func (r *Run) keep(s timeline.Snapshot) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending = append(r.pending, s)
	r.heard = true
}

func (r *Run) finish(m Msg) {
	r.mu.Lock()
	defer r.mu.Unlock()
	// A run the page keeps (to compare it) need not keep arrays for
	// batches that will not come.
	r.ended, r.spare = true, nil
	if r.killed {
		return // Stop already said how it ended
	}
	r.end = m
}

// Take returns the snapshots the runner reported since the last Take, in
// order, or nil if there are none. A frame's events come in as many
// snapshots as they took batches: their parts add up to what was recorded
// (see timeline.Snapshot.Part).
func (r *Run) Take() []timeline.Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.pending
	r.pending = nil
	return s
}

// maxSpare bounds the event arrays a Run keeps for reuse: a page folds a
// frame's batches within a frame or two, and a flood's frame is a few
// batches.
const maxSpare = 16

// Recycle hands back the events of a snapshot that Take returned, once
// nothing refers to them any more (a history copies the events it folds):
// later batches are decoded into their array instead of a new one. Arrays
// smaller than a full batch are left to the collector.
func (r *Run) Recycle(events []timeline.Event) {
	if cap(events) < BatchEvents {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.ended && len(r.spare) < maxSpare {
		r.spare = append(r.spare, events[:0])
	}
}

// spareEvents returns an event array handed back, or nil.
func (r *Run) spareEvents() []timeline.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := len(r.spare)
	if n == 0 {
		return nil
	}
	buf := r.spare[n-1]
	r.spare[n-1] = nil
	r.spare = r.spare[:n-1]
	return buf
}

// Done is closed when the run has ended, or is known to be lost.
func (r *Run) Done() <-chan struct{} { return r.done }

// End reports how the run ended: its Done message, the error in English
// and, where there is one, Korean. Call it after Done is closed.
func (r *Run) End() (patterns.Result, Outcome, i18n.Text) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.end.Result, r.end.Outcome, i18n.Text{En: r.end.Error, Ko: r.end.ErrorKo}
}

// Stop asks the runner to cancel the run. If the run has not ended after
// grace, the runner is not listening (a loop that never yields, a runtime
// crash): Stop closes the connection, which terminates a worker, and the
// run ends as Failed. The caller then needs a new runner. Stop returns
// whether it had to do that.
func (r *Run) Stop(grace time.Duration) (killed bool) {
	r.conn.Send(Msg{Kind: Stop}) // fails only if the runner is gone, and then Done follows
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-r.done:
		return false
	case <-t.C:
	}
	r.mu.Lock()
	if r.ended {
		// Its Done came in as the grace ran out: the select may pick
		// either, and the run ended as it said.
		r.mu.Unlock()
		<-r.done
		return false
	}
	r.killed = true
	r.end = Msg{Kind: Done, Outcome: Failed,
		Error:   fmt.Sprintf("the run did not stop within %v, so its worker was terminated", grace),
		ErrorKo: fmt.Sprintf("실행이 %v 안에 멈추지 않아서 워커를 종료했습니다", grace)}
	if !r.heard {
		// Otherwise the panels, empty, say only that nothing happened:
		// the runner sends what was recorded on a timer, and a goroutine
		// that never blocks keeps that timer from ever firing.
		r.end.Error += "; it sent nothing after it started, as when a goroutine computes without ever blocking and holds the worker's only thread"
		r.end.ErrorKo += ". 시작한 뒤로 아무것도 보내지 않았습니다. 블록하지 않고 계산만 하는 고루틴이 워커의 하나뿐인 스레드를 차지할 때 그렇습니다"
	}
	r.mu.Unlock()
	r.conn.Close()
	<-r.done
	return true
}
