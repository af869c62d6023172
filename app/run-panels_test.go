package app

import (
	"testing"
	"time"
)

// TestScrubRange checks that the time cursor's last stop is the run's end,
// and the stop before it an instant inside the run.
func TestScrubRange(t *testing.T) {
	for _, elapsed := range []time.Duration{
		0, time.Microsecond, time.Millisecond, 729600 * time.Microsecond, time.Second,
		1001 * time.Millisecond, 1999 * time.Millisecond, 12345678 * time.Microsecond, time.Minute + time.Nanosecond,
	} {
		top, step := scrubRange(elapsed)
		end := time.Duration(top) * time.Millisecond
		switch {
		case step < 1 || top%step != 0:
			t.Errorf("%v: range %d ms in steps of %d: the browser would stop short of its end", elapsed, top, step)
		case end < elapsed:
			t.Errorf("%v: range ends at %v, inside the run: its end rewinds", elapsed, end)
		case elapsed > 0 && end-time.Duration(step)*time.Millisecond >= elapsed:
			t.Errorf("%v: range %d ms in steps of %d: its last two stops are both past the run", elapsed, top, step)
		case top/step > 1000:
			t.Errorf("%v: %d stops, want about 500", elapsed, top/step)
		}
	}
}
