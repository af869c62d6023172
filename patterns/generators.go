package patterns

import (
	"context"
	"fmt"
	"strings"
	"time"

	"chanlab/patterns/gen"
	"chanlab/patterns/timeline"
)

var generatorsSpec = Spec{
	ID:       "generators",
	Title:    "Generators: iter.Seq, iter.Pull and a running average",
	Topic:    Generators,
	Lesson:   "A generator runs only when asked: the source produces the numbers the consumer takes (and those the filter skips), not its whole length, and closing it runs its cleanup.",
	Python:   "def numbers(n): yield from range(n); (x*x for x in nums if x % 2) taken with next() or islice, gen.close(), inspect.getgeneratorstate, and an averager coroutine driven with send",
	InGo:     "A generator is an iter.Seq, a function that calls yield for each value: a range loop drives it, and breaking out makes yield return false, so the generator returns and its deferred cleanup runs at once, where Python's break or islice leaves the generator suspended until close() or the garbage collector ends it. iter.Pull gives you next() and stop(); the generator expression is Filter and Map composed on one goroutine, and send becomes a method call, Averager.Add.",
	PythonKo: "def numbers(n): yield from range(n); next()나 islice로 꺼내는 (x*x for x in nums if x % 2), gen.close(), inspect.getgeneratorstate, send로 구동하는 averager 코루틴",
	TitleKo:  "제너레이터: iter.Seq, iter.Pull, 그리고 이동 평균",
	LessonKo: "제너레이터는 요청받을 때만 실행됩니다. 소스는 전체 길이가 아니라 소비자가 가져가는 수(와 필터가 건너뛰는 수)만큼만 만들고, 닫으면 정리 코드가 실행됩니다.",
	InGoKo:   "제너레이터는 iter.Seq, 즉 값마다 yield를 호출하는 함수입니다. range 루프가 이를 구동하고, 루프를 빠져나가면 yield가 false를 반환하므로 제너레이터가 반환하고 defer된 정리 코드가 바로 실행됩니다. 파이썬에서는 break나 islice 뒤에도 제너레이터가 멈춘 채 남아 있다가 close()나 가비지 컬렉터가 끝낼 때 정리됩니다. iter.Pull은 next()와 stop()을 줍니다. 제너레이터 표현식은 한 고루틴에서 Filter와 Map을 합성한 것이고, send는 메서드 호출 Averager.Add가 됩니다.",
	Params: []Param{
		{Name: "items", Label: "Items", Kind: Int, Default: "5", Min: 0, Max: 10000, Unit: "values",
			Help:    "How many values the consumer takes; 0 leaves the generator created and never started.",
			LabelKo: "항목 수", UnitKo: "개",
			HelpKo: "소비자가 가져가는 값의 수입니다. 0이면 제너레이터는 만들어지기만 하고 시작되지 않습니다."},
		{Name: "source", Label: "Source length", Kind: Int, Default: "1000", Min: 0, Max: 1000000, Unit: "numbers",
			Help:    "The source counts 0, 1, … up to this; 0 counts forever, like itertools.count().",
			LabelKo: "소스 길이", UnitKo: "개",
			HelpKo: "소스는 0, 1, …을 이 수까지 셉니다. 0이면 itertools.count()처럼 끝없이 셉니다."},
		{Name: "filter", Label: "Filter", Kind: Choice, Default: "odd", Choices: []string{"all", "odd", "even"},
			Help:    "Which numbers the generator expression keeps before squaring them.",
			LabelKo: "필터",
			HelpKo:  "제너레이터 표현식이 제곱하기 전에 남기는 수입니다."},
		{Name: "consumer", Label: "Consumer", Kind: Choice, Default: "range", Choices: []string{"range", "pull"},
			Help:    "A range loop that stops after Items, or next() from iter.Pull and then stop().",
			LabelKo: "소비자",
			HelpKo:  "항목 수만큼 가져오고 멈추는 range 루프, 또는 iter.Pull의 next()와 그 뒤의 stop()입니다."},
		{Name: "delay", Label: "Delay per number", Kind: Duration, Default: "100ms", Min: 0, Max: int64(time.Second),
			Help:    "The source's work to make each number, so the laziness is watchable.",
			LabelKo: "수마다 지연",
			HelpKo:  "소스가 수를 하나 만드는 작업 시간으로, 게으른 실행이 눈에 보이게 합니다."},
	},
	Source: gen.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := gen.Config{
			Items:    v.Int("items"),
			Source:   v.Int("source"),
			Keep:     []gen.Keep{gen.All, gen.Odd, gen.Even}[v.Int("filter")],
			Consumer: []gen.Consumer{gen.Range, gen.Pull}[v.Int("consumer")],
			Delay:    v.Duration("delay"),
		}
		r, err := gen.Run(ctx, cfg, rec)

		source, sourceKo := "endless", "끝없음"
		if cfg.Source > 0 {
			source, sourceKo = fmt.Sprint(cfg.Source), ""
		}
		values, valuesKo := "none", "없음"
		if len(r.Values) > 0 {
			const show = 10
			s := make([]string, 0, show+1)
			for _, x := range r.Values[:min(len(r.Values), show)] {
				s = append(s, fmt.Sprint(x))
			}
			if len(r.Values) > show {
				s = append(s, "…")
			}
			values, valuesKo = strings.Join(s, ", "), ""
		}
		average, averageKo := "none", "없음"
		if n := len(r.Averages); n > 0 {
			average, averageKo = fmt.Sprintf("%.2f", r.Averages[n-1]), ""
		}
		// The state is inspect.getgeneratorstate's, a name from the code
		// in both languages.
		state, stateKo := "none", "없음"
		if n := len(r.States); n > 0 {
			state = r.States[n-1].String()
			stateKo = state
			switch {
			case r.Cleanup:
				state += ", cleanup ran"
				stateKo += ", 정리 코드 실행됨"
			case n == 1:
				state += ", never started"
				stateKo += ", 시작된 적 없음"
			}
		}
		return Result{Metrics: []Metric{
			{Name: "produced", Label: "Numbers the source produced", LabelKo: "소스가 만든 수", Value: fmt.Sprint(r.Produced), Lesson: true},
			{Name: "source", Label: "Source length", LabelKo: "소스 길이", Value: source, ValueKo: sourceKo},
			{Name: "consumed", Label: "Values consumed", LabelKo: "소비한 값", Value: fmt.Sprint(len(r.Values))},
			{Name: "values", Label: "Values", LabelKo: "값", Value: values, ValueKo: valuesKo},
			{Name: "average", Label: "Running average", LabelKo: "이동 평균", Value: average, ValueKo: averageKo},
			{Name: "state", Label: "Source's last state", LabelKo: "소스의 마지막 상태", Value: state, ValueKo: stateKo},
			{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)},
		}}, err
	},
}
