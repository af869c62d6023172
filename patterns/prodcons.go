package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/prodcons"
	"chanlab/patterns/timeline"
)

var prodconsSpec = Spec{
	ID:       "prodcons",
	Title:    "Producer/consumer with a bounded queue",
	Topic:    ThreadsQueues,
	Lesson:   "A full queue holds producers back: the smaller the buffer, the longer they wait on put.",
	Python:   "queue.Queue(maxsize), a threading.Event to stop, and a consumer that drains the queue",
	InGo:     "The queue is a channel of capacity Buffer, so a put on a full queue blocks, as in Python. The stop event is a context whose deadline is the run duration; once every producer has returned, the run, which owns the queue, closes it, and the consumers' range loops drain it and end: no event check and no sentinel.",
	PythonKo: "queue.Queue(maxsize), 멈추기 위한 threading.Event, 그리고 큐를 비우는 소비자",
	TitleKo:  "크기가 제한된 큐를 쓰는 생산자/소비자",
	LessonKo: "큐가 가득 차면 생산자는 더 나아가지 못합니다. 버퍼가 작을수록 put에서 더 오래 기다립니다.",
	InGoKo:   "큐는 용량이 Buffer인 채널이라서, 파이썬과 마찬가지로 가득 찬 큐에 put하면 블록됩니다. 멈춤 이벤트는 실행 시간을 데드라인으로 갖는 컨텍스트입니다. 모든 생산자가 반환하면 큐를 소유한 run이 큐를 닫고, 소비자들의 range 루프는 남은 항목을 비운 뒤 끝납니다. 이벤트를 확인할 필요도, 센티널도 없습니다.",
	Params: []Param{
		{Name: "buffer", Label: "Buffer", Kind: Int, Default: "10", Min: 0, Max: 1000, Unit: "items",
			Help:    "Queue capacity (Python's maxsize); 0 is an unbuffered channel, where every put waits for a get (Python's maxsize=0 is unbounded).",
			LabelKo: "버퍼", UnitKo: "개",
			HelpKo: "큐의 용량(파이썬의 maxsize)입니다. 0이면 버퍼 없는 채널이라 모든 put이 get을 기다립니다(파이썬에서 maxsize=0은 무제한입니다)."},
		{Name: "producers", Label: "Producers", Kind: Int, Default: "1", Min: 1, Max: 16, Unit: "goroutines",
			Help:    "Goroutines putting random messages 1–11.",
			LabelKo: "생산자", UnitKo: "고루틴",
			HelpKo: "1–11 사이의 무작위 메시지를 put하는 고루틴입니다."},
		{Name: "consumers", Label: "Consumers", Kind: Int, Default: "1", Min: 1, Max: 16, Unit: "goroutines",
			Help:    "Goroutines getting and storing messages.",
			LabelKo: "소비자", UnitKo: "고루틴",
			HelpKo: "메시지를 get해서 저장하는 고루틴입니다."},
		{Name: "duration", Label: "Run duration", Kind: Duration, Default: "3s", Min: 0, Max: int64(60 * time.Second),
			Help:    "When the stop event is set; consumers then drain the queue.",
			LabelKo: "실행 시간",
			HelpKo:  "멈춤 이벤트가 설정되는 시점입니다. 그 뒤 소비자들이 큐를 비웁니다."},
		{Name: "pdelay", Label: "Producer delay", Kind: Duration, Default: "50ms", Min: 0, Max: int64(2 * time.Second),
			Help:    "Pause before each put.",
			LabelKo: "생산자 지연",
			HelpKo:  "put하기 전마다 쉬는 시간입니다."},
		{Name: "cdelay", Label: "Consumer delay", Kind: Duration, Default: "100ms", Min: 0, Max: int64(2 * time.Second),
			Help:    "Pause after each get: the work of storing a message.",
			LabelKo: "소비자 지연",
			HelpKo:  "get한 뒤마다 쉬는 시간으로, 메시지를 저장하는 작업에 해당합니다."},
	},
	Source: prodcons.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := prodcons.Config{
			Buffer:        v.Int("buffer"),
			Producers:     v.Int("producers"),
			Consumers:     v.Int("consumers"),
			Duration:      v.Duration("duration"),
			ProducerDelay: v.Duration("pdelay"),
			ConsumerDelay: v.Duration("cdelay"),
		}
		r, err := prodcons.Run(ctx, cfg, rec)
		// A share of the producers' own time: the drain after they
		// stopped is the consumers' alone.
		blocked := 0.0
		if lived := time.Duration(cfg.Producers) * r.Producing; lived > 0 {
			blocked = 100 * float64(r.PutWait) / float64(lived)
		}
		return Result{Metrics: []Metric{
			{Name: "produced", Label: "Produced", LabelKo: "생산한 항목", Value: fmt.Sprint(r.Produced)},
			{Name: "consumed", Label: "Consumed", LabelKo: "소비한 항목", Value: fmt.Sprint(r.Consumed)},
			{Name: "left", Label: "Left in queue", LabelKo: "큐에 남은 항목", Value: fmt.Sprint(r.Left)},
			{Name: "maxlen", Label: "Most queued", LabelKo: "최대 큐 길이", Value: fmt.Sprintf("%d/%d", r.MaxQueueLen, cfg.Buffer)},
			{Name: "blocked", Label: "Producers blocked on put", LabelKo: "생산자가 put에서 블록된 시간", Value: fmt.Sprintf("%.0f%% (%s)", blocked, ms(r.PutWait)), Lesson: true},
			{Name: "maxwait", Label: "Longest put wait", LabelKo: "가장 긴 put 대기", Value: ms(r.MaxPutWait)},
			{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)},
		}}, err
	},
}
