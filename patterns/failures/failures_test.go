package failures

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

// TestIgnoresCancel shows the lesson of Runaway and Stuck: cancelling the
// run does not end it; only the goroutines' own limit does.
func TestIgnoresCancel(t *testing.T) {
	for _, mode := range []Mode{Runaway, Stuck} {
		for _, withRec := range []bool{false, true} {
			t.Run(fmt.Sprintf("mode=%d/recorder=%v", mode, withRec), func(t *testing.T) {
				var rec *timeline.Recorder
				if withRec {
					rec = timeline.New(0)
				}
				const limit = 100 * time.Millisecond
				// Cancelled before it starts: a run that honoured ctx
				// would return at once.
				ctx, cancel := context.WithCancel(t.Context())
				cancel()
				start := time.Now()
				res, err := Run(ctx, Config{Mode: mode, Limit: limit}, rec)
				took := time.Since(start)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
				// Ignored is measured from when the cancel was seen, a
				// scheduling moment after the start: under Node, once,
				// 12 ms after it (a run that honoured ctx would have
				// ignored it for none of the limit).
				if took < limit || res.Ignored < limit*3/4 {
					t.Errorf("Run returned after %v and ignored the cancel for %v: want about its %v limit", took, res.Ignored, limit)
				}
				if mode == Runaway && res.Spins == 0 {
					t.Error("the runaway loop did not run")
				}
				if mode == Stuck && withRec {
					checkShownWaiting(t, rec.Snapshot(0))
				}
			})
		}
	}
}

// checkShownWaiting checks that a Stuck run's two goroutines were shown
// waiting, for as long as they waited: their channels are plain, and a lane
// that read "running" all along would tell the learner they were busy.
func checkShownWaiting(t *testing.T, s timeline.Snapshot) {
	t.Helper()
	waitedFor := map[string]time.Duration{}
	since := map[int32]time.Duration{}
	for _, e := range s.Events {
		if e.Kind != timeline.GoState {
			continue
		}
		if at, ok := since[e.G]; ok {
			waitedFor[s.Goroutines[e.G].Name] += e.At - at
			delete(since, e.G)
		}
		if e.State == timeline.Waiting {
			if !strings.HasSuffix(e.Text, ", not ctx") {
				t.Errorf("%s waits on %q, want the channel it waits on and that ctx is not watched", s.Goroutines[e.G].Name, e.Text)
			}
			since[e.G] = e.At
		}
	}
	for _, name := range []string{"ping", "pong"} {
		if waitedFor[name] < 50*time.Millisecond {
			t.Errorf("%s was shown waiting for %v of its 100ms wait", name, waitedFor[name])
		}
	}
}

// TestPanicStoppedFirst stops a Panic run before its panic: the run ends
// as stopped, its worker having done its items, and no goroutine is left
// to panic later, in the next run.
func TestPanicStoppedFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := timeline.New(0)
		ctx, cancel := context.WithTimeout(t.Context(), panicAfter/2)
		defer cancel()
		if _, err := Run(ctx, Config{Mode: Panic, Limit: time.Minute}, rec); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Run = %v, want the deadline", err)
		}
		done := 0
		for _, e := range rec.Snapshot(0).Events {
			if e.Kind == timeline.Log && strings.HasPrefix(e.Text, "item ") {
				done++
			}
		}
		if want := int(panicAfter / 2 / workEvery); done < want-1 {
			t.Errorf("the worker did %d items before the stop, want about %d", done, want)
		}
		time.Sleep(panicAfter) // a panic left behind would come now
	})
}

// TestPanicEndsTheProgram runs Panic mode in a child process, since it
// ends the program: it must exit with the runtime's panic, not return.
func TestPanicEndsTheProgram(t *testing.T) {
	if os.Getenv("FAILURES_PANIC_CHILD") == "1" {
		Run(context.Background(), Config{Mode: Panic, Limit: time.Second}, nil)
		fmt.Println("Run returned")
		os.Exit(0)
	}
	if runtime.GOOS == "js" {
		// No child processes in the browser or under Node: the run
		// worker's browser test covers this mode there.
		t.Log("js/wasm cannot start a child process; TestBrowserFailures covers Panic in the browser")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPanicEndsTheProgram$")
	cmd.Env = append(os.Environ(), "FAILURES_PANIC_CHILD=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("child: %v, want exit status 2\n%s", err, out)
	}
	if !strings.Contains(string(out), "panic: "+ErrForced.Error()) || strings.Contains(string(out), "Run returned") {
		t.Errorf("child output does not show the unrecovered panic:\n%s", out)
	}
}
