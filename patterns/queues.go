package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/queues"
	"chanlab/patterns/timeline"
)

var queuesSpec = Spec{
	ID:       "queues",
	Title:    "Queue semantics: get, a full put, and join",
	Topic:    ThreadsQueues,
	Lesson:   "get waits for a put, a full queue makes put wait for a get, and join returns only once every item has been processed.",
	Python:   "q = queue.Queue(maxsize); workers loop item = q.get(), process it, q.task_done(); main puts the items, then q.join()",
	InGo:     "The queue is a channel of capacity Buffer: a receive waits for a send, and a send into a full buffer waits for a receive. task_done and join become structure: main closes the queue after its last put, each worker's range loop ends once the queue is drained, and waiting for the workers to return is the join, with no counter to forget. It also ends them, where Python's q.join() returns with its daemon workers still blocked in get().",
	PythonKo: "q = queue.Queue(maxsize); 워커는 item = q.get()으로 꺼내 처리하고 q.task_done()을 반복, main은 항목들을 put한 뒤 q.join()",
	TitleKo:  "큐의 동작: get, 가득 찬 큐의 put, 그리고 join",
	LessonKo: "get은 put을 기다리고, 큐가 가득 차면 put이 get을 기다리며, join은 모든 항목이 처리된 뒤에야 반환합니다.",
	InGoKo:   "큐는 용량이 Buffer인 채널입니다. 수신은 송신을 기다리고, 가득 찬 버퍼로의 송신은 수신을 기다립니다. task_done과 join은 코드의 구조가 됩니다. main은 마지막 put 뒤에 큐를 닫고, 각 워커의 range 루프는 큐가 비면 끝나며, 워커들이 반환하기를 기다리는 것이 곧 join입니다. 깜빡 잊을 카운터가 없습니다. 파이썬의 q.join()은 데몬 워커들이 get()에서 블록된 채로 반환하지만, 이 방식은 워커들도 끝냅니다.",
	Params: []Param{
		{Name: "buffer", Label: "Buffer", Kind: Int, Default: "1", Min: 0, Max: 100, Unit: "items",
			Help:    "Queue capacity (Python's maxsize); 0 is an unbuffered channel, where every put waits for a get (Python's maxsize=0 is unbounded).",
			LabelKo: "버퍼", UnitKo: "개",
			HelpKo: "큐의 용량(파이썬의 maxsize)입니다. 0이면 버퍼 없는 채널이라 모든 put이 get을 기다립니다(파이썬에서 maxsize=0은 무제한입니다)."},
		{Name: "items", Label: "Items", Kind: Int, Default: "10", Min: 1, Max: 1000, Unit: "items",
			Help:    "Items main puts, numbered from 0.",
			LabelKo: "항목 수", UnitKo: "개",
			HelpKo: "main이 put하는 항목의 수입니다. 번호는 0부터 붙습니다."},
		{Name: "consumers", Label: "Workers", Kind: Int, Default: "1", Min: 1, Max: 16, Unit: "goroutines",
			Help:    "Goroutines getting and processing items; with one, items are processed in the order put.",
			LabelKo: "워커", UnitKo: "고루틴",
			HelpKo: "항목을 get해서 처리하는 고루틴입니다. 하나뿐이면 put한 순서대로 처리됩니다."},
		{Name: "pdelay", Label: "Producer delay", Kind: Duration, Default: "0ms", Min: 0, Max: int64(2 * time.Second),
			Help:    "main's pause before each put.",
			LabelKo: "생산자 지연",
			HelpKo:  "put하기 전마다 main이 쉬는 시간입니다."},
		{Name: "cdelay", Label: "Processing time", Kind: Duration, Default: "100ms", Min: 0, Max: int64(2 * time.Second),
			Help:    "How long a worker takes to process one item.",
			LabelKo: "처리 시간",
			HelpKo:  "워커가 항목 하나를 처리하는 데 걸리는 시간입니다."},
	},
	Source: queues.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := queues.Config{
			Buffer:        v.Int("buffer"),
			Items:         v.Int("items"),
			Consumers:     v.Int("consumers"),
			ProducerDelay: v.Duration("pdelay"),
			ConsumerDelay: v.Duration("cdelay"),
		}
		r, err := queues.Run(ctx, cfg, rec)
		blocked := 0.0
		if r.Elapsed > 0 {
			blocked = 100 * float64(r.Blocked) / float64(r.Elapsed)
		}
		join, joinKo := "stopped before join", "join 전에 멈춤"
		if err == nil {
			at, after := ms(r.Joined), ms(r.Joined-r.LastDone)
			join = fmt.Sprintf("at %s, %s after the last item was done", at, after)
			joinKo = fmt.Sprintf("%s 시점, 마지막 항목을 처리하고 %s 뒤", at, after)
		}
		return Result{Metrics: []Metric{
			{Name: "put", Label: "Items put", LabelKo: "put한 항목", Value: fmt.Sprintf("%d/%d", r.Put, cfg.Items)},
			{Name: "processed", Label: "Items processed", LabelKo: "처리한 항목", Value: fmt.Sprint(r.Processed)},
			{Name: "left", Label: "Left in queue", LabelKo: "큐에 남은 항목", Value: fmt.Sprint(r.Left)},
			{Name: "maxlen", Label: "Most queued", LabelKo: "최대 큐 길이", Value: fmt.Sprintf("%d/%d", r.MaxQueueLen, cfg.Buffer)},
			{Name: "blocked", Label: "main blocked on put", LabelKo: "main이 put에서 블록된 시간", Value: fmt.Sprintf("%s (%.0f%% of the run)", ms(r.Blocked), blocked),
				ValueKo: fmt.Sprintf("%s (실행 시간의 %.0f%%)", ms(r.Blocked), blocked), Lesson: true},
			{Name: "join", Label: "join returned", LabelKo: "join이 반환한 시점", Value: join, ValueKo: joinKo},
			{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)},
		}}, err
	},
}
