package patterns

import (
	"context"
	"fmt"

	"chanlab/patterns/deadlock"
	"chanlab/patterns/timeline"
)

var deadlockSpec = Spec{
	ID:       "deadlock",
	Title:    "Deadlock: get before anyone puts",
	Topic:    Deadlock,
	Lesson:   "A get on an empty queue waits for a put that can never come: chanlab spots the stuck run, names who waits on what, and keeps working.",
	Python:   "q = queue.Queue(); q.get() blocks forever, because the put comes only after it",
	InGo:     "Go makes the same mistake by waiting for the consumer before starting the producer. Go's runtime reports a deadlock only when the whole program is stuck, and then kills it; here every queue operation can be abandoned through ctx, so chanlab spots the stuck run and stops only that run. The fix starts the producer first, and the producer closes the queue after its last put.",
	PythonKo: "q = queue.Queue(); put이 그 뒤에야 오므로 q.get()은 영원히 블록됨",
	TitleKo:  "교착 상태: 아무도 put하기 전에 get하기",
	LessonKo: "빈 큐에서 get하면 결코 오지 않을 put을 기다립니다. chanlab은 멈춘 실행을 찾아내 누가 무엇을 기다리는지 알려 주고, 계속 동작합니다.",
	InGoKo:   "Go에서도 생산자를 시작하기 전에 소비자를 기다리면 같은 실수가 됩니다. Go 런타임은 프로그램 전체가 멈췄을 때만 교착 상태를 보고하고 프로그램을 끝내 버립니다. 여기서는 모든 큐 연산을 ctx로 포기할 수 있으므로, chanlab이 멈춘 실행을 찾아 그 실행만 멈춥니다. 고친 버전은 생산자를 먼저 시작하고, 생산자는 마지막 put 뒤에 큐를 닫습니다.",
	Params: []Param{
		{Name: "items", Label: "Items", Kind: Int, Default: "3", Min: 1, Max: 1000, Unit: "items",
			Help:    "How many items the consumer waits for.",
			LabelKo: "항목 수", UnitKo: "개",
			HelpKo: "소비자가 기다리는 항목의 수입니다."},
		{Name: "fixed", Label: "Fixed", Kind: Bool, Default: "off",
			Help:    "Start the producer before waiting for the consumer: the fix.",
			LabelKo: "고친 버전",
			HelpKo:  "소비자를 기다리기 전에 생산자를 시작합니다: 이것이 해결책입니다."},
	},
	Source: deadlock.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := deadlock.Config{Items: v.Int("items")}
		run := deadlock.NaiveRun
		if v.Bool("fixed") {
			run = deadlock.Run
		}
		r, err := run(ctx, cfg, rec)
		return Result{Metrics: []Metric{
			{Name: "consumed", Label: "Items handed over", LabelKo: "건네받은 항목", Value: fmt.Sprintf("%d of %d", r.Consumed, cfg.Items),
				ValueKo: fmt.Sprintf("%d개 중 %d개", cfg.Items, r.Consumed), Lesson: true},
			{Name: "produced", Label: "Produced", LabelKo: "생산한 항목", Value: fmt.Sprint(r.Produced)},
		}}, err
	},
}
