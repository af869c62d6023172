package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/async"
	"chanlab/patterns/timeline"
)

var asyncioSpec = Spec{
	ID:     "asyncio",
	Title:  "asyncio: gather, wait, wait_for and a Future",
	Topic:  Async,
	Lesson: "Concurrent tasks take as long as the longest, not the sum; the first result cancels the rest; a timeout stops the work; and a future is waited on, not polled.",
	Python: "await asyncio.gather(a, b); done, pending = await asyncio.wait(tasks, return_when=FIRST_COMPLETED); " +
		"await asyncio.wait_for(t, timeout=3); while not fut.done(): await asyncio.sleep(0.2)",
	InGo: "Go has no event loop and no await: a task is a goroutine, and awaiting is waiting. gather is a group you Wait for; wait(FIRST_COMPLETED) is a results channel with room for every task, then cancel and wait for the losers; wait_for is context.WithTimeout; and a Future is a 1-buffered channel written once, which you block on instead of polling.",
	Params: []Param{
		// The choices are in the order of async.Part's constants: the
		// index is the Part.
		{Name: "part", Label: "Part", Kind: Choice, Default: "all", Choices: []string{"all", "gather", "first-completed", "wait-for", "future"},
			Help: "Which lesson to run; all runs the four one after another."},
		{Name: "gather1", Label: "Gather: task 1", Kind: Duration, Default: "2s", Min: 0, Max: int64(10 * time.Second),
			Help: "How long the first gathered task works."},
		{Name: "gather2", Label: "Gather: task 2", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help: "How long the second gathered task works."},
		{Name: "wait1", Label: "First completed: task 1", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help: "How long the first of the three raced tasks works."},
		{Name: "wait2", Label: "First completed: task 2", Kind: Duration, Default: "2s", Min: 0, Max: int64(10 * time.Second),
			Help: "How long the second raced task works."},
		{Name: "wait3", Label: "First completed: task 3", Kind: Duration, Default: "3s", Min: 0, Max: int64(10 * time.Second),
			Help: "How long the third raced task works."},
		{Name: "task", Label: "wait_for: task", Kind: Duration, Default: "5s", Min: 0, Max: int64(10 * time.Second),
			Help: "How long the task given to wait_for works."},
		{Name: "timeout", Label: "wait_for: timeout", Kind: Duration, Default: "3s", Min: 0, Max: int64(10 * time.Second),
			Help: "When wait_for gives up on the task and cancels it."},
		{Name: "set-after", Label: "Future: set after", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help: "When the setter task resolves the future."},
		{Name: "poll", Label: "Future: poll every", Kind: Duration, Default: "300ms", Min: int64(5 * time.Millisecond), Max: int64(5 * time.Second),
			Help: "How often the monitor checks whether the future is done."},
	},
	Source: async.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := async.Config{
			Part:     async.Part(v.Int("part")),
			Gather:   []time.Duration{v.Duration("gather1"), v.Duration("gather2")},
			First:    []time.Duration{v.Duration("wait1"), v.Duration("wait2"), v.Duration("wait3")},
			Task:     v.Duration("task"),
			Timeout:  v.Duration("timeout"),
			SetAfter: v.Duration("set-after"),
			Poll:     v.Duration("poll"),
		}
		r, err := async.Run(ctx, cfg, rec)
		return Result{Metrics: asyncioMetrics(cfg.Part, r)}, err
	},
}

// asyncioMetrics lists the metrics of the parts that were selected; a part
// the run was stopped before shows a dash.
func asyncioMetrics(part async.Part, r async.Result) []Metric {
	or := func(ran bool, v string) string {
		if !ran {
			return "—"
		}
		return v
	}
	selected := func(p async.Part) bool { return part == async.All || part == p }
	var m []Metric
	if g := r.Gather; selected(async.Gather) {
		m = append(m,
			Metric{Name: "gather-elapsed", Label: "gather took", Value: or(g.Ran, ms(g.Elapsed)), Lesson: true},
			Metric{Name: "gather-sum", Label: "The tasks one by one", Value: or(g.Ran, ms(g.Sum))},
		)
	}
	if f := r.First; selected(async.FirstCompleted) {
		m = append(m,
			Metric{Name: "first", Label: "Completed first", Value: or(f.Ran && f.First != "", f.First), Lesson: true},
			Metric{Name: "first-after", Label: "First completed after", Value: or(f.Ran && f.First != "", ms(f.Elapsed))},
			Metric{Name: "cancelled", Label: "Pending tasks cancelled", Value: or(f.Ran, fmt.Sprint(len(f.Cancelled))), Lesson: true},
			Metric{Name: "finished", Label: "Others done before the cancel", Value: or(f.Ran, fmt.Sprint(len(f.Finished)))},
		)
	}
	if w := r.WaitFor; selected(async.WaitFor) {
		timedOut := "no"
		if w.TimedOut {
			timedOut = "yes"
		}
		m = append(m,
			Metric{Name: "timed-out", Label: "wait_for timed out", Value: or(w.Ran, timedOut), Lesson: true},
			Metric{Name: "wait-for-elapsed", Label: "wait_for returned after", Value: or(w.Ran, ms(w.Elapsed))},
		)
	}
	if f := r.Future; selected(async.Future) {
		done := f.Ran && f.Value != ""
		m = append(m,
			Metric{Name: "polls", Label: "Polls that found it not done", Value: or(f.Ran, fmt.Sprint(f.Polls)), Lesson: true},
			Metric{Name: "poll-late", Label: "Poller saw it later than the awaiter by", Value: or(done, ms(f.Polled-f.Awaited))},
		)
	}
	return append(m, Metric{Name: "elapsed", Label: "Elapsed", Value: ms(r.Elapsed)})
}
