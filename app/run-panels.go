package app

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/hostturn"
	"chanlab/patterns/runner"
)

// frame is how often the panels take what the run worker sent: as often
// as it sends a batch, so about one render per 30 Hz frame, whatever the
// event rate.
const frame = runner.Frame

// quietEvery is how long a group of panels goes unrefreshed while no event
// comes: its clocks then move once a second. Each render allocates, and on
// js/wasm a garbage collection stops the page while it marks the heap
// (70-140 ms measured here), so a run that computes without events should
// leave the page's allocator, and the page, alone.
const quietEvery = time.Second

// runPanels shows a run: timings, result, lanes, queues, goroutines, log
// and code, and after the run a time cursor to rewind it, its exports, and
// the comparison with a kept run. While the run goes on it reads the
// runner once per frame and re-renders itself, and only itself: the rest of
// the page (knobs, picker) is left alone, since a go-app update re-renders
// every child whose props differ, and props holding a func always differ.
type runPanels struct {
	app.Compo

	View    *runView // nil before the first run
	Result  *patterns.Result
	Running bool
	Spec    patterns.Spec // in Lang
	Lang    i18n.Lang

	// Kept is a finished run kept for comparison, and its result.
	Kept       *runView
	KeptResult *patterns.Result
	OnKeep     func(ctx app.Context) // keep View for comparison
	OnDrop     func(ctx app.Context) // stop comparing

	watched *runView      // the view the refresh loop is reading
	stopped chan struct{} // closed once the page shows it stopped (noteStopped)

	// A new run's panels mount one group per frame (see sections), so
	// that no single task builds, styles and lays out all of them.
	mounting *runView
	mounted  int

	// While a run goes on, each group of panels shows the run as of its
	// last turn (see advance): when a render of them all takes longer
	// than renderBudget, a frame refreshes one group only.
	shownAt    [len(sectionGroups)]runFrame
	shownWhen  [len(sectionGroups)]time.Time     // when each group last had its turn
	renderCost [len(sectionGroups)]time.Duration // each group's latest render
	refreshed  []int                             // the groups the pending render refreshes
	renderFrom time.Time                         // when the pending render began

	// The time cursor: while rewinding, every panel shows the run at
	// cursor instead of at its end.
	rewinding bool
	cursor    time.Duration
}

func (r *runPanels) OnMount(ctx app.Context)  { r.watch(ctx); r.noteStopped(); r.placeScrub(ctx) }
func (r *runPanels) OnUpdate(ctx app.Context) { r.watch(ctx); r.noteStopped(); r.placeScrub(ctx) }

// live reports whether the panels show the run as it goes on: while it
// runs, and after, until they have shown its end (showEnd).
func (r *runPanels) live() bool { return r.Running || r.View != nil && !r.View.ended }

// noteStopped tells the refresh loop that the page shows the watched run
// stopped: the panels' end comes after that render (see showEnd).
func (r *runPanels) noteStopped() {
	if !r.Running && r.stopped != nil {
		close(r.stopped)
		r.stopped = nil
	}
}

// placeScrub puts the time cursor's thumb where its value says (see
// placeRange): a finished run of 729 ms showed its thumb at 100 ms, the
// default max, while the label said 729 ms.
func (r *runPanels) placeScrub(ctx app.Context) {
	if r.View == nil || r.live() {
		return
	}
	placeRange(ctx, "scrub", strconv.FormatInt(r.scrubValue(), 10))
}

// scrubRange is the time cursor's range, in milliseconds: the run's length
// rounded up to a whole number of steps, a step being about a 500th of it.
// The slider's last stop must be the run's end, or the panels, at it,
// still rewind: a range to 729 ms ended inside a 729.6 ms run, and the
// browser snaps a value to the steps, so a range to 1999 ms in steps of 3
// stopped at 1998.
func scrubRange(elapsed time.Duration) (top, step int64) {
	ms := int64((elapsed + time.Millisecond - 1) / time.Millisecond)
	step = max(ms/500, 1)
	return (ms + step - 1) / step * step, step
}

// scrubValue is the time cursor's value: the instant shown, or the range's
// end when the panels show the run's end.
func (r *runPanels) scrubValue() int64 {
	if at, ok := r.rewound(); ok {
		return at.Milliseconds()
	}
	top, _ := scrubRange(r.View.h.Elapsed)
	return top
}

// placeRange puts the thumb of the range input id at value, once the
// render under way is done. go-app sets an element's attributes in no fixed
// order (a map's): a value set before a larger max is clamped by the
// browser to the old max, and go-app, which keeps the value it set, does
// not set it again.
func placeRange(ctx app.Context, id, value string) {
	if !app.IsClient {
		return
	}
	ctx.Defer(func(app.Context) {
		if s := app.Window().GetElementByID(id); s.Truthy() && s.Get("value").String() != value {
			s.Set("value", value)
		}
	})
}

// watch starts the refresh loop for a new running view. The loop ends once
// the run has ended (the view's done is closed) and the panels show its
// end (showEnd, which waits for the page to show the run stopped), or when
// the panels go away or show another run (the learner moved on).
//
// Each frame the loop folds what the run recorded, and then, if anything
// is to be shown, renders. Both run on the UI goroutine, one after the
// other, each after the browser has had its turn (hostturn.Yield): on
// js/wasm the runtime runs every goroutine that is ready before it returns
// to the browser, so without the turns a batch's decoding, a fold and a
// render, each fine alone, added up to tasks of 100-270 ms on a first run.
func (r *runPanels) watch(ctx app.Context) {
	v := r.View
	if v == nil || v == r.watched || v.done == nil {
		return
	}
	stopped := r.follow(v)
	ctx.Async(func() {
		// However the loop ends, the page does not wait for it.
		defer v.foldedAll()
		if r.liveFrames(ctx, v) {
			r.showEnd(ctx, v, stopped)
		}
	})
}

// liveFrames refreshes the panels a frame at a time while v runs. It
// reports whether v ended (rather than the panels going away or moving on
// from v).
func (r *runPanels) liveFrames(ctx app.Context, v *runView) (ended bool) {
	t := time.NewTicker(frame)
	defer t.Stop()
	for {
		select {
		case <-v.done: // first, if a tick is due too
			return true
		default:
		}
		select {
		case <-v.done:
			return true
		case <-ctx.Done():
			return false
		case <-t.C:
		}
		// After Stop the panels neither fold nor render until the end
		// comes: the page's thread is then free for the worker's answer
		// and the end, which showEnd folds and shows.
		var ours, show bool
		if !onUI(ctx, r, func() { ours = r.View == v; show = ours && !v.stopping && r.nextFrame(time.Now()) }) || !ours {
			return false // the panels went away, or the learner moved on
		}
		// A render under way when the run ends is not waited for: it
		// happens with the end's first frame, which would otherwise come
		// a frame later (a Stop's round trip).
		if show && !r.render(ctx, v, func() { r.advance(time.Now()) }, v.done) {
			return false
		}
	}
}

// follow makes v the run the panels watch, and returns the channel
// noteStopped closes once the page shows v stopped. The run watched
// before, if its refresh loop still waits for that, is released: the page
// has moved on from it.
func (r *runPanels) follow(v *runView) (stopped <-chan struct{}) {
	r.watched, r.rewinding, r.cursor = v, false, 0
	if r.stopped != nil {
		close(r.stopped)
	}
	r.stopped = make(chan struct{})
	return r.stopped
}

// showEnd brings the panels to the run's end in slices of the page's work,
// so that no task of the browser's holds much of it:
//   - what is left to fold, a frame's budget at a time; then the page says
//     how the run ended (the status, the knobs), in a render of its own,
//     and the panels wait for it (stopped);
//   - while the groups left would take the panels' end past endBudget
//     (as a first run's do: 57 ms for them all, at a Stop) or are not all
//     mounted yet, one group per render;
//   - the end: the result, the tools, the timings of a finished run, and
//     the groups not shown in slices.
//
// Renders that fit take no slice of their own: each costs a frame.
func (r *runPanels) showEnd(ctx app.Context, v *runView, stopped <-chan struct{}) {
	for more := true; more; {
		if !onUI(ctx, r, func() { v.refresh(); more = len(v.backlog) > 0 }) {
			return
		}
	}
	v.foldedAll()
	select {
	case <-stopped:
	case <-ctx.Done():
		return
	}
	for g := 1; g < len(sectionGroups); g++ {
		var ours, slice bool
		if !onUI(ctx, r, func() {
			ours = r.View == v
			slice = r.renderCost[0]+r.costFrom(g) > endBudget || r.mounted < len(sectionGroups)
		}) || !ours {
			return
		}
		if !slice {
			break
		}
		if !r.render(ctx, v, func() {
			r.mounted = max(r.mounted, g+1)
			r.shownAt[g], r.shownWhen[g] = r.current(), time.Now()
			r.refreshed = append(r.refreshed[:0], g)
			r.renderFrom = time.Time{}
		}, nil) {
			return
		}
	}
	r.render(ctx, v, func() {
		v.ended = true
		r.placeScrub(ctx) // OnUpdate does not follow the panels' own render
	}, nil)
}

// endBudget is how long the groups of panels the panels' end shows (the
// timings, and those not shown in slices before it) may take, as their
// last renders measured: it leaves the rest of the end (the result, the
// tools, the browser's styling and layout) room under the 50 ms of a long
// task.
const endBudget = 30 * time.Millisecond

// render runs prepare on the UI goroutine as a slice of the page's work
// (see onUI), renders the panels, and waits until the render is done or
// until is closed (the render then still happens, with the next frame).
// It reports false, having done nothing, if the panels went away or no
// longer show v: the page may have moved on since the caller's last slice,
// and prepare reads the run the panels show (once, a nil one: the panic
// froze the page, go-app's loop gone).
func (r *runPanels) render(ctx app.Context, v *runView, prepare func(), until <-chan struct{}) bool {
	shown := make(chan struct{}, 1)
	var ours bool
	if !onUI(ctx, r, func() {
		if ours = r.View == v; !ours {
			return
		}
		prepare()
		r.Update()
		// Deferred functions run after the frame's renders.
		ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Defer, Source: r, Function: func(ctx app.Context) {
			r.rendered(ctx)
			shown <- struct{}{}
		}})
	}) || !ours {
		return false
	}
	select {
	case <-shown:
	case <-until:
	case <-ctx.Done():
		return false
	}
	return true
}

// onUI runs f on the UI goroutine as a slice of the page's work of its
// own: after the browser has had its turn (hostturn.Yield), so that the
// task that runs f holds none of the work that was ready before. It waits
// for f, and reports false if ctx ended first (the component went away,
// and go-app drops f). Mode Next runs f without an update: ctx.Dispatch
// would re-render whatever f does (go-app v9 marks the component for
// update after it runs, so PreventUpdate inside it is undone).
func onUI(ctx app.Context, src app.Composer, f func()) bool {
	hostturn.Yield(ctx, runner.TurnEvery)
	done := make(chan struct{})
	ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: src, Function: func(app.Context) {
		f()
		close(done)
	}})
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// nextFrame folds in what the run recorded for this frame, mounts the next
// group of panels, and reports whether to render. A frame with no event
// would only move the clocks: it renders once a group has gone quietEvery
// without its turn, leaving the page's thread, and the cores, to the run.
// (A count of frames stretched to 1.25 s when the loop missed ticks, and a
// quarter of it while the groups took turns to 1.8 s when they stopped.)
func (r *runPanels) nextFrame(now time.Time) bool {
	// Both, each frame: || would skip the mount whenever events came in.
	events, mounted := r.View.refresh(), r.mountNext()
	return events || mounted || now.Sub(r.shownWhen[r.oldest()]) >= quietEvery
}

// oldest is the group that has gone longest without its turn.
func (r *runPanels) oldest() int {
	g := 0
	for i, w := range r.shownWhen {
		if w.Before(r.shownWhen[g]) {
			g = i
		}
	}
	return g
}

// renderBudget is how long a render of the run's panels may take before
// the panels take turns: a page whose code V8 has not optimized yet (a
// first run) took 100-200 ms to render them all, in one task, each frame
// of a flood; taking turns, each frame renders a quarter of that. Once the
// renders are fast again, every panel renders every frame.
const renderBudget = 12 * time.Millisecond

// runFrame is the run as a group of panels was last shown it.
type runFrame struct {
	version, events, slow int
	now                   time.Duration
}

// current is the run as it is now.
func (r *runPanels) current() runFrame {
	v := r.View
	return runFrame{version: v.version, events: v.events, slow: v.slowVersion(), now: r.now()}
}

// takingTurns reports whether the groups' renders, together, take longer
// than renderBudget.
func (r *runPanels) takingTurns() bool { return r.costFrom(0) > renderBudget }

// costFrom is what the latest renders of the groups from sectionGroups[g]
// on took, together.
func (r *runPanels) costFrom(g int) time.Duration {
	var total time.Duration
	for _, c := range r.renderCost[g:] {
		total += c
	}
	return total
}

// advance gives the next render, at wall time when, the run as it is now:
// every group, if their renders fit renderBudget together, else the group
// that has gone longest without its turn.
func (r *runPanels) advance(when time.Time) {
	now := r.current()
	r.refreshed = r.refreshed[:0]
	if !r.takingTurns() {
		for g := range r.shownAt {
			r.shownAt[g], r.shownWhen[g] = now, when
			r.refreshed = append(r.refreshed, g)
		}
	} else {
		g := r.oldest()
		r.shownAt[g], r.shownWhen[g] = now, when
		r.refreshed = append(r.refreshed, g)
	}
	r.renderFrom = time.Time{}
}

// rendered notes what the render advance prepared cost, shared among the
// groups it refreshed.
func (r *runPanels) rendered(app.Context) {
	if r.renderFrom.IsZero() || len(r.refreshed) == 0 {
		return // nothing rendered: no prop changed
	}
	d := time.Since(r.renderFrom)
	for _, g := range r.refreshed {
		r.renderCost[g] = d / time.Duration(len(r.refreshed))
	}
	r.refreshed = r.refreshed[:0]
}

// frameOf is the run as group g of the panels (sectionGroups[g]) shows it:
// as of the group's last turn while the run goes on, else as it is.
func (r *runPanels) frameOf(g int) runFrame {
	if !r.live() || r.rewinding {
		return r.current()
	}
	return r.shownAt[g]
}

// now is the instant the panels show: the cursor while rewinding, else the
// run's latest.
func (r *runPanels) now() time.Duration {
	if at, ok := r.rewound(); ok {
		return at
	}
	return r.View.h.Elapsed
}

// rewound is the time cursor's instant, if the panels show one.
func (r *runPanels) rewound() (time.Duration, bool) {
	if r.rewinding && !r.live() {
		return min(r.cursor, r.View.h.Elapsed), true
	}
	return 0, false
}

func (r *runPanels) onScrub(ctx app.Context, e app.Event) {
	updateAlone(ctx, r)
	ms, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil {
		return
	}
	r.cursor = time.Duration(ms) * time.Millisecond
	// The range's end is at or past the run's (scrubRange).
	r.rewinding = r.cursor < r.View.h.Elapsed
}

func (r *runPanels) onLive(ctx app.Context, e app.Event) {
	updateAlone(ctx, r)
	r.rewinding = false
}

// mountNext mounts the next group of a new run's panels, and reports
// whether there was one.
func (r *runPanels) mountNext() bool {
	if r.mounting != r.View || r.mounted >= len(sectionGroups) {
		return false
	}
	r.mounted++
	return true
}

// sectionGroups are the panels in the order a new run mounts them, a
// group per frame. Mounted at once, all of them cost one task of 100-250
// ms (go-app building the elements, then the browser styling and laying
// them out), measured on this machine's Chromium on a first run.
var sectionGroups = [...]string{"timings", "lanes", "queues", "log"}

// shown reports whether the group of panels named group is mounted.
func (r *runPanels) shown(group string) bool {
	if !r.live() {
		return true
	}
	for i, g := range sectionGroups {
		if g == group {
			return i < r.mounted
		}
	}
	return true
}

func (r *runPanels) Render() app.UI {
	if r.renderFrom.IsZero() {
		r.renderFrom = time.Now()
	}
	// The narration and the code are in the page from the start and stay
	// where they are: the narration so that its first notice is read out,
	// the code so that go-app, which diffs children by position, keeps it.
	return app.Div().Class("panels-inner").Body(
		app.P().ID("narration").Class("narration").Aria("live", "polite").Aria("atomic", true).Text(r.narration()),
		r.renderRun(),
		newCodeView(r.Spec, r.Lang),
	)
}

func (r *runPanels) narration() string {
	if r.View == nil {
		return ""
	}
	return r.View.notice.In(r.Lang)
}

// pending stands for a group of panels not mounted yet.
func pending() app.UI { return app.Div().Class("card panel-pending").Aria("busy", true) }

func (r *runPanels) renderRun() app.UI {
	v := r.View
	if v == nil {
		return app.Div().Class("run-panels").Body(
			app.Div().Class("card empty").Body(
				app.P().Text(tr(r.Lang, "Set the knobs and press Run: the goroutines' lanes, the queues, the log and the timings appear here as the pattern runs.")),
			),
		)
	}
	if !r.live() && len(v.h.Lanes) == 0 && v.h.Log.Total() == 0 {
		// A worker killed or crashed before its first batch: no panel has
		// anything true to show (the status says what happened).
		return app.Div().Class("run-panels").Body(
			app.Div().Class("card empty").Body(
				app.P().ID("nothing-recorded").Text(tr(r.Lang, "Nothing from this run reached the page: there are no lanes, queues, log or timings to show, and nothing to rewind, keep or export.")),
			),
		)
	}
	if r.mounting != v {
		r.mounting, r.mounted = v, 1
		for g := range r.shownAt {
			r.shownAt[g] = r.current()
		}
	}
	// In sectionGroups' order.
	timing, lane, queue, logged := r.frameOf(0), r.frameOf(1), r.frameOf(2), r.frameOf(3)
	// Live, the slower panels read the latest instant themselves, so that
	// their props, and so their renders, change only with their version.
	instant := time.Duration(-1)
	if at, ok := r.rewound(); ok {
		instant = at
	}
	var result app.UI = app.Div().Class("result-pending")
	if r.Result != nil && !r.live() {
		result = &resultView{Metrics: r.Result.In(r.Lang).Metrics, Lang: r.Lang}
	}
	var compare app.UI = app.Div().Class("compare-none")
	if r.Kept != nil && r.Kept != v {
		compare = &compareView{A: r.Kept, AResult: r.KeptResult, B: v, BResult: r.Result, Running: r.live(), Version: timing.version, Lang: r.Lang}
	}
	var lanes, queues, log app.UI = pending(), pending(), pending()
	if r.shown("lanes") {
		lanes = &goroutineLanes{View: v, Version: lane.version, Now: lane.now, Rewinding: r.rewinding, Lang: r.Lang}
	}
	if r.shown("queues") {
		queues = app.Div().Class("row").Body(
			&queueChart{View: v, Version: queue.slow, Now: instant, Rewinding: r.rewinding, Lang: r.Lang},
			&goroutineList{View: v, Version: queue.slow, Now: instant, Lang: r.Lang},
		)
	}
	if r.shown("log") {
		log = &logView{View: v, Version: logged.events, Now: logged.now, Rewinding: r.rewinding, Lang: r.Lang}
	}
	// "ended" once the panels show the run's end, a frame or more after
	// the status says how it ended.
	state := "ended"
	if r.live() {
		state = "live"
	}
	root := app.Div().Class("run-panels").DataSet("state", state)
	if state == "ended" {
		// How many events the run recorded, what the panels' work per
		// frame could grow with (make bench's rewind step reads it).
		root = root.DataSet("events", v.h.Events.Total())
	}
	return root.Body(
		&timings{View: v, Version: timing.version, Running: r.live(), Rewound: instant >= 0, Lang: r.Lang},
		result,
		r.renderTools(),
		compare,
		lanes,
		queues,
		log,
	)
}

// renderTools is the bar under the result: the time cursor, keep for
// comparison, and the exports. They act on a finished run.
func (r *runPanels) renderTools() app.UI {
	v := r.View
	if r.live() {
		return app.Div().Class("tools-pending")
	}
	l := r.Lang
	top, step := scrubRange(v.h.Elapsed)
	kept := r.Kept == v
	return app.Div().Class("card tools").Body(
		app.Div().Class("scrub").Body(
			app.Label().For("scrub").Text(tr(l, "Rewind")),
			app.Input().ID("scrub").Type("range").Min(0).Max(top).Step(float64(step)).
				Value(r.scrubValue()).Aria("valuetext", trf(l, "%s of %s", patterns.FormatDuration(r.now()), patterns.FormatDuration(v.h.Elapsed))).
				OnInput(r.onScrub),
			app.Output().ID("scrub-at").For("scrub").Text(patterns.FormatDuration(r.now())+" / "+patterns.FormatDuration(v.h.Elapsed)),
			app.Button().ID("live").Type("button").Text(tr(l, "To the end")).Disabled(!r.rewinding).OnClick(r.onLive),
		),
		app.Div().Class("tool-row").Body(
			app.If(!kept, app.Button().ID("keep").Type("button").
				Title(tr(l, "Keep this run, change the knobs, run again: the two are shown side by side.")).
				Text(tr(l, "Keep for comparison")).OnClick(func(ctx app.Context, e app.Event) {
				if r.OnKeep != nil {
					r.OnKeep(ctx)
				}
			})).Else(app.Span().Class("kept-note").Text(tr(l, "Kept for comparison: change the knobs and run again."))),
			app.If(r.Kept != nil, app.Button().ID("drop").Type("button").Text(tr(l, "Stop comparing")).
				OnClick(func(ctx app.Context, e app.Event) {
					if r.OnDrop != nil {
						r.OnDrop(ctx)
					}
				})),
			app.Span().Class("export-label").Text(tr(l, "Export:")),
			app.Button().ID("export-json").Type("button").Text(tr(l, "Events (JSON)")).OnClick(r.onExport, "json"),
			app.Button().ID("export-trace").Type("button").Text(tr(l, "Trace (Perfetto)")).OnClick(r.onExport, "trace"),
			app.Button().ID("export-csv").Type("button").Text(tr(l, "Timings (CSV)")).OnClick(r.onExport, "csv"),
		),
	)
}

func (r *runPanels) onExport(ctx app.Context, e app.Event) {
	ctx.PreventUpdate() // an export changes nothing on the page
	kind := ctx.JSSrc().Get("id").String()
	if err := exportRun(r.View, kind); err != nil {
		app.Log("export:", err)
	}
}
