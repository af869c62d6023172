package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/timeline"
	"chanlab/patterns/wrap"
)

var wrappersSpec = Spec{
	ID:       "wrappers",
	Title:    "Decorators and context managers",
	Topic:    Wrappers,
	Lesson:   "A wrapper times every call and keeps its name; a deferred teardown runs however the block ends — error and panic included.",
	Python:   "@timed with functools.wraps; with open_connection() as conn: … (__enter__/__exit__)",
	InGo:     "A decorator is a function that takes a function and returns one of the same type (Timed), so the wrapper drops in wherever the original was; Go functions have no writable name, so the wrapper is told the name. A context manager is a function that sets up, defers the teardown and calls the body (Using): defer runs on every way out, a returned error and a panic included.",
	PythonKo: "functools.wraps를 쓴 @timed; with open_connection() as conn: … (__enter__/__exit__)",
	TitleKo:  "데코레이터와 컨텍스트 매니저",
	LessonKo: "래퍼는 모든 호출의 시간을 재고 이름을 유지합니다. defer로 미룬 정리 작업은 블록이 어떻게 끝나든, 오류나 패닉이 나도 실행됩니다.",
	InGoKo:   "데코레이터는 함수를 받아 같은 타입의 함수를 돌려주는 함수(Timed)라서, 원래 함수가 쓰이던 곳 어디에나 래퍼를 그대로 넣을 수 있습니다. Go 함수에는 바꿀 수 있는 이름이 없으므로 래퍼에 이름을 알려 줍니다. 컨텍스트 매니저는 준비하고, 정리 작업을 defer하고, 본문을 호출하는 함수(Using)입니다. defer는 오류를 반환하든 패닉이 나든, 빠져나가는 모든 길에서 실행됩니다.",
	Params: []Param{
		{Name: "calls", Label: "Calls", Kind: Int, Default: "3", Min: 0, Max: 100, Unit: "calls",
			Help:    "Timed downloads inside the with-block.",
			LabelKo: "호출 수", UnitKo: "번",
			HelpKo: "with 블록 안에서 시간을 재는 다운로드 호출 수입니다."},
		{Name: "work", Label: "Work per call", Kind: Duration, Default: "200ms", Min: 0, Max: int64(5 * time.Second),
			Help:    "How long each download takes.",
			LabelKo: "호출당 작업",
			HelpKo:  "다운로드 한 번에 걸리는 시간입니다."},
		{Name: "fail", Label: "The block ends", Kind: Choice, Default: "normally", Choices: []string{"normally", "error", "panic"},
			Help:    "Return normally, return an error, or panic: the teardown runs every time.",
			LabelKo: "블록이 끝나는 방식",
			HelpKo:  "정상 반환, 오류 반환, 또는 패닉입니다. 정리 작업은 매번 실행됩니다."},
	},
	Source: wrap.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		r, err := wrap.Run(ctx, wrap.Config{
			Calls: v.Int("calls"),
			Work:  v.Duration("work"),
			Fail:  wrap.Failure(v.Int("fail")),
		}, rec)
		return Result{Metrics: []Metric{
			{Name: "timing", Label: "Timed calls", LabelKo: "시간을 잰 호출", Value: r.Summary(), ValueKo: r.SummaryKo(), Lesson: true},
			{Name: "teardown", Label: "Teardown ran", LabelKo: "정리 작업 실행", Value: yesNo(r.Closed), ValueKo: yesNoKo(r.Closed), Lesson: true},
			{Name: "ended", Label: "The block ended", LabelKo: "블록이 끝난 방식", Value: r.Ended(), ValueKo: r.EndedKo()},
			{Name: "identity", Label: "Name the wrapper reports", LabelKo: "래퍼가 알려 주는 이름", Value: fmt.Sprintf("%s (the runtime calls the wrapper %s)", r.Name, r.WrapperName),
				ValueKo: fmt.Sprintf("%s (런타임은 래퍼를 %s(이)라고 부릅니다)", r.Name, r.WrapperName)},
		}}, err
	},
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func yesNoKo(b bool) string {
	if b {
		return "예"
	}
	return "아니요"
}
