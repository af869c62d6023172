package app

import (
	"strings"
	"testing"
	"time"

	"chanlab/patterns/history"
)

// TestPointsEndAtTheLastValue checks a queue's line after its last bucket:
// a queue that was full in its last bucket and then emptied is drawn empty
// to the end of the chart, not full.
func TestPointsEndAtTheLastValue(t *testing.T) {
	s := &history.Series{Levels: []history.Level{{Max: 1, Last: 1}, {Max: 1, Last: 0}}}
	// Two buckets of 10 ms in a 40 ms run: up to x = 240 of 480.
	got := points(s, 10*time.Millisecond, 40*time.Millisecond, 1)
	want := "0.0,0.0 120.0,0.0 120.0,0.0 240.0,0.0 240.0,120.0 480.0,120.0 "
	if got != want {
		t.Errorf("points = %q, want %q", got, want)
	}
	// A series that reaches the end of the chart has no step after it.
	if got := points(s, 20*time.Millisecond, 40*time.Millisecond, 1); strings.Count(got, " ") != 4 {
		t.Errorf("points over the whole chart = %q, want two steps", got)
	}
}
