package runner

import (
	"context"
	"testing"
	"time"
)

// sent records what a run sends, for the warm-up's tests.
type sent struct{ msgs []Msg }

func (s *sent) Send(m Msg) error { s.msgs = append(s.msgs, m); return nil }
func (s *sent) Recv() <-chan Msg { return nil }
func (s *sent) Close() error     { return nil }

// The warm-up runs the real flood for WarmFor, through the same encoding
// as a run the page sees, and finishes it: no goroutine outlives it
// (goleak, in TestMain).
func TestWarmUp(t *testing.T) {
	var s sent
	start := time.Now()
	warmUp(context.Background(), &s)
	if took := time.Since(start); took < WarmFor || took > 5*WarmFor {
		t.Errorf("the warm-up took %v, want about WarmFor (%v): the flood runs that long", took, WarmFor)
	}
	if len(s.msgs) < 2 {
		t.Fatalf("the warm-up sent %d messages, want batches and a Done", len(s.msgs))
	}
	batched := 0
	for _, m := range s.msgs[:len(s.msgs)-1] {
		if m.Kind != Batch {
			t.Fatalf("a message of kind %d before the end, want batches only", m.Kind)
		}
		batched += len(m.Snapshot)
	}
	if batched == 0 {
		t.Error("the warm-up's batches were empty: the flood recorded nothing")
	}
	if end := s.msgs[len(s.msgs)-1]; end.Kind != Done || end.Outcome != Finished {
		t.Errorf("the warm-up ended with kind %d, outcome %v (%s), want a finished Done", end.Kind, end.Outcome, end.Error)
	}
}

// A warm-up whose context has ended returns at once.
func TestWarmUpCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	WarmUp(ctx)
	if took := time.Since(start); took >= WarmFor {
		t.Errorf("a cancelled warm-up took %v, want less than WarmFor (%v)", took, WarmFor)
	}
}
