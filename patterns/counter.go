package patterns

import (
	"context"
	"fmt"

	"chanlab/patterns/counter"
	"chanlab/patterns/timeline"
)

var counterSpec = Spec{
	ID:       "counter",
	Title:    "Lost updates: a shared counter, naive, locked, atomic, owned",
	Topic:    LocksEvents,
	Lesson:   "Reading then writing a shared counter loses updates when goroutines interleave; a mutex, an atomic add or a single owning goroutine makes every update count.",
	Python:   "one thread runs counter += 1 and another counter -= 1, a million times each; then again under `with lock:`",
	InGo:     "Go runs the same race with goroutines: the naive counter's read and write are each atomic, so the race detector stays quiet, yet updates are lost because they are two steps. (So is Python's +=: CPython 3.10 and later switch threads only at calls and loop jumps, so a bare counter += 1 rarely shows the loss there, but a call between the read and the write, or free-threaded Python, shows it again.) The fixes are a sync.Mutex (Python's Lock), atomic.Int64's Add, or one goroutine that owns the counter and receives each +1 and -1 over a channel.",
	PythonKo: "한 스레드는 counter += 1을, 다른 스레드는 counter -= 1을 각각 백만 번 실행하고, 다시 `with lock:` 안에서 실행",
	TitleKo:  "잃어버린 업데이트: 공유 카운터 — naive, 락, 원자적 연산, 소유 고루틴",
	LessonKo: "공유 카운터를 읽은 뒤 쓰면 고루틴들이 끼어들 때 업데이트를 잃습니다. 뮤텍스, 원자적 덧셈, 또는 카운터를 혼자 소유하는 고루틴 하나가 있으면 모든 업데이트가 반영됩니다.",
	InGoKo:   "Go도 고루틴으로 같은 경쟁 상태를 만듭니다. naive 카운터의 읽기와 쓰기는 각각 원자적이라 레이스 디텍터는 조용하지만, 두 단계로 나뉘어 있어 업데이트를 잃습니다. (파이썬의 +=도 마찬가지입니다. CPython 3.10부터는 함수 호출과 루프의 되돌아가는 지점에서만 스레드를 전환하므로 counter += 1만으로는 손실이 거의 보이지 않지만, 읽기와 쓰기 사이에 호출이 있거나 free-threaded 파이썬이면 다시 나타납니다.) 해결책은 sync.Mutex(파이썬의 Lock), atomic.Int64의 Add, 또는 카운터를 소유하고 각 +1과 -1을 채널로 받는 고루틴 하나입니다.",
	Params: []Param{
		{Name: "iterations", Label: "Additions", Kind: Int, Default: "100000", Min: 1, Max: 5_000_000, Unit: "per goroutine",
			Help:    "How many times each goroutine adds its 1 or -1 (the course uses 1000000).",
			LabelKo: "덧셈 횟수", UnitKo: "고루틴당",
			HelpKo: "각 고루틴이 1 또는 -1을 더하는 횟수입니다(강의에서는 1000000)."},
		{Name: "goroutines", Label: "Goroutines", Kind: Int, Default: "2", Min: 2, Max: 8, Unit: "goroutines",
			Help:    "Counting goroutines per variant: by turns, one adds 1, the next -1; with an odd number, one more adds 1 and the expected value is not 0.",
			LabelKo: "고루틴", UnitKo: "고루틴",
			HelpKo: "변형마다 세는 고루틴의 수입니다. 번갈아 하나는 1을, 다음 하나는 -1을 더합니다. 홀수이면 1을 더하는 고루틴이 하나 더 많아 기대값이 0이 아닙니다."},
		{Name: "yield", Label: "Yield in naive", Kind: Bool, Default: "on",
			Help:    "The naive counter calls runtime.Gosched between its read and its write, as a thread switch can in Python (since 3.10, at a call there).",
			LabelKo: "naive에서 양보",
			HelpKo:  "naive 카운터가 읽기와 쓰기 사이에 runtime.Gosched를 호출합니다. 파이썬에서 스레드 전환이 일어날 수 있는 것과 같습니다(3.10부터는 그 사이에 호출이 있을 때)."},
	},
	Source: counter.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := counter.Config{
			Iterations: v.Int("iterations"),
			Goroutines: v.Int("goroutines"),
			Yield:      v.Bool("yield"),
		}
		r, err := counter.Run(ctx, cfg, rec)
		metrics := []Metric{{Name: "expected", Label: "Expected final value", LabelKo: "기대하는 최종 값", Value: fmt.Sprint(r.Expected)}}
		for _, o := range []struct {
			name, label, ko string
			out             counter.Outcome
			lesson          bool
		}{
			{"naive", "Naive (read, yield, write)", "naive(읽기, 양보, 쓰기)", r.Naive, true},
			{"mutex", "sync.Mutex", "sync.Mutex", r.Mutex, true},
			{"atomic", "atomic.Int64", "atomic.Int64", r.Atomic, false},
			{"owner", "Owner goroutine, channel", "소유자 고루틴, 채널", r.Owner, false},
		} {
			final, took := "not run", "not run"
			finalKo, tookKo := "실행 안 함", "실행 안 함"
			if o.out.Ran {
				final = fmt.Sprint(o.out.Final)
				finalKo = final
				if o.out.Adds < cfg.Iterations*cfg.Goroutines {
					final += fmt.Sprintf(" (stopped; %d expected so far)", o.out.Expected)
					finalKo += fmt.Sprintf(" (중간에 멈춤, 지금까지의 기대값 %d)", o.out.Expected)
				}
				took = ms(o.out.Elapsed)
				tookKo = took
				if o.out.Adds > 0 {
					per := float64(o.out.Elapsed.Nanoseconds()) / float64(o.out.Adds)
					took += fmt.Sprintf(" (%.0f ns per addition)", per)
					tookKo += fmt.Sprintf(" (덧셈당 %.0f ns)", per)
				}
			}
			metrics = append(metrics,
				Metric{Name: o.name + "-final", Label: o.label + ": final value", LabelKo: o.ko + ": 최종 값", Value: final, ValueKo: finalKo, Lesson: o.lesson},
				Metric{Name: o.name + "-time", Label: o.label + ": time", LabelKo: o.ko + ": 시간", Value: took, ValueKo: tookKo})
		}
		return Result{Metrics: metrics}, err
	},
}
