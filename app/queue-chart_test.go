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
	got := points(s, 10*time.Millisecond, 40*time.Millisecond, 40*time.Millisecond, 1)
	want := "0.0,0.0 120.0,0.0 120.0,0.0 240.0,0.0 240.0,120.0 480.0,120.0 "
	if got != want {
		t.Errorf("points = %q, want %q", got, want)
	}
	// A series that reaches the end of the chart has no step after it.
	if got := points(s, 20*time.Millisecond, 40*time.Millisecond, 40*time.Millisecond, 1); strings.Count(got, " ") != 4 {
		t.Errorf("points over the whole chart = %q, want two steps", got)
	}
}

// TestPointsOnALongerAxis checks a run drawn on a comparison's axis, which
// the other, longer run sets: its line stops where it ended, a third of
// the way, and its last bucket, which runs past that end, stops there too.
func TestPointsOnALongerAxis(t *testing.T) {
	s := &history.Series{Levels: []history.Level{{Max: 1, Last: 1}, {Max: 1, Last: 0}}}
	// Buckets of 10 ms in a 15 ms run, on a 45 ms axis: up to x = 160.
	got := points(s, 10*time.Millisecond, 15*time.Millisecond, 45*time.Millisecond, 1)
	want := "0.0,0.0 106.7,0.0 106.7,0.0 160.0,0.0 "
	if got != want {
		t.Errorf("points = %q, want %q", got, want)
	}
	// Two buckets of 10 ms in a 30 ms run, on a 60 ms axis: the last
	// value to x = 240, not on to the axis's end.
	got = points(s, 10*time.Millisecond, 30*time.Millisecond, 60*time.Millisecond, 1)
	want = "0.0,0.0 80.0,0.0 80.0,0.0 160.0,0.0 160.0,120.0 240.0,120.0 "
	if got != want {
		t.Errorf("points = %q, want %q", got, want)
	}
}

// TestSeriesRowsReachTheEnd checks a series' table: it goes on to the end
// of the run with the value the last event left, and it keeps to tableRows
// rows.
func TestSeriesRowsReachTheEnd(t *testing.T) {
	s := &history.Series{Levels: []history.Level{{Max: 2, Last: 2}, {Max: 3, Last: 1}}}
	// Two buckets of 10 ms with events in a 45 ms run.
	rows := seriesRows(s, 10*time.Millisecond, 45*time.Millisecond)
	want := []seriesRow{
		{0, 10 * time.Millisecond, 2, 2},
		{10 * time.Millisecond, 20 * time.Millisecond, 3, 1},
		{20 * time.Millisecond, 30 * time.Millisecond, 1, 1},
		{30 * time.Millisecond, 40 * time.Millisecond, 1, 1},
		{40 * time.Millisecond, 45 * time.Millisecond, 1, 1},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %v, want %v", rows, want)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %v, want %v", i, rows[i], want[i])
		}
	}
	// A long run: its buckets grouped, the last row ending with the run.
	rows = seriesRows(s, time.Millisecond, time.Second)
	if len(rows) > tableRows || rows[len(rows)-1].to != time.Second || rows[0].peak != 3 {
		t.Errorf("%d rows, the first %v, the last %v: want at most %d, the first with the peak, the last to 1s", len(rows), rows[0], rows[len(rows)-1], tableRows)
	}
	// A queue with no event is empty all along.
	if rows := seriesRows(&history.Series{}, 10*time.Millisecond, 25*time.Millisecond); len(rows) != 3 || rows[2] != (seriesRow{20 * time.Millisecond, 25 * time.Millisecond, 0, 0}) {
		t.Errorf("empty series: rows = %v, want three, to 25ms, at 0", rows)
	}
}

// TestStageSteps checks the stage diagram's layout: a chain of stages and
// queues, and parallel queues between the same roles in one column.
func TestStageSteps(t *testing.T) {
	q := func(name string, putters []string, getters ...string) history.Queue {
		var h history.Queue
		h.Name = name
		h.Putters = putters
		if len(getters) > 0 {
			h.Getters = getters
		}
		return h
	}
	text := func(qs []history.Queue, steps []stageStep) string {
		var b strings.Builder
		for _, s := range steps {
			if s.queues == nil {
				b.WriteString(strings.Join(s.roles, "·") + " ")
				continue
			}
			var names []string
			for _, i := range s.queues {
				names = append(names, qs[i].Name)
			}
			b.WriteString("[" + strings.Join(names, " ") + "] ")
		}
		return strings.TrimSpace(b.String())
	}
	tests := []struct {
		name string
		qs   []history.Queue
		want string
	}{
		{"a pipeline", []history.Queue{
			q("download queue", []string{"main"}, "download"),
			q("resize queue", []string{"download"}, "resize"),
			q("done queue", []string{"resize"}, "collector"),
		}, "main [download queue] download [resize queue] resize [done queue] collector"},
		{"a pipe per worker", []history.Queue{
			q("pipe-0", []string{"worker"}, "parent"),
			q("pipe-1", []string{"worker"}, "parent"),
			q("pipe-2", []string{"worker"}, "parent"),
		}, "worker [pipe-0 pipe-1 pipe-2] parent"},
		{"an unused queue stands alone", []history.Queue{
			q("in", []string{"producer"}, "consumer"),
			q("spare", nil),
		}, "producer [in] consumer [spare]"},
	}
	for _, tt := range tests {
		if got := text(tt.qs, stageSteps(tt.qs)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if steps := stageSteps([]history.Queue{q("lonely", []string{"producer"})}); steps != nil {
		t.Errorf("no linked queue: %v, want no diagram", steps)
	}
}
