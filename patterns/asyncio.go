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
	Lesson: "Concurrent tasks take as long as the longest, not the sum; at the first result the rest can be cancelled; a timeout stops the work; and a future is waited on, not polled.",
	Python: "await asyncio.gather(a, b); done, pending = await asyncio.wait(tasks, return_when=FIRST_COMPLETED), then t.cancel() on each pending task; " +
		"await asyncio.wait_for(t, timeout=3); while not fut.done(): await asyncio.sleep(0.2)",
	PythonKo: "await asyncio.gather(a, b); done, pending = await asyncio.wait(tasks, return_when=FIRST_COMPLETED) 뒤 대기 중인 태스크마다 t.cancel(); " +
		"await asyncio.wait_for(t, timeout=3); while not fut.done(): await asyncio.sleep(0.2)",
	InGo:     "Go has no event loop and no await: a task is a goroutine, and awaiting is waiting. gather is a group you Wait for; wait(FIRST_COMPLETED), which cancels nothing by itself, is a results channel with room for every task, and the t.cancel() on each pending task is one context's cancel, after which you wait for the losers; wait_for is context.WithTimeout; and a Future is a 1-buffered channel written once, which you block on instead of polling.",
	TitleKo:  "asyncio: gather, wait, wait_for, 그리고 Future",
	LessonKo: "동시에 실행한 태스크들은 합이 아니라 가장 긴 것만큼 걸립니다. 첫 결과가 나오면 나머지를 취소할 수 있고, 타임아웃은 작업을 멈추며, future는 폴링하지 않고 기다립니다.",
	InGoKo:   "Go에는 이벤트 루프도 await도 없습니다. 태스크는 고루틴이고, await는 그냥 기다리는 것입니다. gather는 Wait로 기다리는 그룹이고, wait(FIRST_COMPLETED)는 그 자체로는 아무것도 취소하지 않으며, 모든 태스크의 결과가 들어갈 자리가 있는 결과 채널입니다. 대기 중인 태스크마다 하는 t.cancel()은 컨텍스트 하나의 cancel이고, 그 뒤 나머지가 끝나기를 기다립니다. wait_for는 context.WithTimeout이고, Future는 한 번만 쓰는 버퍼 1짜리 채널로, 폴링하는 대신 그 위에서 블록합니다.",
	Params: []Param{
		// The choices are in the order of async.Part's constants: the
		// index is the Part.
		{Name: "part", Label: "Part", Kind: Choice, Default: "all", Choices: []string{"all", "gather", "first-completed", "wait-for", "future"},
			Help:    "Which lesson to run; all runs the four one after another.",
			LabelKo: "부분",
			HelpKo:  "실행할 부분입니다. all은 네 가지를 차례로 실행합니다."},
		{Name: "gather1", Label: "Gather: task 1", Kind: Duration, Default: "2s", Min: 0, Max: int64(10 * time.Second),
			Help:    "How long the first gathered task works.",
			LabelKo: "gather: 태스크 1",
			HelpKo:  "gather하는 첫 번째 태스크가 일하는 시간입니다."},
		{Name: "gather2", Label: "Gather: task 2", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help:    "How long the second gathered task works.",
			LabelKo: "gather: 태스크 2",
			HelpKo:  "gather하는 두 번째 태스크가 일하는 시간입니다."},
		{Name: "wait1", Label: "First completed: task 1", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help:    "How long the first of the three raced tasks works.",
			LabelKo: "첫 완료: 태스크 1",
			HelpKo:  "경주하는 세 태스크 중 첫 번째가 일하는 시간입니다."},
		{Name: "wait2", Label: "First completed: task 2", Kind: Duration, Default: "2s", Min: 0, Max: int64(10 * time.Second),
			Help:    "How long the second raced task works.",
			LabelKo: "첫 완료: 태스크 2",
			HelpKo:  "경주하는 두 번째 태스크가 일하는 시간입니다."},
		{Name: "wait3", Label: "First completed: task 3", Kind: Duration, Default: "3s", Min: 0, Max: int64(10 * time.Second),
			Help:    "How long the third raced task works.",
			LabelKo: "첫 완료: 태스크 3",
			HelpKo:  "경주하는 세 번째 태스크가 일하는 시간입니다."},
		{Name: "task", Label: "wait_for: task", Kind: Duration, Default: "5s", Min: 0, Max: int64(10 * time.Second),
			Help:    "How long the task given to wait_for works.",
			LabelKo: "wait_for: 태스크",
			HelpKo:  "wait_for에 넘긴 태스크가 일하는 시간입니다."},
		{Name: "timeout", Label: "wait_for: timeout", Kind: Duration, Default: "3s", Min: 0, Max: int64(10 * time.Second),
			Help:    "When wait_for gives up on the task and cancels it.",
			LabelKo: "wait_for: 타임아웃",
			HelpKo:  "wait_for가 태스크를 포기하고 취소하는 시점입니다."},
		{Name: "set-after", Label: "Future: set after", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help:    "When the setter task resolves the future.",
			LabelKo: "Future: 설정 시점",
			HelpKo:  "설정하는 태스크가 future의 값을 정하는 시점입니다."},
		{Name: "poll", Label: "Future: poll every", Kind: Duration, Default: "300ms", Min: int64(5 * time.Millisecond), Max: int64(5 * time.Second),
			Help:    "How often the monitor checks whether the future is done.",
			LabelKo: "Future: 폴링 간격",
			HelpKo:  "모니터가 future가 끝났는지 확인하는 간격입니다."},
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
// the run was stopped before or in shows a dash.
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
			Metric{Name: "gather-elapsed", Label: "gather took", LabelKo: "gather에 걸린 시간", Value: or(g.Ran, ms(g.Elapsed)), Lesson: true},
			Metric{Name: "gather-sum", Label: "The tasks one by one", LabelKo: "태스크를 하나씩 실행했다면", Value: or(g.Ran, ms(g.Sum))},
		)
	}
	if f := r.First; selected(async.FirstCompleted) {
		m = append(m,
			Metric{Name: "first", Label: "Completed first", LabelKo: "가장 먼저 끝난 태스크", Value: or(f.Ran && f.First != "", f.First), Lesson: true},
			Metric{Name: "first-after", Label: "First completed after", LabelKo: "첫 완료까지 걸린 시간", Value: or(f.Ran && f.First != "", ms(f.Elapsed))},
			Metric{Name: "cancelled", Label: "Pending tasks cancelled", LabelKo: "취소된 대기 중 태스크", Value: or(f.Ran, fmt.Sprint(len(f.Cancelled))), Lesson: true},
			Metric{Name: "finished", Label: "Others done before the cancel", LabelKo: "취소 전에 끝난 다른 태스크", Value: or(f.Ran, fmt.Sprint(len(f.Finished)))},
		)
	}
	if w := r.WaitFor; selected(async.WaitFor) {
		timedOut := "no"
		if w.TimedOut {
			timedOut = "yes"
		}
		timedOutKo := ""
		if w.Ran {
			timedOutKo = yesNoKo(w.TimedOut)
		}
		m = append(m,
			Metric{Name: "timed-out", Label: "wait_for timed out", LabelKo: "wait_for 타임아웃 여부", Value: or(w.Ran, timedOut), ValueKo: timedOutKo, Lesson: true},
			Metric{Name: "wait-for-elapsed", Label: "wait_for returned after", LabelKo: "wait_for가 반환하기까지", Value: or(w.Ran, ms(w.Elapsed))},
		)
	}
	if f := r.Future; selected(async.Future) {
		done := f.Ran && f.Value != ""
		m = append(m,
			Metric{Name: "polls", Label: "Polls that found it not done", LabelKo: "끝나지 않았음을 확인한 폴링 횟수", Value: or(f.Ran, fmt.Sprint(f.Polls)), Lesson: true},
			Metric{Name: "poll-late", Label: "Poller saw it later than the awaiter by", LabelKo: "폴링한 쪽이 기다린 쪽보다 늦게 안 시간", Value: or(done, ms(f.Polled-f.Awaited))},
		)
	}
	return append(m, Metric{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)})
}
