package pipeline

import (
	"slices"
	"testing"

	"chanlab/patterns/timeline"
)

// checkDone checks that done holds each of the IDs 0..items-1 exactly once.
func checkDone(t *testing.T, done []int, items int) {
	t.Helper()
	if len(done) != items {
		t.Errorf("%d items reached the done queue, want %d", len(done), items)
	}
	checkNoDuplicates(t, done, items)
}

// checkNoDuplicates checks that done holds IDs in 0..items-1, none twice.
func checkNoDuplicates(t *testing.T, done []int, items int) {
	t.Helper()
	seen := make([]bool, items)
	for _, id := range done {
		if id < 0 || id >= items {
			t.Errorf("unknown item %d in the done queue", id)
			continue
		}
		if seen[id] {
			t.Errorf("item %d reached the done queue twice", id)
		}
		seen[id] = true
	}
}

// checkStage checks that a stage passed on items items whose IDs sum to
// 0+1+…+items-1, as it does when each item passed it exactly once.
func checkStage(t *testing.T, name string, gotItems, gotSum, items int) {
	t.Helper()
	if wantSum := items * (items - 1) / 2; gotItems != items || gotSum != wantSum {
		t.Errorf("%s passed on %d items with IDs summing to %d, want %d summing to %d", name, gotItems, gotSum, items, wantSum)
	}
}

// checkQueues checks the recorded run of a pipeline on timeline queues:
// every item was put into and taken from every queue exactly once, no queue
// ever held more than its capacity, every queue was closed, no goroutine is
// left waiting, and the goroutines were the ones in names, all done.
func checkQueues(t *testing.T, rec *timeline.Recorder, items int, names []string) {
	t.Helper()
	s := rec.Snapshot(0)
	if s.Dropped != 0 {
		t.Fatalf("ring dropped %d events; the test needs them all", s.Dropped)
	}
	if len(s.Queues) != 4 {
		t.Fatalf("%d queues recorded, want 4", len(s.Queues))
	}
	puts := make([][]int, len(s.Queues))
	gets := make([][]int, len(s.Queues))
	for q := range s.Queues {
		puts[q], gets[q] = make([]int, items), make([]int, items)
	}
	for _, e := range s.Events {
		if e.Kind != timeline.Put && e.Kind != timeline.Get {
			continue
		}
		q := s.Queues[e.Q]
		if e.G < 0 {
			// No lane would show who waited, nor the queue its waiter.
			t.Errorf("%s: item %d %v by a goroutine outside any Group", q.Name, e.Value, e.Kind)
		}
		if int(e.Len) > q.Cap {
			t.Errorf("%s held %d items, more than its capacity %d", q.Name, e.Len, q.Cap)
		}
		if e.Value < 0 || int(e.Value) >= items {
			t.Errorf("%s: unknown item %d", q.Name, e.Value)
			continue
		}
		if e.Kind == timeline.Put {
			puts[e.Q][e.Value]++
		} else {
			gets[e.Q][e.Value]++
		}
	}
	for qi, q := range s.Queues {
		for id := range items {
			if puts[qi][id] != 1 || gets[qi][id] != 1 {
				t.Errorf("%s: item %d put %d times and got %d times, want once each", q.Name, id, puts[qi][id], gets[qi][id])
			}
		}
		if !q.Closed || q.WaitingPut != 0 || q.WaitingGet != 0 {
			t.Errorf("%s after the run: closed %v, %d waiting to put, %d to get; want closed, none waiting", q.Name, q.Closed, q.WaitingPut, q.WaitingGet)
		}
	}
	var got []string
	for _, g := range s.Goroutines {
		got = append(got, g.Name)
		if g.State != timeline.Done {
			t.Errorf("%s is %v after the run returned, want done", g.Name, g.State)
		}
	}
	slices.Sort(got)
	names = slices.Sorted(slices.Values(names))
	if !slices.Equal(got, names) {
		t.Errorf("goroutines %q, want %q", got, names)
	}
}
