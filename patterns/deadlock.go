package patterns

import (
	"context"
	"fmt"

	"chanlab/patterns/deadlock"
	"chanlab/patterns/timeline"
)

var deadlockSpec = Spec{
	ID:     "deadlock",
	Title:  "Deadlock: get before anyone puts",
	Topic:  Deadlock,
	Lesson: "A get on an empty queue waits for a put that can never come: chanlab spots the stuck run, names who waits on what, and keeps working.",
	Python: "q = queue.Queue(); q.get() blocks forever, because the put comes only after it",
	InGo:   "Go makes the same mistake by waiting for the consumer before starting the producer. Go's runtime reports a deadlock only when the whole program is stuck, and then kills it; here every queue operation can be abandoned through ctx, so chanlab spots the stuck run and stops only that run. The fix starts the producer first, and the producer closes the queue after its last put.",
	Params: []Param{
		{Name: "items", Label: "Items", Kind: Int, Default: "3", Min: 1, Max: 1000, Unit: "items",
			Help: "How many items the consumer waits for."},
		{Name: "fixed", Label: "Fixed", Kind: Bool, Default: "off",
			Help: "Start the producer before waiting for the consumer: the fix."},
	},
	Source: deadlock.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := deadlock.Config{Items: v.Int("items")}
		run := deadlock.NaiveRun
		if v.Bool("fixed") {
			run = deadlock.Run
		}
		r, err := run(ctx, cfg, rec)
		return Result{Metrics: []Metric{
			{Name: "consumed", Label: "Items handed over", Value: fmt.Sprintf("%d of %d", r.Consumed, cfg.Items), Lesson: true},
			{Name: "produced", Label: "Produced", Value: fmt.Sprint(r.Produced)},
		}}, err
	},
}
