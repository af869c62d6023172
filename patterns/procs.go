package patterns

import (
	"context"
	"fmt"

	"chanlab/patterns/procs"
	"chanlab/patterns/timeline"
)

// The ways the processes lesson runs its workers.
const (
	procsGoroutines = iota
	procsProcesses
	procsCompare
)

var processesSpec = Spec{
	ID:       "processes",
	Title:    "Worker processes: results over a queue or pipes",
	Topic:    Processes,
	Lesson:   "Each worker sends its subtotal to the parent, over one shared queue or a pipe each, and the total is exactly workers × N; goroutines on the browser's one thread take turns, so they finish no sooner than one worker counting it all, while processes, each a Web Worker, count on every core at once.",
	Python:   "multiprocessing.Process workers counting to N and sending subtotals to the parent over a multiprocessing.Queue, then over a Pipe each",
	InGo:     "A worker is a goroutine; the queue is one results channel with room for every worker's result, and the pipes are one 1-buffered channel per worker, read in turn, so no worker ever waits to deliver. The parent receives exactly one subtotal per worker, as in Python; as processes, each worker is a Web Worker with its own Go runtime that sends its subtotal back as a message. Natively, Go's goroutines would count on every core at once, which CPython's threads under the GIL cannot; a Go program compiled to WebAssembly has one thread, so here only processes do.",
	PythonKo: "N까지 세고 부분합을 multiprocessing.Queue로, 그다음에는 워커마다 하나씩인 Pipe로 부모에게 보내는 multiprocessing.Process 워커",
	TitleKo:  "워커 프로세스: 큐나 파이프로 결과 보내기",
	LessonKo: "각 워커는 하나의 공유 큐나 워커마다 하나씩인 파이프로 부분합을 부모에게 보내고, 합계는 정확히 워커 수 × N입니다. 브라우저의 한 스레드에서 도는 고루틴들은 번갈아 실행되므로 워커 하나가 전부 세는 것보다 빨리 끝나지 않지만, 각각이 Web Worker인 프로세스들은 모든 코어에서 동시에 셉니다.",
	InGoKo:   "워커는 고루틴입니다. 큐는 모든 워커의 결과가 들어갈 자리가 있는 결과 채널 하나이고, 파이프는 워커마다 하나씩인 버퍼 1짜리 채널로 차례대로 읽으므로, 어떤 워커도 결과를 전하려고 기다리지 않습니다. 부모는 파이썬에서처럼 워커마다 정확히 하나의 부분합을 받습니다. 프로세스로 실행하면 각 워커는 자기 Go 런타임을 가진 Web Worker이고, 부분합을 메시지로 돌려보냅니다. 네이티브에서는 고루틴들이 모든 코어에서 동시에 셀 수 있지만 GIL 아래의 CPython 스레드는 그럴 수 없습니다. WebAssembly로 컴파일한 Go 프로그램은 스레드가 하나뿐이므로, 여기서는 프로세스만 그렇게 합니다.",
	Params: []Param{
		{Name: "workers", Label: "Workers", Kind: Int, Default: "4", Min: 1, Max: 16, Unit: "workers",
			Help:    "Workers, each counting to N; as processes, up to twice your cores is telling.",
			LabelKo: "워커", UnitKo: "개",
			HelpKo: "각자 N까지 세는 워커입니다. 프로세스라면 코어 수의 두 배까지가 눈여겨볼 만합니다."},
		{Name: "n", Label: "N", Kind: Int, Default: "50000000", Min: 0, Max: 2_000_000_000, Unit: "per worker",
			Help:    "How far each worker counts: real CPU work, about 1–2ns a count in the browser.",
			LabelKo: "N", UnitKo: "워커당",
			HelpKo: "각 워커가 세는 수입니다. 실제 CPU 작업으로, 브라우저에서 한 번 세는 데 1–2ns쯤 걸립니다."},
		{Name: "transport", Label: "Transport", Kind: Choice, Default: "queue", Choices: []string{"queue", "pipe"},
			Help:    "One shared results queue, or one pipe per worker read in turn.",
			LabelKo: "전달 방식",
			HelpKo:  "하나의 공유 결과 큐, 또는 워커마다 하나씩 차례로 읽는 파이프입니다."},
		{Name: "mode", Label: "Workers are", Kind: Choice, Default: "compare", Choices: []string{"goroutines", "processes", "compare"},
			Help:    "Goroutines on the run's one thread, processes (Web Workers, one thread each), or both in turn, compared.",
			LabelKo: "워커의 종류",
			HelpKo:  "run의 한 스레드에서 도는 고루틴, 프로세스(스레드가 하나씩인 Web Worker), 또는 둘을 차례로 실행해 비교합니다."},
	},
	Source: procs.Source + "\n" + procs.ProcessesSource,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := procs.Config{
			Workers:   v.Int("workers"),
			N:         v.Int("n"),
			Transport: procs.Transport(v.Int("transport")),
		}
		mode := v.Int("mode")
		var goroutines, processes procs.Result
		var err error
		if mode != procsProcesses {
			goroutines, err = procs.Run(ctx, cfg, rec)
		}
		if mode != procsGoroutines && err == nil {
			cfg.Processes = true
			processes, err = procs.Run(ctx, cfg, rec)
		}
		var m []Metric
		for _, r := range []struct {
			name, ko string
			ran      bool
			res      procs.Result
		}{{"goroutines", "고루틴", mode != procsProcesses, goroutines}, {"processes", "프로세스", mode != procsGoroutines, processes}} {
			if !r.ran {
				continue
			}
			m = append(m,
				Metric{Name: r.name + "-total", Label: "Total, " + r.name, LabelKo: "합계, " + r.ko, Value: fmt.Sprint(r.res.Total), Lesson: true},
				Metric{Name: r.name + "-elapsed", Label: "Elapsed, " + r.name, LabelKo: "경과 시간, " + r.ko, Value: ms(r.res.Elapsed)},
				Metric{Name: r.name + "-received", Label: "Subtotals received, " + r.name, LabelKo: "받은 부분합, " + r.ko, Value: fmt.Sprintf("%d/%d", r.res.Received, cfg.Workers)},
			)
		}
		m = append(m, Metric{Name: "expected", Label: "Workers × N", LabelKo: "워커 수 × N", Value: fmt.Sprint(cfg.Workers * cfg.N)})
		if mode == procsCompare {
			speedup := 0.0
			if processes.Elapsed > 0 {
				speedup = float64(goroutines.Elapsed) / float64(processes.Elapsed)
			}
			m = append(m, Metric{Name: "speedup", Label: "Processes' speed-up over goroutines", LabelKo: "고루틴 대비 프로세스의 속도 향상", Value: fmt.Sprintf("%.2f×", speedup), Lesson: true})
		}
		m = append(m, Metric{Name: "cores", Label: "Cores here", LabelKo: "이 기기의 코어 수", Value: fmt.Sprint(procs.Cores())})
		return Result{Metrics: m}, err
	},
}
