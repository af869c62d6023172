package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/backlog"
	"chanlab/patterns/timeline"
)

var unboundedSpec = Spec{
	ID:       "unbounded",
	Title:    "Unbounded queue with a slow consumer",
	Topic:    Pipelines,
	Lesson:   "Without a bound a fast producer never waits, so the backlog, and the memory it holds, grows for as long as the run lasts; a bound holds the producer to the consumer's pace.",
	Python:   "queue.Queue() with no maxsize between a fast producer and a slow consumer; then Queue(maxsize=n)",
	InGo:     "Go has no unbounded channel: the bounded queue is a channel of capacity Bound, and the unbounded one is a goroutine that owns a growing slice between an in and an out channel. It always receives, and offers its oldest item on out only while it holds one; otherwise its send channel is nil, and a nil channel is never ready in a select.",
	PythonKo: "빠른 생산자와 느린 소비자 사이에 maxsize 없는 queue.Queue(), 그다음 Queue(maxsize=n)",
	TitleKo:  "느린 소비자와 크기 제한 없는 큐",
	LessonKo: "크기 제한이 없으면 빠른 생산자는 기다리지 않으므로, 밀린 항목과 그것이 차지하는 메모리가 실행 내내 늘어납니다. 크기를 제한하면 생산자가 소비자의 속도에 맞춰집니다.",
	InGoKo:   "Go에는 크기 제한 없는 채널이 없습니다. 제한 있는 큐는 용량이 Bound인 채널이고, 제한 없는 큐는 in 채널과 out 채널 사이에서 늘어나는 슬라이스를 소유하는 고루틴입니다. 이 고루틴은 늘 수신하고, 항목을 가지고 있을 때만 가장 오래된 항목을 out으로 내놓습니다. 항목이 없으면 송신 채널이 nil인데, nil 채널은 select에서 결코 준비되지 않습니다.",
	Params: []Param{
		{Name: "bound", Label: "Bound", Kind: Int, Default: "0", Min: 0, Max: 1000, Unit: "items",
			Help:    "Queue capacity (Python's maxsize); 0 is unbounded: a goroutine holding a growing slice.",
			LabelKo: "크기 제한", UnitKo: "개",
			HelpKo: "큐의 용량(파이썬의 maxsize)입니다. 0이면 제한이 없습니다: 늘어나는 슬라이스를 가진 고루틴이 됩니다."},
		{Name: "duration", Label: "Run duration", Kind: Duration, Default: "5s", Min: 0, Max: int64(20 * time.Second),
			Help:    "How long the producer produces; then the run stops (or drains).",
			LabelKo: "실행 시간",
			HelpKo:  "생산자가 생산하는 시간입니다. 그 뒤 실행이 멈춥니다(또는 남은 항목을 비웁니다)."},
		{Name: "pdelay", Label: "Producer delay", Kind: Duration, Default: "10ms", Min: int64(time.Millisecond), Max: int64(2 * time.Second),
			Help:    "Pause before each item: 10ms is 100 items/s.",
			LabelKo: "생산자 지연",
			HelpKo:  "항목마다 쉬는 시간입니다. 10ms면 초당 100개입니다."},
		{Name: "cdelay", Label: "Consumer delay", Kind: Duration, Default: "50ms", Min: 0, Max: int64(2 * time.Second),
			Help:    "Work per item taken: 50ms is 20 items/s.",
			LabelKo: "소비자 지연",
			HelpKo:  "꺼낸 항목마다 하는 작업입니다. 50ms면 초당 20개입니다."},
		{Name: "size", Label: "Item size", Kind: Int, Default: "1024", Min: 0, Max: 8192, Unit: "bytes",
			Help:    "Payload bytes per item, which the backlog keeps alive.",
			LabelKo: "항목 크기", UnitKo: "바이트",
			HelpKo: "항목마다 담긴 페이로드 바이트 수로, 밀린 항목들이 이 메모리를 붙잡고 있습니다."},
		{Name: "drain", Label: "Drain", Kind: Bool, Default: "off",
			Help:    "After the duration, let the consumer work off the backlog (slow with no bound).",
			LabelKo: "비우기",
			HelpKo:  "실행 시간이 끝난 뒤 소비자가 밀린 항목을 마저 처리하게 합니다(제한이 없으면 오래 걸립니다)."},
	},
	Source: backlog.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := backlog.Config{
			Bound:         v.Int("bound"),
			Duration:      v.Duration("duration"),
			ProducerDelay: v.Duration("pdelay"),
			ConsumerDelay: v.Duration("cdelay"),
			Size:          v.Int("size"),
			Drain:         v.Bool("drain"),
		}
		r, err := backlog.Run(ctx, cfg, rec)
		held := fmt.Sprint(r.MaxHeld)
		if cfg.Bound > 0 {
			held = fmt.Sprintf("%d/%d", r.MaxHeld, cfg.Bound)
		}
		blocked := 0.0
		if active := min(r.Elapsed, cfg.Duration); active > 0 {
			blocked = 100 * min(float64(r.Blocked)/float64(active), 1)
		}
		return Result{Metrics: []Metric{
			{Name: "produced", Label: "Produced", LabelKo: "생산한 항목", Value: fmt.Sprint(r.Produced)},
			{Name: "consumed", Label: "Consumed", LabelKo: "소비한 항목", Value: fmt.Sprint(r.Consumed)},
			{Name: "left", Label: "Left held", LabelKo: "남아 있는 항목", Value: fmt.Sprint(r.Left)},
			{Name: "max-held", Label: "Most items held", LabelKo: "한때 쌓인 최대 항목 수", Value: held, Lesson: true},
			{Name: "max-bytes", Label: "Most bytes held", LabelKo: "한때 쌓인 최대 바이트", Value: Bytes(r.MaxBytes), Lesson: true},
			{Name: "blocked", Label: "Producer waiting on put", LabelKo: "생산자가 put에서 기다린 시간", Value: fmt.Sprintf("%.0f%% (%s)", blocked, ms(r.Blocked))},
			{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)},
		}}, err
	},
}

// Bytes writes n bytes for people: 640 B, 412.0 KiB, 3.5 MiB.
func Bytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
