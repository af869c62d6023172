package app

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns/history"
)

// logRows is how many log lines are on screen. Only they are in the DOM,
// however long the log: a go-app update costs time in proportion to the
// rows it diffs, so a fixed window keeps every frame cheap.
const logRows = 16

// logView shows the run's log through a window of logRows lines. It
// follows the newest lines until the learner scrolls back (wheel, arrow
// keys, the position slider) or pauses it; it filters by goroutine and by
// text; while rewinding it shows the lines around the time cursor. Lines
// older than the history keeps are summarised above the window.
type logView struct {
	app.Compo

	View      *runView
	Version   int
	Now       time.Duration
	Rewinding bool
	Lang      i18n.Lang

	follow bool // show the newest lines
	// top is the first line shown when not following, as an absolute line
	// number: an index into the listed lines would move on to newer lines
	// as the oldest are let go, under a paused window.
	top     int
	started bool

	// While rewinding, the window centres on the time cursor's line until
	// the learner scrolls it; it then stays where they put it until the
	// cursor moves.
	scrolled   bool
	scrolledAt time.Duration // the cursor's instant when they scrolled

	filter  history.Filter
	matches []int // absolute numbers of the kept lines that pass filter, oldest first
	scanned int   // absolute number of the next line to test against filter
	view    *runView
}

func (l *logView) OnMount(ctx app.Context) { l.follow, l.filter.G = true, -1 }

// OnUpdate forgets a scroll made while rewinding once the cursor has
// moved, and puts the position slider's thumb where its value says (see
// placeRange): while the log follows its newest lines, each update raises
// the slider's max and its value together, and the thumb stood where the
// old max had clamped the value (at 82% for the last 16 lines).
func (l *logView) OnUpdate(ctx app.Context) {
	if !l.Rewinding || l.Now != l.scrolledAt {
		l.scrolled = false // the cursor moved: centre on its line again
	}
	top, _ := l.window()
	placeRange(ctx, "log-position", strconv.Itoa(top))
}

// sync brings matches up to date with the view's log: lines that left the
// history go, new lines are tested. A new run or filter starts over.
func (l *logView) sync() {
	h := l.View.h
	if l.view != l.View {
		l.view, l.matches, l.scanned, l.top = l.View, nil, 0, 0
		l.follow, l.scrolled = true, false
	}
	if !l.filter.Active() {
		return
	}
	first := l.first()
	dead := sort.SearchInts(l.matches, first)
	l.matches = l.matches[dead:]
	for abs := max(l.scanned, first); abs < h.Log.Total(); abs++ {
		if h.Match(l.filter, abs-first) {
			l.matches = append(l.matches, abs)
		}
	}
	l.scanned = h.Log.Total()
}

// count is the number of lines listed (kept, and passing the filter).
func (l *logView) count() int {
	if l.filter.Active() {
		return len(l.matches)
	}
	return l.View.h.Log.Len()
}

// first is the absolute number of the oldest kept line.
func (l *logView) first() int {
	h := l.View.h
	return h.Log.Total() - h.Log.Len()
}

// abs is the absolute number of listed line i.
func (l *logView) abs(i int) int {
	if l.filter.Active() {
		if i < len(l.matches) {
			return l.matches[i]
		}
		return l.View.h.Log.Total()
	}
	return l.first() + i
}

// listed is the index of the first listed line at or after absolute line
// abs: the oldest listed line if abs is no longer kept.
func (l *logView) listed(abs int) int {
	if l.filter.Active() {
		return sort.SearchInts(l.matches, abs)
	}
	return max(abs-l.first(), 0)
}

// kept is listed line i as an index into the history's kept lines.
func (l *logView) kept(i int) int {
	if l.filter.Active() {
		return l.matches[i] - l.first()
	}
	return i
}

// window is the first listed line on screen, and the listed line at the
// time cursor while rewinding (-1 if none).
func (l *logView) window() (top, cursor int) {
	n := l.count()
	last := max(n-logRows, 0)
	cursor = -1
	switch {
	case l.Rewinding:
		// The last line at or before the cursor, in the window's middle,
		// unless the learner scrolled since the cursor last moved.
		k := l.View.h.LogBefore(l.Now) - 1
		cursor = k
		if l.filter.Active() {
			abs := k + l.first()
			cursor = sort.SearchInts(l.matches, abs+1) - 1
		}
		top = cursor - logRows/2
		if l.scrolled && l.scrolledAt == l.Now {
			top = l.listed(l.top)
		}
	case l.follow:
		top = last
	default:
		top = l.listed(l.top)
	}
	return min(max(top, 0), last), cursor
}

func (l *logView) Render() app.UI {
	l.sync()
	h := l.View.h
	top, cursor := l.window()
	n := l.count()
	rows := make([]history.Line, 0, logRows)
	for i := top; i < min(top+logRows, n); i++ {
		rows = append(rows, h.LogLine(l.kept(i)))
	}
	names := make([]string, len(h.Lanes))
	for i := range h.Lanes {
		names[i] = h.Lanes[i].Name
	}
	summary := h.Summary().In(l.Lang)
	return app.Div().Class("card log").Body(
		app.H2().Body(
			app.Text(tr(l.Lang, "Log")),
			app.Span().Class("log-count").DataSet("total", h.Log.Total()).Text(lineCount(l.Lang, h.Log.Total())),
		),
		app.Div().Class("log-tools").Body(
			app.Label().For("log-who").Text(tr(l.Lang, "Goroutine")),
			app.Select().ID("log-who").OnChange(l.onWho).Body(
				app.Option().Value("-1").Selected(l.filter.G < 0).Text(tr(l.Lang, "all")),
				app.Range(names).Slice(func(i int) app.UI {
					return app.Option().Value(strconv.Itoa(i)).Selected(int(l.filter.G) == i).Text(names[i])
				}),
			),
			// The label and its box on one line, however the tools wrap.
			app.Span().Class("log-field").Body(
				app.Label().For("log-text").Text(tr(l.Lang, "Text")),
				app.Input().ID("log-text").Type("search").Placeholder("put, blocked, 42…").
					Value(l.filter.Text).OnInput(l.onText),
			),
			// One label, pressed or not: a toggle button's name says
			// what pressing it turns on, and aria-pressed whether it is.
			app.Button().ID("log-follow").Type("button").Aria("pressed", !l.follow).
				Text(tr(l.Lang, "Pause autoscroll")).OnClick(l.onFollow),
			// data-filter: the text the count is for (the input runs
			// ahead of it by a frame while the learner types), quoted:
			// go-app trims attribute values.
			app.If(l.filter.Active(), app.Span().ID("log-matches").Class("muted").DataSet("filter", strconv.Quote(l.filter.Text)).
				Text(trf(l.Lang, "%s matching", history.Count(n)))),
		),
		app.If(summary != "" || h.Lost > 0, app.P().Class("log-hidden").Text(summary+lostNote(l.Lang, h.Lost))),
		app.If(l.beforeKept(cursor), app.P().ID("log-before-kept").Class("log-hidden").
			Text(trf(l.Lang, "The time cursor is before the oldest line kept, at %s: that instant's lines are among those summarised.", l.oldestClock()))),
		app.Ol().ID("log").Class("log-lines").TabIndex(0).
			Aria("label", tr(l.Lang, "Run log: arrow keys, Page Up and Page Down scroll, End follows")).
			OnKeyDown(l.onKey).On("wheel", l.onWheel).Body(
			app.Range(rows).Slice(func(i int) app.UI {
				ln := rows[i]
				// The cursor's line says so to a screen reader too, not
				// only in its colour and outline.
				cls, current := ln.Class, "false"
				if top+i == cursor {
					cls, current = cls+" at-cursor", "time"
				}
				return app.Li().Class(cls).DataSet("line", ln.N).Aria("current", current).Body(
					app.Span().Class("t").Text(l.View.clock(ln.At)),
					app.Span().Class("who").Text(ln.Who),
					app.Span().Class("msg").Text(ln.Text),
				)
			}),
		),
		// Hidden while every line fits: at max 0 its thumb stood at the
		// start, as if scrolled back.
		app.Input().ID("log-position").Type("range").Class("log-position").Hidden(n <= logRows).
			Min(0).Max(max(n-logRows, 0)).Value(top).
			Aria("label", tr(l.Lang, "Log position")).Aria("valuetext", l.positionText(top, n)).OnInput(l.onPosition),
	)
}

// positionText reads out the window's place: by line number, as the
// lines are counted in the heading, or among the lines a filter lets
// through.
func (l *logView) positionText(top, n int) string {
	switch {
	case n == 0:
		return tr(l.Lang, "empty")
	case l.filter.Active():
		return trf(l.Lang, "matching lines %s to %s of %s", history.Count(top+1), history.Count(min(top+logRows, n)), history.Count(n))
	}
	first := l.first()
	return trf(l.Lang, "lines %s to %s of %s", history.Count(first+top+1), history.Count(first+min(top+logRows, n)), history.Count(l.View.h.Log.Total()))
}

// beforeKept reports whether the time cursor, rewinding, is before the
// oldest line kept, whose lines were let go: the window then shows later
// lines, and says so.
func (l *logView) beforeKept(cursor int) bool {
	h := l.View.h
	return l.Rewinding && cursor < 0 && h.Log.Len() > 0 && h.Log.Total() > h.Log.Len() && l.Now < h.LogLine(0).At
}

// oldestClock is the stamp of the oldest line kept, "" if none is: Render
// asks for it whether or not it shows the note.
func (l *logView) oldestClock() string {
	if l.View.h.Log.Len() == 0 {
		return ""
	}
	return l.View.clock(l.View.h.LogLine(0).At)
}

// lineCount is "1 line" or "1,234 lines".
func lineCount(l i18n.Lang, n int) string {
	if n == 1 {
		return tr(l, "1 line")
	}
	return trf(l, "%s lines", history.Count(n))
}

func lostNote(l i18n.Lang, n uint64) string {
	if n == 0 {
		return ""
	}
	return trf(l, " The recorder's buffer overflowed and skipped %s events.", history.Count(int(n)))
}

// scroll moves the window by d lines and stops following, or follows again
// when it reaches the end; it reports whether the window moved.
func (l *logView) scroll(d int) bool {
	top, _ := l.window()
	last := max(l.count()-logRows, 0)
	to := min(max(top+d, 0), last)
	l.scrollTo(to, top+d >= last && d > 0)
	return to != top
}

// scrollTo puts the window's first line at listed line top, following the
// newest lines from then on if follow.
func (l *logView) scrollTo(top int, follow bool) {
	l.top, l.follow = l.abs(top), follow
	if l.Rewinding {
		l.scrolled, l.scrolledAt = true, l.Now
	}
}

func (l *logView) onKey(ctx app.Context, e app.Event) {
	updateAlone(ctx, l)
	switch e.Get("key").String() {
	case "ArrowUp":
		l.scroll(-1)
	case "ArrowDown":
		l.scroll(1)
	case "PageUp":
		l.scroll(-logRows)
	case "PageDown":
		l.scroll(logRows)
	case "Home":
		l.scrollTo(0, false)
	case "End":
		l.scrollTo(max(l.count()-logRows, 0), true)
	default:
		return
	}
	e.PreventDefault()
}

func (l *logView) onWheel(ctx app.Context, e app.Event) {
	updateAlone(ctx, l)
	dy := e.Get("deltaY").Float()
	lines := int(dy / 20)
	if lines == 0 && dy != 0 {
		lines = 1
		if dy < 0 {
			lines = -1
		}
	}
	// At the log's top or bottom, or with every line in view, the wheel
	// scrolls the page, as a scrolling box lets it.
	if l.scroll(lines) {
		e.PreventDefault()
	}
}

func (l *logView) onPosition(ctx app.Context, e app.Event) {
	updateAlone(ctx, l)
	v, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil {
		return
	}
	last := max(l.count()-logRows, 0)
	l.scrollTo(min(max(v, 0), last), v >= last)
}

func (l *logView) onFollow(ctx app.Context, e app.Event) {
	updateAlone(ctx, l)
	if l.follow {
		top, _ := l.window()
		l.top = l.abs(top)
	}
	l.follow = !l.follow
}

func (l *logView) onWho(ctx app.Context, e app.Event) {
	updateAlone(ctx, l)
	g, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil {
		g = -1
	}
	l.setFilter(history.Filter{G: int32(g), Text: l.filter.Text})
}

func (l *logView) onText(ctx app.Context, e app.Event) {
	updateAlone(ctx, l)
	l.setFilter(history.Filter{G: l.filter.G, Text: ctx.JSSrc().Get("value").String()})
}

// setFilter lists the lines that pass f. A paused window stays paused, at
// the first line that passes at or after its own; one that follows goes
// on following.
//
// A filter that narrows the one before (a letter typed into the text)
// tests only the lines that passed it: testing every kept line formats
// each, and took 13–19 ms for 100,000 natively at every keystroke.
func (l *logView) setFilter(f history.Filter) {
	if !l.follow {
		top, _ := l.window()
		l.top = l.abs(top)
	}
	if l.filter.Active() && narrows(f, l.filter) {
		h, first := l.View.h, l.first()
		passed := l.matches[:0]
		for _, abs := range l.matches {
			if abs >= first && h.Match(f, abs-first) {
				passed = append(passed, abs)
			}
		}
		l.matches = passed // scanned stays: sync tests the lines after it
	} else {
		l.matches, l.scanned = nil, 0
	}
	l.filter, l.scrolled = f, false
}

// narrows reports whether every line that passes f passes was: f keeps
// was's goroutine, if it has one, and its text holds was's.
func narrows(f, was history.Filter) bool {
	return (was.G < 0 || f.G == was.G) && strings.Contains(strings.ToLower(f.Text), strings.ToLower(was.Text))
}
