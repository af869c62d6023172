package patterns

import (
	"context"
	"fmt"
	"strings"
	"time"

	"chanlab/patterns/pipeline"
	"chanlab/patterns/timeline"
)

var pollingSpec = Spec{
	ID:     "polling",
	Title:  "Busy polling vs blocking queues",
	Topic:  Pipelines,
	Lesson: "A worker polling an empty queue wakes up again and again for nothing; on a blocking queue it sleeps until an item arrives, so it never polls.",
	Python: "a deque guarded by a Lock whose get raises IndexError when empty; download → resize → upload worker threads poll it, sleep(0.01) when empty",
	InGo:   "Go keeps the Python version as naivePipeline, a mutex-guarded slice whose TryGet fails when it is empty, and counts the empty polls. The fix puts the same stages on channels: a worker with nothing to do is parked in its receive until an item arrives, and each worker closes its output once its input is closed and drained, so the run ends by itself instead of polling the done queue and cancelling the workers.",
	Params: []Param{
		{Name: "queue", Label: "Queue", Kind: Choice, Default: "polling", Choices: []string{"polling", "blocking"},
			Help: "polling: Python's try-get-else-sleep loop; blocking: a channel whose get waits for an item."},
		{Name: "items", Label: "Items", Kind: Int, Default: "50", Min: 0, Max: 1000, Unit: "items",
			Help: "Items put into the download queue at the start."},
		{Name: "poll", Label: "Poll interval", Kind: Duration, Default: "10ms", Min: int64(time.Millisecond), Max: int64(time.Second),
			Help: "A polling worker's sleep after finding its queue empty; shorter wastes more wake-ups, longer delays items."},
		{Name: "download", Label: "Download work", Kind: Duration, Default: "20ms", Min: 0, Max: int64(time.Second),
			Help: "Time the download worker spends on each item; slower than the rest, so they wait."},
		{Name: "resize", Label: "Resize work", Kind: Duration, Default: "10ms", Min: 0, Max: int64(time.Second),
			Help: "Time the resize worker spends on each item."},
		{Name: "upload", Label: "Upload work", Kind: Duration, Default: "10ms", Min: 0, Max: int64(time.Second),
			Help: "Time the upload worker spends on each item."},
	},
	Source: pipeline.PollingSource,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := pipeline.PollingConfig{
			Items:        v.Int("items"),
			Download:     v.Duration("download"),
			Resize:       v.Duration("resize"),
			Upload:       v.Duration("upload"),
			PollInterval: v.Duration("poll"),
			Blocking:     v.Int("queue") == 1,
		}
		r, err := pipeline.RunPolling(ctx, cfg, rec)
		var byStage []string
		for _, s := range r.Stages {
			byStage = append(byStage, fmt.Sprintf("%s %d", s.Name, s.Polls))
		}
		return Result{Metrics: []Metric{
			{Name: "polls", Label: "Empty polls (wasted wake-ups)", Value: fmt.Sprint(r.Polls()), Lesson: true},
			{Name: "items", Label: "Items through all stages", Value: fmt.Sprint(len(r.Done))},
			{Name: "wakeups", Label: "Wake-ups (looks at an input queue)", Value: fmt.Sprint(r.Wakeups())},
			{Name: "polls-by-stage", Label: "Empty polls by stage", Value: strings.Join(byStage, " · ")},
			{Name: "run-polls", Label: "Run's polls of the done queue", Value: fmt.Sprint(r.RunPolls)},
			{Name: "elapsed", Label: "Elapsed", Value: r.Elapsed.Round(time.Millisecond).String()},
		}}, err
	},
}
