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
	ID:       "polling",
	Title:    "Busy polling vs blocking queues",
	Topic:    Pipelines,
	Lesson:   "A worker polling an empty queue wakes up again and again for nothing; on a blocking queue it sleeps until an item arrives, so it never polls.",
	Python:   "a deque guarded by a Lock whose get raises IndexError when empty; download → resize → upload worker threads poll it, sleep(0.01) when empty",
	InGo:     "Go keeps the Python version as naivePipeline, a mutex-guarded slice whose TryGet fails when it is empty, and counts the empty polls. The fix puts the same stages on channels: a worker with nothing to do is parked in its receive until an item arrives, and each worker closes its output once its input is closed and drained, so the run ends by itself instead of polling the done queue and cancelling the workers.",
	PythonKo: "Lock으로 보호되고 비어 있으면 get이 IndexError를 일으키는 deque, 이 deque를 폴링하다가 비어 있으면 sleep(0.01)하는 download → resize → upload 워커 스레드",
	TitleKo:  "바쁜 폴링과 블로킹 큐",
	LessonKo: "빈 큐를 폴링하는 워커는 할 일도 없이 계속 깨어납니다. 블로킹 큐에서는 항목이 올 때까지 잠들어 있으므로 폴링을 전혀 하지 않습니다.",
	InGoKo:   "Go는 파이썬 버전을 naivePipeline으로 남겨 둡니다. 뮤텍스로 보호되는 슬라이스로, 비어 있으면 TryGet이 실패하고, 빈 폴링 횟수를 셉니다. 고친 버전은 같은 단계들을 채널 위에 올립니다. 할 일이 없는 워커는 항목이 올 때까지 수신에서 대기하고, 각 워커는 입력이 닫히고 비워지면 자기 출력을 닫습니다. 그래서 done 큐를 폴링하다가 워커들을 취소하지 않아도 실행이 저절로 끝납니다.",
	Params: []Param{
		{Name: "queue", Label: "Queue", Kind: Choice, Default: "polling", Choices: []string{"polling", "blocking"},
			Help:    "polling: Python's try-get-else-sleep loop; blocking: a channel whose get waits for an item.",
			LabelKo: "큐",
			HelpKo:  "polling: 파이썬처럼 get을 시도하고 비어 있으면 잠드는 루프, blocking: get이 항목을 기다리는 채널입니다."},
		{Name: "items", Label: "Items", Kind: Int, Default: "50", Min: 0, Max: 1000, Unit: "items",
			Help:    "Items put into the download queue at the start.",
			LabelKo: "항목 수", UnitKo: "개",
			HelpKo: "시작할 때 다운로드 큐에 넣는 항목의 수입니다."},
		{Name: "poll", Label: "Poll interval", Kind: Duration, Default: "10ms", Min: int64(time.Millisecond), Max: int64(time.Second),
			Help:    "A polling worker's sleep after finding its queue empty; shorter wastes more wake-ups, longer delays items.",
			LabelKo: "폴링 간격",
			HelpKo:  "폴링하는 워커가 빈 큐를 보고 잠드는 시간입니다. 짧을수록 헛되이 깨어나는 일이 늘고, 길수록 항목이 늦어집니다."},
		{Name: "download", Label: "Download work", Kind: Duration, Default: "20ms", Min: 0, Max: int64(time.Second),
			Help:    "Time the download worker spends on each item; slower than the rest, so they wait.",
			LabelKo: "다운로드 작업",
			HelpKo:  "다운로드 워커가 항목마다 쓰는 시간입니다. 다른 단계보다 느려서 나머지가 기다립니다."},
		{Name: "resize", Label: "Resize work", Kind: Duration, Default: "10ms", Min: 0, Max: int64(time.Second),
			Help:    "Time the resize worker spends on each item.",
			LabelKo: "리사이즈 작업",
			HelpKo:  "리사이즈 워커가 항목마다 쓰는 시간입니다."},
		{Name: "upload", Label: "Upload work", Kind: Duration, Default: "10ms", Min: 0, Max: int64(time.Second),
			Help:    "Time the upload worker spends on each item.",
			LabelKo: "업로드 작업",
			HelpKo:  "업로드 워커가 항목마다 쓰는 시간입니다."},
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
			{Name: "polls", Label: "Empty polls (wasted wake-ups)", LabelKo: "빈 폴링(헛된 깨어남)", Value: fmt.Sprint(r.Polls()), Lesson: true},
			{Name: "items", Label: "Items through all stages", LabelKo: "모든 단계를 거친 항목", Value: fmt.Sprint(len(r.Done))},
			{Name: "wakeups", Label: "Wake-ups (looks at an input queue)", LabelKo: "깨어난 횟수(입력 큐를 확인)", Value: fmt.Sprint(r.Wakeups())},
			{Name: "polls-by-stage", Label: "Empty polls by stage", LabelKo: "단계별 빈 폴링", Value: strings.Join(byStage, " · ")},
			{Name: "run-polls", Label: "Run's polls of the done queue", LabelKo: "run이 done 큐를 폴링한 횟수", Value: fmt.Sprint(r.RunPolls)},
			{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)},
		}}, err
	},
}
