package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/async"
	"chanlab/patterns/timeline"
)

var asyncQueueSpec = Spec{
	ID:       "async-queue",
	Title:    "Async queue: producer and consumer, ended by close",
	Topic:    Async,
	Lesson:   "Closing the queue replaces the None sentinel: the consumer gets every item in order, its range loop ends, and both goroutines exit.",
	Python:   "a producer that awaits q.put(i) for each item, then q.put(None); a consumer looping on item = await q.get() until item is None",
	InGo:     "The producer, the queue's only sender, closes the channel after its last put instead of putting None, and the consumer's range loop ends once the queue is closed and drained. The close is not an item, so no value is reserved as the end marker, and one close reaches every consumer.",
	PythonKo: "각 항목마다 q.put(i)를 await하고 마지막에 q.put(None)을 넣는 생산자, item is None이 될 때까지 item = await q.get()을 반복하는 소비자",
	TitleKo:  "비동기 큐: close로 끝나는 생산자와 소비자",
	LessonKo: "큐를 닫는 것이 None 센티널을 대신합니다. 소비자는 모든 항목을 순서대로 받고, range 루프가 끝나며, 두 고루틴 모두 종료합니다.",
	InGoKo:   "큐의 유일한 송신자인 생산자가 None을 넣는 대신 마지막 put 뒤에 채널을 닫고, 소비자의 range 루프는 큐가 닫히고 비면 끝납니다. close는 항목이 아니므로 끝 표시로 예약해 둘 값이 없고, close 한 번이 모든 소비자에게 전해집니다.",
	Params: []Param{
		{Name: "items", Label: "Items", Kind: Int, Default: "10", Min: 0, Max: 10000, Unit: "items",
			Help:    "How many items the producer puts before it closes the queue.",
			LabelKo: "항목 수", UnitKo: "개",
			HelpKo: "생산자가 큐를 닫기 전에 put하는 항목의 수입니다."},
		{Name: "buffer", Label: "Buffer", Kind: Int, Default: "10", Min: 0, Max: 1000, Unit: "items",
			Help:    "Queue capacity (asyncio.Queue() has no limit); 0 makes every put wait for a get.",
			LabelKo: "버퍼", UnitKo: "개",
			HelpKo: "큐의 용량입니다(asyncio.Queue()에는 제한이 없습니다). 0이면 모든 put이 get을 기다립니다."},
		{Name: "pdelay", Label: "Producer delay", Kind: Duration, Default: "100ms", Min: 0, Max: int64(2 * time.Second),
			Help:    "Pause before each put.",
			LabelKo: "생산자 지연",
			HelpKo:  "put하기 전마다 쉬는 시간입니다."},
		{Name: "cdelay", Label: "Consumer delay", Kind: Duration, Default: "150ms", Min: 0, Max: int64(2 * time.Second),
			Help:    "Pause after each get: the work of processing an item.",
			LabelKo: "소비자 지연",
			HelpKo:  "get한 뒤마다 쉬는 시간으로, 항목을 처리하는 작업에 해당합니다."},
	},
	Source: async.QueueSource,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := async.QueueConfig{
			Items:         v.Int("items"),
			Buffer:        v.Int("buffer"),
			ProducerDelay: v.Duration("pdelay"),
			ConsumerDelay: v.Duration("cdelay"),
		}
		r, err := async.RunQueue(ctx, cfg, rec)
		// The lesson's three claims, each checked on the run: every item
		// got, in order, and the loop ended by the close.
		inOrder := true
		for i, item := range r.Consumed {
			inOrder = inOrder && item == i
		}
		return Result{Metrics: []Metric{
			{Name: "produced", Label: "Produced", LabelKo: "생산한 항목", Value: fmt.Sprint(r.Produced)},
			{Name: "consumed", Label: "Consumed", LabelKo: "소비한 항목", Value: fmt.Sprint(len(r.Consumed)), Lesson: true},
			{Name: "in-order", Label: "Consumed in the order put", LabelKo: "넣은 순서대로 소비", Value: yesNo(inOrder), ValueKo: yesNoKo(inOrder), Lesson: true},
			{Name: "ended-by-close", Label: "Consumer's loop ended by the close", LabelKo: "close로 끝난 소비자의 루프", Value: yesNo(r.Closed), ValueKo: yesNoKo(r.Closed), Lesson: true},
			{Name: "left", Label: "Left in queue", LabelKo: "큐에 남은 항목", Value: fmt.Sprint(r.Left)},
			{Name: "maxlen", Label: "Most queued", LabelKo: "최대 큐 길이", Value: fmt.Sprintf("%d/%d", r.MaxQueueLen, cfg.Buffer)},
			{Name: "exited", Label: "Goroutines exited", LabelKo: "종료한 고루틴", Value: fmt.Sprintf("%d/2", r.Exited)},
			{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)},
		}}, err
	},
}
