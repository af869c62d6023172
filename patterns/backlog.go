package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/backlog"
	"chanlab/patterns/timeline"
)

var unboundedSpec = Spec{
	ID:     "unbounded",
	Title:  "Unbounded queue with a slow consumer",
	Topic:  Pipelines,
	Lesson: "Without a bound a fast producer never waits, so the backlog, and the memory it holds, grows for as long as the run lasts; a bound holds the producer to the consumer's pace.",
	Python: "queue.Queue() with no maxsize between a fast producer and a slow consumer; then Queue(maxsize=n)",
	InGo:   "Go has no unbounded channel: the bounded queue is a channel of capacity Bound, and the unbounded one is a goroutine that owns a growing slice between an in and an out channel. It always receives, and offers its oldest item on out only while it holds one; otherwise its send channel is nil, and a nil channel is never ready in a select.",
	Params: []Param{
		{Name: "bound", Label: "Bound", Kind: Int, Default: "0", Min: 0, Max: 1000, Unit: "items",
			Help: "Queue capacity (Python's maxsize); 0 is unbounded: a goroutine holding a growing slice."},
		{Name: "duration", Label: "Run duration", Kind: Duration, Default: "5s", Min: 0, Max: int64(20 * time.Second),
			Help: "How long the producer produces; then the run stops (or drains)."},
		{Name: "pdelay", Label: "Producer delay", Kind: Duration, Default: "10ms", Min: int64(time.Millisecond), Max: int64(2 * time.Second),
			Help: "Pause before each item: 10ms is 100 items/s."},
		{Name: "cdelay", Label: "Consumer delay", Kind: Duration, Default: "50ms", Min: 0, Max: int64(2 * time.Second),
			Help: "Work per item taken: 50ms is 20 items/s."},
		{Name: "size", Label: "Item size", Kind: Int, Default: "1024", Min: 0, Max: 8192, Unit: "bytes",
			Help: "Payload bytes per item, which the backlog keeps alive."},
		{Name: "drain", Label: "Drain", Kind: Bool, Default: "off",
			Help: "After the duration, let the consumer work off the backlog (slow with no bound)."},
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
			{Name: "produced", Label: "Produced", Value: fmt.Sprint(r.Produced)},
			{Name: "consumed", Label: "Consumed", Value: fmt.Sprint(r.Consumed)},
			{Name: "left", Label: "Left held", Value: fmt.Sprint(r.Left)},
			{Name: "max-held", Label: "Most items held", Value: held, Lesson: true},
			{Name: "max-bytes", Label: "Most bytes held", Value: unboundedBytes(r.MaxBytes), Lesson: true},
			{Name: "blocked", Label: "Producer waiting on put", Value: fmt.Sprintf("%.0f%% (%s)", blocked, r.Blocked.Round(time.Millisecond))},
			{Name: "elapsed", Label: "Elapsed", Value: r.Elapsed.Round(time.Millisecond).String()},
		}}, err
	},
}

// unboundedBytes writes n bytes for people: 640 B, 412.0 KiB, 3.5 MiB.
func unboundedBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
