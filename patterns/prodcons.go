package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/prodcons"
	"chanlab/patterns/timeline"
)

var prodconsSpec = Spec{
	ID:     "prodcons",
	Title:  "Producer/consumer with a bounded queue",
	Topic:  ThreadsQueues,
	Lesson: "A full queue holds producers back: the smaller the buffer, the longer they wait on put.",
	Python: "queue.Queue(maxsize=10), a threading.Event to stop, and a consumer that drains the queue",
	InGo:   "In Go the queue is a channel of capacity Buffer, so a put on a full queue blocks, as in Python. The stop event is a context whose deadline is the run duration; once every producer has returned, the run, which owns the queue, closes it, and the consumers' range loops drain it and end: no event check and no sentinel.",
	Params: []Param{
		{Name: "buffer", Label: "Buffer", Kind: Int, Default: "10", Min: 0, Max: 1000, Unit: "items",
			Help: "Queue capacity (Python's maxsize); 0 makes every put wait for a get."},
		{Name: "producers", Label: "Producers", Kind: Int, Default: "1", Min: 1, Max: 16, Unit: "goroutines",
			Help: "Goroutines putting random messages 1–11."},
		{Name: "consumers", Label: "Consumers", Kind: Int, Default: "1", Min: 1, Max: 16, Unit: "goroutines",
			Help: "Goroutines getting and storing messages."},
		{Name: "duration", Label: "Run duration", Kind: Duration, Default: "3s", Min: 0, Max: int64(60 * time.Second),
			Help: "When the stop event is set; consumers then drain the queue."},
		{Name: "pdelay", Label: "Producer delay", Kind: Duration, Default: "50ms", Min: 0, Max: int64(2 * time.Second),
			Help: "Pause before each put."},
		{Name: "cdelay", Label: "Consumer delay", Kind: Duration, Default: "100ms", Min: 0, Max: int64(2 * time.Second),
			Help: "Pause after each get: the work of storing a message."},
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
		blocked := 0.0
		if busy := time.Duration(cfg.Producers) * r.Elapsed; busy > 0 {
			blocked = 100 * float64(r.PutWait) / float64(busy)
		}
		return Result{Metrics: []Metric{
			{Name: "produced", Label: "Produced", Value: fmt.Sprint(r.Produced)},
			{Name: "consumed", Label: "Consumed", Value: fmt.Sprint(r.Consumed)},
			{Name: "left", Label: "Left in queue", Value: fmt.Sprint(r.Left)},
			{Name: "maxlen", Label: "Most queued", Value: fmt.Sprintf("%d/%d", r.MaxQueueLen, cfg.Buffer)},
			{Name: "blocked", Label: "Producers blocked on put", Value: fmt.Sprintf("%.0f%% (%s)", blocked, r.PutWait.Round(time.Millisecond)), Lesson: true},
			{Name: "maxwait", Label: "Longest put wait", Value: r.MaxPutWait.Round(time.Millisecond).String()},
			{Name: "elapsed", Label: "Elapsed", Value: r.Elapsed.Round(time.Millisecond).String()},
		}}, err
	},
}
