package patterns

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"chanlab/i18n"
	"chanlab/patterns/pipeline"
	"chanlab/patterns/timeline"
)

var fanoutSpec = Spec{
	ID:       "fanout",
	Title:    "Closing queues, then fan-out",
	Topic:    Pipelines,
	Lesson:   "One close ends every worker ranging over a queue, no sentinels needed; more workers in the slowest stage raise the throughput, until another stage is slowest.",
	Python:   "ClosableQueue(Queue) with a sentinel close() and an __iter__ that stops at it; StoppableWorker threads, 3 download, 4 resize, 5 upload, one close() per worker",
	InGo:     "close(ch) is the sentinel, built in: one close ends every worker ranging over the channel once it is drained, however many workers there are, where the course's Python puts one sentinel per worker (Python 3.13 adds Queue.shutdown(), which is Go's close). A queue is closed only once every sender to it has returned: the download queue by main, its only sender, the others by the run after the stage that feeds them, so no put can follow a close.",
	PythonKo: "센티널을 넣는 close()와 센티널에서 멈추는 __iter__를 가진 ClosableQueue(Queue), StoppableWorker 스레드(download 3개, resize 4개, upload 5개), 워커마다 close() 한 번씩",
	TitleKo:  "큐 닫기, 그리고 팬아웃",
	LessonKo: "close 한 번이면 큐를 range로 도는 모든 워커가 끝나고 센티널은 필요 없습니다. 가장 느린 단계에 워커를 늘리면 처리량이 오르지만, 다른 단계가 가장 느린 단계가 되면 더는 오르지 않습니다.",
	InGoKo:   "close(ch)가 언어에 내장된 센티널입니다. 강의의 파이썬은 워커마다 센티널을 하나씩 넣지만(파이썬 3.13에는 Go의 close에 해당하는 Queue.shutdown()이 생겼습니다), Go에서는 워커가 몇 개든 close 한 번으로 채널을 range로 도는 모든 워커가 채널이 비는 대로 끝납니다. 큐는 그 큐에 보내는 모든 송신자가 반환한 뒤에만 닫힙니다. download 큐는 유일한 송신자인 main이, 나머지는 그 큐를 채우는 단계가 끝난 뒤 run이 닫으므로, close 뒤에 put이 오는 일은 없습니다.",
	Params: []Param{
		{Name: "items", Label: "Items", Kind: Int, Default: "100", Min: 0, Max: 10000, Unit: "items",
			Help:    "Items the run puts into the download queue.",
			LabelKo: "항목 수", UnitKo: "개",
			HelpKo: "run이 다운로드 큐에 넣는 항목의 수입니다."},
		{Name: "downloaders", Label: "Download workers", Kind: Int, Default: "3", Min: 1, Max: 16, Unit: "goroutines",
			Help:    "Goroutines ranging over the download queue.",
			LabelKo: "다운로드 워커", UnitKo: "고루틴",
			HelpKo: "다운로드 큐를 range로 도는 고루틴입니다."},
		{Name: "resizers", Label: "Resize workers", Kind: Int, Default: "4", Min: 1, Max: 16, Unit: "goroutines",
			Help:    "Goroutines ranging over the resize queue.",
			LabelKo: "리사이즈 워커", UnitKo: "고루틴",
			HelpKo: "리사이즈 큐를 range로 도는 고루틴입니다."},
		{Name: "uploaders", Label: "Upload workers", Kind: Int, Default: "5", Min: 1, Max: 16, Unit: "goroutines",
			Help:    "Goroutines ranging over the upload queue.",
			LabelKo: "업로드 워커", UnitKo: "고루틴",
			HelpKo: "업로드 큐를 range로 도는 고루틴입니다."},
		{Name: "buffer", Label: "Buffer", Kind: Int, Default: "10", Min: 0, Max: 1000, Unit: "items",
			Help:    "Capacity of each queue; 0 makes every put wait for a get.",
			LabelKo: "버퍼", UnitKo: "개",
			HelpKo: "각 큐의 용량입니다. 0이면 모든 put이 get을 기다립니다."},
		{Name: "download", Label: "Download work", Kind: Duration, Default: "30ms", Min: 0, Max: int64(time.Second),
			Help:    "Time a download worker spends on each item.",
			LabelKo: "다운로드 작업",
			HelpKo:  "다운로드 워커가 항목마다 쓰는 시간입니다."},
		{Name: "resize", Label: "Resize work", Kind: Duration, Default: "40ms", Min: 0, Max: int64(time.Second),
			Help:    "Time a resize worker spends on each item.",
			LabelKo: "리사이즈 작업",
			HelpKo:  "리사이즈 워커가 항목마다 쓰는 시간입니다."},
		{Name: "upload", Label: "Upload work", Kind: Duration, Default: "50ms", Min: 0, Max: int64(time.Second),
			Help:    "Time an upload worker spends on each item.",
			LabelKo: "업로드 작업",
			HelpKo:  "업로드 워커가 항목마다 쓰는 시간입니다."},
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
			{Name: "finished", Label: "Items finished", LabelKo: "끝난 항목", Value: fmt.Sprintf("%d/%d", len(r.Done), cfg.Items), Lesson: true},
			{Name: "throughput", Label: "Throughput", LabelKo: "처리량", Value: fmt.Sprintf("%.1f items/s", r.Throughput()),
				ValueKo: fmt.Sprintf("초당 %.1f개", r.Throughput()), Lesson: true},
			{Name: "bottleneck", Label: "Slowest stage (workers ÷ work)", LabelKo: "가장 느린 단계(워커 수 ÷ 작업 시간)", Value: bottleneck(cfg, i18n.En), ValueKo: bottleneck(cfg, i18n.Ko)},
			{Name: "exited", Label: "Workers exited", LabelKo: "종료한 워커", Value: fmt.Sprintf("%d/%d", r.Exited, r.Workers)},
			{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)},
		}}, err
	},
}

// bottleneck names the stage(s) that can pass on the fewest items per
// second, workers ÷ work per item: the pipeline cannot go faster. The
// stages' names are the goroutines', in every language.
func bottleneck(cfg pipeline.Config, l i18n.Lang) string {
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
	switch {
	case names == nil && l == i18n.Ko:
		return "없음(작업 없음)"
	case names == nil:
		return "none (no work)"
	case l == i18n.Ko:
		return fmt.Sprintf("%s: 초당 %.1f개", strings.Join(names, ", "), least)
	}
	return fmt.Sprintf("%s: %.1f items/s", strings.Join(names, ", "), least)
}
