package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/async"
	"chanlab/patterns/timeline"
)

var asyncQueueSpec = Spec{
	ID:     "async-queue",
	Title:  "Async queue: producer and consumer, ended by close",
	Topic:  Async,
	Lesson: "Closing the queue replaces the None sentinel: the consumer gets every item in order, its range loop ends, and both goroutines exit.",
	Python: "a producer that awaits q.put(i) for each item, then q.put(None); a consumer looping on item = await q.get() until item is None",
	InGo:   "In Go the producer, the queue's only sender, closes the channel after its last put instead of putting None, and the consumer's range loop ends once the queue is closed and drained. The close is not an item, so no value is reserved as the end marker, and one close reaches every consumer.",
	Params: []Param{
		{Name: "items", Label: "Items", Kind: Int, Default: "10", Min: 0, Max: 10000, Unit: "items",
			Help: "How many items the producer puts before it closes the queue."},
		{Name: "buffer", Label: "Buffer", Kind: Int, Default: "10", Min: 0, Max: 1000, Unit: "items",
			Help: "Queue capacity (asyncio.Queue() has no limit); 0 makes every put wait for a get."},
		{Name: "pdelay", Label: "Producer delay", Kind: Duration, Default: "100ms", Min: 0, Max: int64(2 * time.Second),
			Help: "Pause before each put."},
		{Name: "cdelay", Label: "Consumer delay", Kind: Duration, Default: "150ms", Min: 0, Max: int64(2 * time.Second),
			Help: "Pause after each get: the work of processing an item."},
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
		return Result{Metrics: []Metric{
			{Name: "produced", Label: "Produced", Value: fmt.Sprint(r.Produced)},
			{Name: "consumed", Label: "Consumed", Value: fmt.Sprint(len(r.Consumed)), Lesson: true},
			{Name: "left", Label: "Left in queue", Value: fmt.Sprint(r.Left)},
			{Name: "maxlen", Label: "Most queued", Value: fmt.Sprintf("%d/%d", r.MaxQueueLen, cfg.Buffer)},
			{Name: "exited", Label: "Goroutines exited", Value: fmt.Sprintf("%d/2", r.Exited), Lesson: true},
			{Name: "elapsed", Label: "Elapsed", Value: r.Elapsed.Round(time.Millisecond).String()},
		}}, err
	},
}
