package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/queues"
	"chanlab/patterns/timeline"
)

var queuesSpec = Spec{
	ID:     "queues",
	Title:  "Queue semantics: get, a full put, and join",
	Topic:  ThreadsQueues,
	Lesson: "get waits for a put, a full queue makes put wait for a get, and join returns only once every item has been processed.",
	Python: "q = queue.Queue(1); workers loop item = q.get(), process it, q.task_done(); main puts 10 items, then q.join()",
	InGo:   "In Go the queue is a channel of capacity Buffer: a receive waits for a send, and a send into a full buffer waits for a receive. task_done and join become structure: main closes the queue after its last put, each worker's range loop ends once the queue is drained, and waiting for the workers to return is the join, with no counter to forget.",
	Params: []Param{
		{Name: "buffer", Label: "Buffer", Kind: Int, Default: "1", Min: 0, Max: 100, Unit: "items",
			Help: "Queue capacity (Python's maxsize); 0 makes every put wait for a get."},
		{Name: "items", Label: "Items", Kind: Int, Default: "10", Min: 1, Max: 1000, Unit: "items",
			Help: "Items main puts, numbered from 0."},
		{Name: "consumers", Label: "Workers", Kind: Int, Default: "1", Min: 1, Max: 16, Unit: "goroutines",
			Help: "Goroutines getting and processing items; with one, items are processed in the order put."},
		{Name: "pdelay", Label: "Producer delay", Kind: Duration, Default: "0ms", Min: 0, Max: int64(2 * time.Second),
			Help: "main's pause before each put."},
		{Name: "cdelay", Label: "Processing time", Kind: Duration, Default: "100ms", Min: 0, Max: int64(2 * time.Second),
			Help: "How long a worker takes to process one item."},
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
		join := "stopped before join"
		if err == nil {
			join = fmt.Sprintf("at %s, %s after the last item was done",
				r.Joined.Round(time.Millisecond), (r.Joined - r.LastDone).Round(time.Millisecond))
		}
		return Result{Metrics: []Metric{
			{Name: "put", Label: "Items put", Value: fmt.Sprintf("%d/%d", r.Put, cfg.Items)},
			{Name: "processed", Label: "Items processed", Value: fmt.Sprint(r.Processed)},
			{Name: "left", Label: "Left in queue", Value: fmt.Sprint(r.Left)},
			{Name: "maxlen", Label: "Most queued", Value: fmt.Sprintf("%d/%d", r.MaxQueueLen, cfg.Buffer)},
			{Name: "blocked", Label: "main blocked on put", Value: fmt.Sprintf("%s (%.0f%% of the run)", r.Blocked.Round(time.Millisecond), blocked), Lesson: true},
			{Name: "join", Label: "join returned", Value: join},
			{Name: "elapsed", Label: "Elapsed", Value: r.Elapsed.Round(time.Millisecond).String()},
		}}, err
	},
}
