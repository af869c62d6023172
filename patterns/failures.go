package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/failures"
	"chanlab/patterns/timeline"
)

var failuresSpec = Spec{
	ID:       "failures",
	Title:    "When a run goes wrong: a runaway loop, a stuck wait, a panic",
	Topic:    Failures,
	Lesson:   "Cancellation is cooperative: a goroutine that never checks its context cannot be stopped, and a panic nobody recovers ends the program; chanlab loses only the run's worker and starts a new one.",
	Python:   "a thread stuck in while True: (there is no Thread.kill), or os._exit() ending the whole process",
	InGo:     "Cancelling a context only asks: a goroutine that never checks ctx, spinning or receiving from a plain channel, runs on, and Run, which waits for it, cannot return. A panic in a goroutine that nothing recovers ends the whole program, where an uncaught exception in a Python thread ends only that thread; chanlab runs each run in a Web Worker, so the page terminates or replaces only that worker.",
	PythonKo: "while True:에 갇힌 스레드(Thread.kill은 없습니다), 또는 프로세스 전체를 끝내는 os._exit()",
	TitleKo:  "실행이 잘못될 때: 폭주하는 루프, 멈춘 대기, 패닉",
	LessonKo: "취소는 협조적입니다. 컨텍스트를 확인하지 않는 고루틴은 멈출 수 없고, 아무도 복구하지 않는 패닉은 프로그램을 끝냅니다. chanlab은 그 실행의 워커만 잃고 새 워커를 시작합니다.",
	InGoKo:   "컨텍스트를 취소하는 것은 요청일 뿐입니다. ctx를 확인하지 않고 돌기만 하거나 일반 채널에서 수신하는 고루틴은 계속 실행되고, 그 고루틴을 기다리는 Run은 반환할 수 없습니다. 아무것도 복구하지 않는 고루틴의 패닉은 프로그램 전체를 끝냅니다. 파이썬 스레드에서 잡히지 않은 예외는 그 스레드만 끝내는 것과 다릅니다. chanlab은 실행마다 Web Worker에서 돌리므로, 페이지는 그 워커만 종료하거나 바꿉니다.",
	Params: []Param{
		{Name: "mode", Label: "What goes wrong", Kind: Choice, Default: "runaway", Choices: []string{"runaway", "stuck", "panic"},
			Help:    "runaway: computes without checking ctx; stuck: two goroutines wait on each other over plain channels; panic: within half a second a goroutine panics, nothing recovers it, and a worker goroutine ends with the program.",
			LabelKo: "무엇이 잘못되나",
			HelpKo:  "runaway: ctx를 확인하지 않고 계산만 합니다. stuck: 두 고루틴이 일반 채널로 서로를 기다립니다. panic: 0.5초 안에 한 고루틴이 패닉을 일으키고, 아무것도 복구하지 않아 worker 고루틴도 프로그램과 함께 끝납니다."},
		{Name: "limit", Label: "Gives up after", Kind: Duration, Default: "10s", Min: 0, Max: int64(60 * time.Second),
			Help: "When the misbehaving goroutines stop on their own. Press Stop before that.", Unscaled: true,
			LabelKo: "포기하는 시점",
			HelpKo:  "잘못 동작하는 고루틴들이 스스로 멈추는 시점입니다. 그 전에 중지를 눌러 보세요."},
	},
	Source: failures.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		r, err := failures.Run(ctx, failures.Config{Mode: failures.Mode(v.Int("mode")), Limit: v.Duration("limit")}, rec)
		return Result{Metrics: []Metric{
			{Name: "ignored", Label: "Went on after Stop for", LabelKo: "중지 뒤에도 계속된 시간", Value: ms(r.Ignored), Lesson: true},
			{Name: "spins", Label: "Runaway loop iterations", LabelKo: "폭주 루프 반복 횟수", Value: fmt.Sprint(r.Spins)},
		}}, err
	},
}
