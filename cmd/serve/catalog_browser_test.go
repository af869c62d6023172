//go:build browser

package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// lessonCase opens one pattern from its URL with non-default knobs, runs
// it, and reads its lesson from the page.
type lessonCase struct {
	name  string
	url   string
	state string // how the run ends: "done" unless the lesson is a failure
	check func(t *testing.T, m metrics)
}

// metrics reads a finished run's numbers from the result panel.
type metrics struct {
	t *testing.T
	b *browser
}

func (m metrics) text(name string) string {
	m.t.Helper()
	return m.b.text(`[data-metric="` + name + `"] dd`)
}

// num reads a metric's leading number ("12", "7%", "1.5s" gives 1.5).
func (m metrics) num(name string) float64 {
	m.t.Helper()
	s := m.text(name)
	end := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("-0123456789.", r) })
	if end < 0 {
		end = len(s)
	}
	v, err := strconv.ParseFloat(s[:end], 64)
	if err != nil {
		m.t.Fatalf("metric %s = %q: not a number", name, s)
	}
	return v
}

// duration reads a metric that starts with a Go duration ("801ms",
// "1.3s (…)").
func (m metrics) duration(name string) time.Duration {
	m.t.Helper()
	s, _, _ := strings.Cut(m.text(name), " ")
	d, err := time.ParseDuration(s)
	if err != nil {
		m.t.Fatalf("metric %s = %q: not a duration", name, s)
	}
	return d
}

// TestBrowserLessons opens every pattern from its URL, as a link in a course
// page would, runs it with non-default knobs, and reads its lesson number
// from the DOM. The lessons share one browser, one page after the other, as
// a learner's tab would.
func TestBrowserLessons(t *testing.T) {
	b := newBrowser(t)
	for _, tc := range lessonCases {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, b) })
	}
}

func (tc lessonCase) run(t *testing.T, b *browser) {
	b.handTo(t)
	b.open(tc.url)
	start := time.Now()
	b.do(chromedp.Click(chromedp.ID("run")))
	state := tc.state
	if state == "" {
		state = "done"
	}
	b.waitEnded(state)
	t.Logf("%s ran in %v: %s", tc.url, time.Since(start).Round(time.Millisecond), b.text("#status"))
	tc.check(t, metrics{t: t, b: b})
	b.screenshot("lesson-" + tc.name)
	b.checkClean()
}

// stagesText is the stage diagram as text: its places separated by " | ",
// a queue's name and fill within a place.
func stagesText(b *browser) string {
	return eval[string](b, `[...document.querySelectorAll(".stages > li")].map(li => li.innerText.replace(/\s+/g, " ").trim()).join(" | ")`)
}

var lessonCases = []lessonCase{
	{
		name: "queues", url: "/queues?buffer=1&items=20&cdelay=50ms",
		check: func(t *testing.T, m metrics) {
			// One worker taking 50ms per item: main waits on put for all
			// but the item taken at once and the one buffered, 18 × 50ms.
			if blocked := m.duration("blocked"); blocked < 800*time.Millisecond {
				t.Errorf("main blocked on put for %v, want about 900ms", blocked)
			}
			if got := m.num("processed"); got != 20 {
				t.Errorf("processed = %v, want 20", got)
			}
		},
	},
	{
		name: "queues-roomy", url: "/queues?buffer=20&items=20&cdelay=50ms",
		check: func(t *testing.T, m metrics) {
			if blocked := m.duration("blocked"); blocked != 0 {
				t.Errorf("main blocked on put for %v with room for every item, want 0", blocked)
			}
		},
	},
	{
		name: "polling", url: "/polling?items=30&poll=2ms",
		check: func(t *testing.T, m metrics) {
			if polls, items := m.num("polls"), m.num("items"); polls <= items || items != 30 {
				t.Errorf("polls %v, items %v: want all 30 items and more polls than items", polls, items)
			}
		},
	},
	{
		name: "polling-blocking", url: "/polling?queue=blocking&items=30",
		check: func(t *testing.T, m metrics) {
			if polls, wakeups := m.num("polls"), m.num("wakeups"); polls != 0 || wakeups != 90 {
				t.Errorf("polls %v, wake-ups %v: want 0 and 90 (one per item per stage)", polls, wakeups)
			}
		},
	},
	{
		name: "fanout", url: "/fanout?items=50&resizers=1",
		check: func(t *testing.T, m metrics) {
			if got := m.text("finished"); got != "50/50" {
				t.Errorf("finished = %q, want 50/50", got)
			}
			// One resizer taking 40ms per item caps the pipeline at 25
			// items/s; filling and draining it costs a little more.
			if tp := m.num("throughput"); tp <= 10 || tp > 25.5 {
				t.Errorf("throughput = %v items/s, want just under the one resizer's 25", tp)
			}
			if got := m.text("exited"); !strings.HasPrefix(got, "9/9") {
				t.Errorf("exited = %q, want every worker (3+1+5) exited", got)
			}
			// The stages as a diagram, each queue drained at the end.
			want := "main | download queue 0/10 | download | resize queue 0/10 | resize | upload queue 0/10 | upload | done queue 0/10 | collector"
			if got := stagesText(m.b); got != want {
				t.Errorf("the stage diagram reads %q, want %q", got, want)
			}
		},
	},
	{
		name: "events", url: "/events?timed=3&timeout=300ms&set=1100ms&timer=2s",
		check: func(t *testing.T, m metrics) {
			// Three timed waiters each time out at 300, 600 and 900ms
			// before the set at 1.1s. Each wait starts when the last one
			// woke, as in Python, so late timers push the timeouts later:
			// the 200ms to spare absorbs that in a busy browser.
			if got := m.num("timeouts"); got != 9 {
				t.Errorf("timeouts = %v, want 9", got)
			}
			if got := m.text("timeouts-each"); got != "3" {
				t.Errorf("timeouts per timed waiter = %q, want 3 (1.1 s ÷ 300 ms)", got)
			}
			if got := m.text("woke"); got != "5/5" {
				t.Errorf("woke = %q, want 5/5", got)
			}
			if got := m.text("timer"); got != "cancelled before it fired" {
				t.Errorf("timer = %q, want cancelled before it fired", got)
			}
		},
	},
	{
		name: "counter", url: "/counter?iterations=200000&yield=on",
		check: func(t *testing.T, m metrics) {
			if got := m.num("mutex-final"); got != 0 {
				t.Errorf("mutex-final = %v, want 0", got)
			}
			// Read, yield, write: each goroutine overwrites the other's
			// updates.
			if got := m.num("naive-final"); got == 0 {
				t.Errorf("naive-final = 0, want lost updates with yield on")
			}
		},
	},
	{
		name: "generators", url: "/generators?items=8&filter=even&source=0&consumer=pull&delay=20ms",
		check: func(t *testing.T, m metrics) {
			// Eight even numbers need the source to make 0…14: lazily, no
			// more.
			if got, consumed := m.num("produced"), m.num("consumed"); got != 15 || consumed != 8 {
				t.Errorf("produced %v, consumed %v; want 15 and 8", got, consumed)
			}
			if got := m.text("state"); got != "closed, cleanup ran" {
				t.Errorf("state = %q", got)
			}
		},
	},
	{
		name: "unbounded", url: "/unbounded?duration=2s&pdelay=5ms&size=4096",
		check: func(t *testing.T, m metrics) {
			// Up to 200 items/s in (browser timers run a little late), 20/s
			// out, for 2s: the buffer only grows, 4 KiB an item.
			held := m.num("max-held")
			if held < 100 {
				t.Errorf("max-held = %v, want well over 100", held)
			}
			if got, want := m.text("max-bytes"), fmt.Sprintf("%.1f KiB", held*4); held < 256 && got != want {
				t.Errorf("max-bytes = %q, want %q (4 KiB × %v)", got, want, held)
			}
			// The buffer only grows, so it holds the most at the end; but
			// the consumer may take one more item after the producer's
			// last put, before the stop reaches it (CI saw 260 left of a
			// most of 261): it takes one per 50 ms, the producer puts one
			// per 5 ms.
			if left := m.num("left"); left < held-1 || left > held {
				t.Errorf("left %v, max-held %v: an unbounded buffer holds the most, or one less, at the end", left, held)
			}
		},
	},
	{
		name: "bounded", url: "/unbounded?bound=10&duration=2s&pdelay=5ms&size=4096",
		check: func(t *testing.T, m metrics) {
			if got := m.text("max-held"); got != "10/10" {
				t.Errorf("max-held = %q, want 10/10", got)
			}
			if blocked := m.num("blocked"); blocked < 50 {
				t.Errorf("producer blocked %v%% of the run, want ≥ 50%%", blocked)
			}
		},
	},
	{
		name: "processes-goroutines", url: "/processes?workers=8&n=20000000&transport=pipe&mode=goroutines",
		check: func(t *testing.T, m metrics) {
			if total := m.text("goroutines-total"); total != "160000000" {
				t.Errorf("total = %q, want 8 × 20000000", total)
			}
			if got := m.text("goroutines-received"); got != "8/8" {
				t.Errorf("received = %q, want 8/8", got)
			}
			// Eight workers that compute on one thread take turns: each is
			// runnable while another runs. Shown running all along, they
			// were 100% busy each.
			busy, err := strconv.ParseFloat(eval[string](m.b, `document.querySelector('[data-stage="worker"] [data-busy]').dataset.busy`), 64)
			if err != nil || busy > 0.6 {
				t.Errorf("the workers' busy share %v (%v), want well under 1: they share one thread", busy, err)
			}
			// One pipe per worker, between the same two roles: one column.
			if got, want := stagesText(m.b), "worker | pipe-0 0/1 pipe-1 0/1 pipe-2 0/1 pipe-3 0/1 pipe-4 0/1 pipe-5 0/1 pipe-6 0/1 pipe-7 0/1 | parent"; got != want {
				t.Errorf("the stage diagram reads %q, want %q", got, want)
			}
			if got := m.b.text(".lanes"); !strings.Contains(got, "Runnable: ready to run") {
				t.Errorf("the lanes do not explain the runnable state:\n%s", got)
			}
		},
	},
	{
		name: "processes-pipe", url: "/processes?workers=3&n=10000000&transport=pipe&mode=processes",
		check: func(t *testing.T, m metrics) {
			if total := m.text("processes-total"); total != "30000000" {
				t.Errorf("total = %q, want 3 × 10000000", total)
			}
			if got := m.b.text("#log"); !strings.Contains(got, "Process-3 (worker 2)") {
				t.Errorf("the log does not name the processes:\n%s", got)
			}
		},
	},
	{
		name: "asyncio", url: "/asyncio?gather1=800ms&gather2=500ms&wait1=200ms&wait2=600ms&wait3=900ms&task=1s&timeout=300ms&set-after=500ms&poll=150ms",
		check: func(t *testing.T, m metrics) {
			// gather takes the longest task's time, not the sum.
			if took, sum := m.duration("gather-elapsed"), m.duration("gather-sum"); took < 800*time.Millisecond || took > time.Second || sum < 1300*time.Millisecond {
				t.Errorf("gather took %v of a %v sum, want about 800ms of 1.3s", took, sum)
			}
			if first, cancelled := m.text("first"), m.text("cancelled"); first != "wait-1" || cancelled != "2" {
				t.Errorf("first %q, cancelled %q; want wait-1 and 2", first, cancelled)
			}
			if got := m.text("timed-out"); got != "yes" {
				t.Errorf("timed-out = %q, want yes", got)
			}
		},
	},
	{
		name: "async-queue", url: "/async-queue?items=20&buffer=0&pdelay=20ms&cdelay=50ms",
		check: func(t *testing.T, m metrics) {
			if consumed, produced := m.text("consumed"), m.text("produced"); consumed != "20" || produced != "20" {
				t.Errorf("produced %s, consumed %s; want 20 each", produced, consumed)
			}
			if got := m.text("exited"); got != "2/2" {
				t.Errorf("exited = %q, want 2/2", got)
			}
			if inOrder, closed := m.text("in-order"), m.text("ended-by-close"); inOrder != "yes" || closed != "yes" {
				t.Errorf("in order %q, ended by the close %q; want yes, yes", inOrder, closed)
			}
			checkPutsBeforeGets(t, m.b)
		},
	},
	{
		name: "deadlock", url: "/deadlock?items=2", state: "failed",
		check: func(t *testing.T, m metrics) {
			if got := m.b.text("#status"); !strings.Contains(got, "deadlock: consumer-0 waits on get(queue) with no producer") {
				t.Errorf("status = %q, want the deadlock named", got)
			}
			if got := m.text("consumed"); got != "0 of 2" {
				t.Errorf("consumed = %q, want 0 of 2", got)
			}
			// The app keeps working: the fixed version runs next.
			m.b.screenshot("lesson-deadlock-stuck")
			m.b.setKnob("fixed", "on")
			m.b.do(chromedp.Click(chromedp.ID("run")))
			m.b.waitEnded("done")
			if got := m.text("consumed"); got != "2 of 2" {
				t.Errorf("fixed: consumed = %q, want 2 of 2", got)
			}
		},
	},
	{
		name: "wrappers", url: "/wrappers?calls=2&work=50ms&fail=panic",
		check: func(t *testing.T, m metrics) {
			if got := m.text("teardown"); got != "yes" {
				t.Errorf("teardown ran = %q, want yes even after a panic", got)
			}
			if got := m.text("timing"); !strings.HasPrefix(got, "2 × download") {
				t.Errorf("timing = %q, want 2 × download …", got)
			}
			if got := m.text("ended"); !strings.Contains(got, "panicked") {
				t.Errorf("ended = %q, want the panic", got)
			}
		},
	},
}

// checkPutsBeforeGets reads the log lines shown and checks that every item
// whose put and get both show is put on the earlier line. On an unbuffered
// queue every put waits for its get, and the getter goes on first: the log
// once said "got 3" above "put 3".
func checkPutsBeforeGets(t *testing.T, b *browser) {
	t.Helper()
	line := regexp.MustCompile(`^(put|got) (\d+) \(`)
	puts, gets := map[string]int{}, map[string]int{}
	for i, msg := range eval[[]string](b, `[...document.querySelectorAll("#log li .msg")].map(e => e.textContent)`) {
		if m := line.FindStringSubmatch(msg); m == nil {
			continue
		} else if m[1] == "put" {
			puts[m[2]] = i
		} else {
			gets[m[2]] = i
		}
	}
	pairs := 0
	for item, got := range gets {
		if put, ok := puts[item]; ok {
			pairs++
			if put > got {
				t.Errorf("the log shows item %s got on line %d and put on line %d", item, got, put)
			}
		}
	}
	if pairs == 0 {
		t.Errorf("the log shows no item's put and get (%d puts, %d gets)", len(puts), len(gets))
	}
}
