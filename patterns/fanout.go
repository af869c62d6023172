package patterns

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"chanlab/patterns/pipeline"
	"chanlab/patterns/timeline"
)

var fanoutSpec = Spec{
	ID:     "fanout",
	Title:  "Closing queues, then fan-out",
	Topic:  Pipelines,
	Lesson: "One close ends every worker ranging over a queue, no sentinels needed; more workers in the slowest stage raise the throughput, until another stage is slowest.",
	Python: "ClosableQueue(Queue) with a sentinel close() and an __iter__ that stops at it; StoppableWorker threads, 3 download, 4 resize, 5 upload, one close() per worker",
	InGo:   "In Go close(ch) is the sentinel, built in: one close ends every worker ranging over the channel once it is drained, however many workers there are, where Python puts one sentinel per worker. The run owns the queues and closes each one only after every sender to it has returned, so no put can follow a close.",
	Params: []Param{
		{Name: "items", Label: "Items", Kind: Int, Default: "100", Min: 0, Max: 10000, Unit: "items",
			Help: "Items the run puts into the download queue."},
		{Name: "downloaders", Label: "Download workers", Kind: Int, Default: "3", Min: 1, Max: 16, Unit: "goroutines",
			Help: "Goroutines ranging over the download queue."},
		{Name: "resizers", Label: "Resize workers", Kind: Int, Default: "4", Min: 1, Max: 16, Unit: "goroutines",
			Help: "Goroutines ranging over the resize queue."},
		{Name: "uploaders", Label: "Upload workers", Kind: Int, Default: "5", Min: 1, Max: 16, Unit: "goroutines",
			Help: "Goroutines ranging over the upload queue."},
		{Name: "buffer", Label: "Buffer", Kind: Int, Default: "10", Min: 0, Max: 1000, Unit: "items",
			Help: "Capacity of each queue; 0 makes every put wait for a get."},
		{Name: "download", Label: "Download work", Kind: Duration, Default: "30ms", Min: 0, Max: int64(time.Second),
			Help: "Time a download worker spends on each item."},
		{Name: "resize", Label: "Resize work", Kind: Duration, Default: "40ms", Min: 0, Max: int64(time.Second),
			Help: "Time a resize worker spends on each item."},
		{Name: "upload", Label: "Upload work", Kind: Duration, Default: "50ms", Min: 0, Max: int64(time.Second),
			Help: "Time an upload worker spends on each item."},
	},
	Source: pipeline.FanOutSource,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := pipeline.Config{
			Items:       v.Int("items"),
			Downloaders: v.Int("downloaders"),
			Resizers:    v.Int("resizers"),
			Uploaders:   v.Int("uploaders"),
			Buffer:      v.Int("buffer"),
			Download:    v.Duration("download"),
			Resize:      v.Duration("resize"),
			Upload:      v.Duration("upload"),
		}
		r, err := pipeline.Run(ctx, cfg, rec)
		return Result{Metrics: []Metric{
			{Name: "finished", Label: "Items finished", Value: fmt.Sprintf("%d/%d", len(r.Done), cfg.Items), Lesson: true},
			{Name: "throughput", Label: "Throughput", Value: fmt.Sprintf("%.1f items/s", r.Throughput()), Lesson: true},
			{Name: "bottleneck", Label: "Slowest stage (workers ÷ work)", Value: bottleneck(cfg)},
			{Name: "exited", Label: "Workers exited", Value: fmt.Sprintf("%d/%d", r.Exited, r.Workers)},
			{Name: "elapsed", Label: "Elapsed", Value: r.Elapsed.Round(time.Millisecond).String()},
		}}, err
	},
}

// bottleneck names the stage(s) that can pass on the fewest items per
// second, workers ÷ work per item: the pipeline cannot go faster.
func bottleneck(cfg pipeline.Config) string {
	stages := []struct {
		name    string
		workers int
		work    time.Duration
	}{
		{"download", cfg.Downloaders, cfg.Download},
		{"resize", cfg.Resizers, cfg.Resize},
		{"upload", cfg.Uploaders, cfg.Upload},
	}
	least := math.Inf(1)
	var names []string
	for _, s := range stages {
		if s.work <= 0 {
			continue // no work: no limit
		}
		rate := float64(max(s.workers, 1)) / s.work.Seconds()
		switch {
		case rate < least*0.999:
			least, names = rate, []string{s.name}
		case rate <= least*1.001:
			names = append(names, s.name)
		}
	}
	if names == nil {
		return "none (no work)"
	}
	return fmt.Sprintf("%s: %.1f items/s", strings.Join(names, ", "), least)
}
