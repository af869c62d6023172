package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/events"
	"chanlab/patterns/timeline"
)

var eventsSpec = Spec{
	ID:       "events",
	Title:    "Events, timers and intervals",
	Topic:    LocksEvents,
	Lesson:   "Closing a channel sets the event for every waiter at once; a timed wait gives up at each timeout and waits again, so it counts about set delay ÷ timeout timeouts.",
	Python:   "threading.Event with wait(), wait(timeout) and set(); threading.Timer(d, f) and cancel(); a thread repeating work every interval until a stop event",
	InGo:     "An event is a channel that is closed once: close(event) is set(), <-event is wait(), and one close wakes every waiter. A timed wait is a select on the event and a timer; threading.Timer is time.AfterFunc, which the setter stops when it sets the event; the interval is a time.Ticker in a for-select loop that ends when its context is done.",
	PythonKo: "wait(), wait(timeout), set()을 쓰는 threading.Event, threading.Timer(d, f)와 cancel(), 멈춤 이벤트가 올 때까지 인터벌마다 작업을 반복하는 스레드",
	TitleKo:  "이벤트, 타이머, 인터벌",
	LessonKo: "채널을 닫으면 기다리는 모든 고루틴에게 한꺼번에 이벤트가 설정됩니다. 타임아웃이 있는 대기는 타임아웃마다 포기했다가 다시 기다리므로, 타임아웃 횟수는 대략 설정 지연 ÷ 타임아웃입니다.",
	InGoKo:   "이벤트는 한 번 닫히는 채널입니다. close(event)가 set(), <-event가 wait()이고, close 한 번이 기다리는 모두를 깨웁니다. 타임아웃이 있는 대기는 이벤트와 타이머에 대한 select입니다. threading.Timer는 time.AfterFunc이며 이벤트를 설정하는 고루틴이 설정할 때 타이머를 멈춥니다. 인터벌은 for-select 루프 안의 time.Ticker로, 컨텍스트가 끝나면 멈춥니다.",
	Params: []Param{
		{Name: "waiters", Label: "Waiters", Kind: Int, Default: "2", Min: 0, Max: 16, Unit: "goroutines",
			Help:    "Goroutines that wait for the event with no timeout: e.wait().",
			LabelKo: "대기자", UnitKo: "고루틴",
			HelpKo: "타임아웃 없이 이벤트를 기다리는 고루틴입니다: e.wait()."},
		{Name: "timed", Label: "Timed waiters", Kind: Int, Default: "2", Min: 0, Max: 16, Unit: "goroutines",
			Help:    "Goroutines that wait with a timeout in a loop, counting timeouts: while not e.wait(timeout).",
			LabelKo: "타임아웃 대기자", UnitKo: "고루틴",
			HelpKo: "루프 안에서 타임아웃을 두고 기다리며 타임아웃 횟수를 세는 고루틴입니다: while not e.wait(timeout)."},
		{Name: "timeout", Label: "Wait timeout", Kind: Duration, Default: "200ms", Min: int64(10 * time.Millisecond), Max: int64(5 * time.Second),
			Help:    "How long each timed wait lasts before it gives up and waits again.",
			LabelKo: "대기 타임아웃",
			HelpKo:  "타임아웃이 있는 대기가 포기하고 다시 기다리기까지의 시간입니다."},
		{Name: "set", Label: "Set delay", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help:    "When the setter sets the event, waking every waiter.",
			LabelKo: "설정 지연",
			HelpKo:  "이벤트를 설정해 모든 대기자를 깨우는 시점입니다."},
		{Name: "timer", Label: "Timer delay", Kind: Duration, Default: "500ms", Min: 0, Max: int64(10 * time.Second),
			Help:    "When the timer fires, unless the event is set first: the setter then cancels it.",
			LabelKo: "타이머 지연",
			HelpKo:  "타이머가 울리는 시점입니다. 그 전에 이벤트가 설정되면 설정한 고루틴이 타이머를 취소합니다."},
		{Name: "interval", Label: "Interval", Kind: Duration, Default: "100ms", Min: int64(10 * time.Millisecond), Max: int64(2 * time.Second),
			Help:    "Time between the ticks of the repeating interval.",
			LabelKo: "인터벌",
			HelpKo:  "반복 인터벌의 틱 사이 시간입니다."},
		{Name: "duration", Label: "Interval duration", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help:    "When the interval is stopped.",
			LabelKo: "인터벌 지속 시간",
			HelpKo:  "인터벌을 멈추는 시점입니다."},
	},
	Source: events.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := events.Config{
			Waiters:      v.Int("waiters"),
			TimedWaiters: v.Int("timed"),
			WaitTimeout:  v.Duration("timeout"),
			SetDelay:     v.Duration("set"),
			TimerDelay:   v.Duration("timer"),
			Interval:     v.Duration("interval"),
			Duration:     v.Duration("duration"),
		}
		r, err := events.Run(ctx, cfg, rec)

		setAt, setAtKo := "not set", "설정되지 않음"
		if r.Set {
			setAt, setAtKo = ms(r.SetAt), ""
		}
		woke, timeouts := 0, 0
		fewest, most := -1, 0 // timeouts of one timed waiter
		var lag time.Duration
		for _, w := range r.Waiters {
			timeouts += w.Timeouts
			if w.Timed {
				if fewest < 0 || w.Timeouts < fewest {
					fewest = w.Timeouts
				}
				most = max(most, w.Timeouts)
			}
			if w.Set {
				woke++
				lag = max(lag, w.Woke-r.SetAt)
			}
		}
		each, eachKo := spread(fewest, most), ""
		if fewest < 0 {
			eachKo = "없음"
		}
		timer, timerKo := "cancelled before it fired", "울리기 전에 취소됨"
		switch {
		case r.TimerFired:
			timer, timerKo = "fired at "+ms(r.FiredAt), ms(r.FiredAt)+"에 울림"
		case !r.Set:
			timer, timerKo = "stopped before it fired", "울리기 전에 멈춤"
		}
		return Result{Metrics: []Metric{
			{Name: "set-at", Label: "Event set at", LabelKo: "이벤트 설정 시점", Value: setAt, ValueKo: setAtKo},
			{Name: "woke", Label: "Waiters woken by the set", LabelKo: "설정으로 깨어난 대기자", Value: fmt.Sprintf("%d/%d", woke, len(r.Waiters))},
			{Name: "wake-lag", Label: "Last wake-up after the set", LabelKo: "설정 후 마지막으로 깨어나기까지", Value: lag.Round(time.Microsecond).String()},
			// The lesson's figure is one waiter's: about set delay ÷ timeout.
			{Name: "timeouts-each", Label: "Timeouts per timed waiter", LabelKo: "타임아웃 대기자 하나의 타임아웃 횟수", Value: each, ValueKo: eachKo, Lesson: true},
			{Name: "timeouts", Label: "Timeouts (all timed waiters)", LabelKo: "타임아웃 횟수(모든 타임아웃 대기자)", Value: fmt.Sprint(timeouts)},
			{Name: "ticks", Label: "Interval ticks", LabelKo: "인터벌 틱 수", Value: fmt.Sprint(r.Ticks)},
			{Name: "timer", Label: "Timer", LabelKo: "타이머", Value: timer, ValueKo: timerKo},
			{Name: "elapsed", Label: "Elapsed", LabelKo: "경과 시간", Value: ms(r.Elapsed)},
		}}, err
	},
}

// spread writes the least and the most of some counts: "5" when they are
// the same, "4–5" when not, "none" when there are none (least < 0).
func spread(least, most int) string {
	switch {
	case least < 0:
		return "none"
	case least == most:
		return fmt.Sprint(most)
	}
	return fmt.Sprintf("%d–%d", least, most)
}
