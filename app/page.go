package app

import (
	"context"
	"errors"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/hostturn"
	"chanlab/patterns/runner"
)

// page shows one pattern: picker, knobs, Run/Stop and the panels.
type page struct {
	app.Compo

	spec     patterns.Spec     // in the page's language
	raw      map[string]string // knob inputs as typed
	values   patterns.Values
	problems map[string]string // knob name → why its input was not used as is
	urlNotes []string          // what was wrong with the link's parameters
	theme    string            // themeAuto, themeLight or themeDark (theme.go)
	linkArgs url.Values        // the link's parameters, for its notes in another language

	// lang is the page's language: the link's lang=, else the browser's,
	// else English. langSet says it was chosen (by the link or the
	// switch), and so belongs in the address bar.
	lang    i18n.Lang
	langSet bool

	// The current or last run.
	running bool
	cancel  context.CancelFunc // stops the current run
	run     *runView
	result  *patterns.Result
	kept    *runView // a finished run kept for comparison
	keptRes *patterns.Result
	end     *runEnd // how the last run ended
	detail  string  // the rest of a failure's text: a panic's stack, the runtime's last words

	live bool // the wasm app runs: false in the server's pre-rendered page

	// ctx is the page's own context, from OnMount. A run belongs to the
	// page (onRun), not to the element whose handler started it.
	ctx app.Context

	warm *warmUp // the first visit's warm-up (warmup.go), once started

	// embed is the layout for a course page's iframe (/embed/<id>): the
	// pattern, its knobs and its panels, driven by the parent page too
	// (see embed.go). origin is the page's scheme and host, and base the
	// path chanlab lives under (base.go), for links.
	embed  bool
	origin string
	base   string
	parent *parentLink // the framing page, in an embed that has one
}

func (p *page) OnMount(ctx app.Context) {
	p.live, p.ctx = true, ctx
	// Start the runner now, while the learner reads and sets knobs: the
	// first Run then does not wait for the worker's wasm to load. On a
	// first visit it warms its code up first (runners.warmNext), as the
	// page does with the warm-up (warmup.go), for the same reasons, and
	// not in an embed (OnNav, which sets p.embed, comes after OnMount).
	if app.IsClient && !isEmbed(ctx) && !warmedBefore() {
		theRunners.warmNext()
	}
	ctx.Async(func() { theRunners.prepare(ctx) })
	if app.IsClient {
		p.after(ctx, warmDelay, p.prepareFirstRun)
		ctx.Async(func() {
			watchUI(ctx, uiWatchEvery, uiStuckAfter, func(f func()) {
				ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: p, Function: func(app.Context) { f() }})
			}, func() {
				// p.lang is the UI goroutine's, which has stopped.
				reportStuckUI(p.lang)
			})
		})
	}
}

// prepareFirstRun warms the code on a first visit (warmup.go), then grows
// the heap ahead of the first run (growHeap), unless the learner has run a
// pattern already: that run warms the code and grows the heap. A hidden
// page waits until it is seen. An embed does neither: a course page may
// hold several, most of them patterns whose runs never need either, and
// all of them sharing the course page's thread.
func (p *page) prepareFirstRun(ctx app.Context) {
	if p.embed || p.warm != nil || runStarted.Load() {
		return
	}
	w, err := startWarmUp(under(p.base, warmPath), growHeap)
	switch {
	case errors.Is(err, errHidden):
		p.after(ctx, warmDelay, p.prepareFirstRun)
	case w == nil:
		growHeap()
	default:
		p.warm = w
	}
}

// after runs f on the UI goroutine after d, without re-rendering the page
// (ctx.After would).
func (p *page) after(ctx app.Context, d time.Duration, f func(app.Context)) {
	ctx.Async(func() {
		time.Sleep(d)
		ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: p, Function: f})
	})
}

func (p *page) OnPreRender(ctx app.Context) { p.load(ctx, ctx.Page().URL()) }

func (p *page) OnNav(ctx app.Context) {
	p.stop()
	p.load(ctx, ctx.Page().URL())
	if p.embed {
		p.connectParent(ctx)
	}
}

// OnDismount stops a run when the page goes away, so no goroutine outlives
// it.
func (p *page) OnDismount() {
	p.stop()
	p.warm.stop()
	p.parent.close()
	p.parent = nil
}

// connectParent opens the embed's message API to the page framing it, and
// says it is ready. Without a framing page, or when the browser hides the
// parent's origin, there is no API: the embed works as a page.
func (p *page) connectParent(ctx app.Context) {
	if p.parent == nil {
		link, err := openParentLink(func(data []byte) {
			if cmd, ok := parseCommand(data); ok {
				ctx.Dispatch(func(ctx app.Context) { p.onParent(ctx, cmd) })
			}
		})
		if err != nil {
			return
		}
		p.parent = link
	}
	params := []any{}
	for _, prm := range p.spec.Params {
		params = append(params, prm.Name)
	}
	p.parent.post(message(msgReady, map[string]any{"pattern": p.spec.ID, "knobs": p.spec.Query(p.values).Encode(), "theme": themeName(p.theme), "params": params, "lang": string(p.lang)}))
}

// onParent carries out a command from the framing page, as the learner's
// own clicks and typing would.
func (p *page) onParent(ctx app.Context, cmd parentCommand) {
	switch cmd.Type {
	case msgSet:
		problems := []any{}
		names, inputs := knobInputs(cmd.Knobs)
		// The page's language, set like a knob: first, as the messages
		// about the theme and the knobs are in it, and also during a
		// run, as the language switch does.
		if i := slices.Index(names, langParam); i >= 0 {
			if l, ok := i18n.Parse(inputs[i]); ok {
				p.setLang(ctx, l)
			} else {
				problems = append(problems, trf(p.lang, "lang=%q is not a language chanlab has (en, ko).", patterns.Brief(inputs[i])))
			}
			names, inputs = slices.Delete(names, i, i+1), slices.Delete(inputs, i, i+1)
		}
		// The theme changes how the embed looks, not the run: it may
		// change during one.
		if raw, ok := cmd.theme(); ok {
			theme, valid := parseTheme(raw)
			if !valid {
				problems = append(problems, themeNote(p.lang, raw))
			}
			p.onTheme(ctx, theme)
		}
		switch {
		case len(names) == 0: // the theme or the language alone, or nothing
		case p.running:
			problems = append(problems, tr(p.lang, "A run is going on: stop it before setting knobs."))
		default:
			known := map[string]bool{}
			for _, prm := range p.spec.Params {
				known[prm.Name] = true
			}
			for i, name := range names {
				if !known[name] {
					problems = append(problems, trf(p.lang, "Ignored %q: %s has no such knob.", patterns.Brief(name), p.spec.Title))
					continue
				}
				p.onKnob(ctx, name, inputs[i])
				if msg := p.problems[name]; msg != "" {
					problems = append(problems, msg)
				}
			}
		}
		p.parent.post(message(msgKnobs, map[string]any{"knobs": p.spec.Query(p.values).Encode(), "theme": themeName(p.theme), "problems": problems, "lang": string(p.lang)}))
	case msgRun:
		p.onRun(ctx, app.Event{})
	case msgStop:
		p.stopRun()
	}
}

// isEmbed reports whether the page is a course page's embed (/embed/<id>).
func isEmbed(ctx app.Context) bool {
	return strings.HasPrefix(routeOf(basePath(ctx), ctx.Page().URL().Path), embedPrefix)
}

// load shows the pattern named by u's path with the knobs in its query.
func (p *page) load(ctx app.Context, u *url.URL) {
	p.base = basePath(ctx)
	route := routeOf(p.base, u.Path)
	p.embed = strings.HasPrefix(route, embedPrefix)
	if u.Host != "" {
		p.origin = u.Scheme + "://" + u.Host
	}
	id := strings.Trim(strings.TrimPrefix(route, embedPrefix), "/")
	spec, ok := patterns.Lookup(id)
	if !ok {
		spec = patterns.All()[0]
	}
	q := u.Query()
	p.lang, p.langSet = pageLang(q)
	spec = spec.In(p.lang)
	p.spec, p.linkArgs = spec, q
	vals, problems := spec.Parse(q)
	p.values, p.problems, p.raw = vals, map[string]string{}, map[string]string{}
	for _, pr := range problems {
		p.problems[pr.Param] = pr.Message
	}
	p.theme, _ = parseTheme(q.Get(themeParam))
	showTheme(p.theme)
	for _, prm := range spec.Params {
		p.raw[prm.Name] = prm.Format(vals[prm.Name])
	}
	p.urlNotes = p.linkNotes()
	if p.kept != nil && p.kept.pattern != spec.ID {
		p.kept, p.keptRes = nil, nil
	}
	p.run, p.result, p.end, p.detail = nil, nil, nil, ""
	p.showLang(ctx)
}

// langParam is the URL parameter, and the embed's set key, for the page's
// language.
const langParam = "lang"

// pageLang is the language the link asks for, and whether it asks: its
// lang= if that is one, else the browser's, else English.
func pageLang(q url.Values) (l i18n.Lang, chosen bool) {
	if l, ok := i18n.Parse(q.Get(langParam)); ok {
		return l, true
	}
	return i18n.FromBrowser(browserLangs()), false
}

// linkNotes says what was wrong with the link's parameters, in the page's
// language: a bad lang=, knob values that could not be used, parameters
// that are not knobs.
func (p *page) linkNotes() []string {
	q := p.linkArgs
	var notes []string
	if q.Has(langParam) {
		if _, ok := i18n.Parse(q.Get(langParam)); !ok {
			notes = append(notes, trf(p.lang, "lang=%q is not a language chanlab has (en, ko).", patterns.Brief(q.Get(langParam))))
		}
	}
	if raw := q.Get(themeParam); raw != "" {
		if _, ok := parseTheme(raw); !ok {
			notes = append(notes, themeNote(p.lang, raw))
		}
	}
	_, problems := p.spec.Parse(q)
	for _, pr := range problems {
		notes = append(notes, pr.Message)
	}
	known := map[string]bool{langParam: true, themeParam: true}
	for _, prm := range p.spec.Params {
		known[prm.Name] = true
	}
	var unknown []string
	for k := range q {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		notes = append(notes, trf(p.lang, "Ignored %q: %s has no such knob.", patterns.Brief(k), p.spec.Title))
	}
	return notes
}

// setLang shows the page in l: every text, the knobs' messages, the link's
// notes and the address bar's lang=. A run, its panels and the knobs as
// typed stay as they are.
func (p *page) setLang(ctx app.Context, l i18n.Lang) {
	p.lang, p.langSet = l, true
	base, _ := patterns.Lookup(p.spec.ID)
	p.spec = base.In(l)
	// A message stands for a value typed, or, when the input shows the
	// safe value, for the link's.
	for _, prm := range p.spec.Params {
		if _, bad := p.problems[prm.Name]; bad {
			_, msg := prm.Parse(p.raw[prm.Name])
			if msg == "" {
				_, msg = prm.Parse(p.linkArgs.Get(prm.Name))
			}
			p.problems[prm.Name] = msg
		}
	}
	p.urlNotes = p.linkNotes()
	p.showLang(ctx)
	replaceURL(p.permalink())
}

func (p *page) onLang(ctx app.Context, e app.Event) {
	if l, ok := i18n.Parse(ctx.JSSrc().Get("value").String()); ok && l != p.lang {
		p.setLang(ctx, l)
	}
}

// showLang sets the document's language, for screen readers and fonts,
// and its title.
func (p *page) showLang(ctx app.Context) {
	ctx.Page().SetLang(string(p.lang))
	ctx.Page().SetTitle(p.spec.Title + " · chanlab")
}

// onKnob takes a knob's input as typed: it is checked at once, and a value
// that cannot be used gets a message beside the input and a safe value.
func (p *page) onKnob(ctx app.Context, name, raw string) {
	for _, prm := range p.spec.Params {
		if prm.Name != name {
			continue
		}
		v, msg := prm.Parse(raw)
		p.raw[name], p.values[name] = raw, v
		if msg == "" {
			delete(p.problems, name)
		} else {
			p.problems[name] = msg
		}
	}
	replaceURL(p.permalink())
}

// onTheme shows the page in theme, and keeps it in the address bar.
func (p *page) onTheme(ctx app.Context, theme string) {
	p.theme, _ = parseTheme(theme)
	showTheme(p.theme)
	replaceURL(p.permalink())
}

// permalink is the page's path and query for the current knobs and theme,
// and the language when it was chosen rather than the browser's.
func (p *page) permalink() string {
	path := "/" + p.spec.ID
	if p.embed {
		path = embedPrefix + p.spec.ID
	}
	q := p.spec.Query(p.values)
	if p.langSet {
		q.Set(langParam, string(p.lang))
	}
	u := url.URL{Path: under(p.base, path), RawQuery: q.Encode()}
	return withTheme(u.String(), p.theme)
}

// links are the absolute URLs of the full page, with the current knobs and
// theme, and of the embed, with the knobs only (the Embed dialog chooses
// the embed's theme); both with the page's language unless it is the
// fallback nobody chose: whoever opens them reads what the sender read (a
// course page's embed for Korean learners stays Korean), while an English
// link lets the reader's browser choose.
func (p *page) links() (page, embed string) {
	q := p.spec.Query(p.values)
	if p.langSet || p.lang != i18n.En {
		q.Set(langParam, string(p.lang))
	}
	query := q.Encode()
	if query != "" {
		query = "?" + query
	}
	return withTheme(p.origin+under(p.base, "/"+p.spec.ID)+query, p.theme), p.origin + under(p.base, embedPrefix+p.spec.ID) + query
}

// knobsText is the knobs as a person reads them: "buffer=1 · consumers=3".
func (p *page) knobsText() string {
	parts := make([]string, 0, len(p.spec.Params))
	for _, prm := range p.spec.Params {
		parts = append(parts, prm.Name+"="+prm.Format(p.values[prm.Name]))
	}
	return strings.Join(parts, " · ")
}

// onKeep keeps the last run for comparison with the next ones.
func (p *page) onKeep(ctx app.Context) {
	if p.run != nil && !p.running {
		p.kept, p.keptRes = p.run, p.result
	}
}

func (p *page) onDrop(ctx app.Context) { p.kept, p.keptRes = nil, nil }

func (p *page) onPick(ctx app.Context, id string) {
	if id != p.spec.ID {
		ctx.Navigate(withTheme(under(p.base, "/"+id), p.theme))
	}
}

func (p *page) onRun(_ app.Context, e app.Event) {
	if p.running {
		return
	}
	// Not the handler's context: that is the Run button's, which ends, and
	// whose dispatches go-app drops, once a render replaces the button. One
	// did when the learner picked another pattern mid-run from a link with
	// notes (the controls moved up a place): the run's end never reached
	// the page, left "Running…".
	ctx := p.ctx
	// The run warms what the warm-up has not, and grows the heap as it
	// needs: the two would only share the cores.
	p.warm.stop()
	noteRun()
	// The page's context is cancelled when the page is dismounted; the
	// run's is also cancelled by Stop.
	runCtx, cancel := context.WithCancel(ctx)
	id, query := p.spec.ID, p.spec.Query(p.values).Encode()
	// Exports are in English, like the log: the title is the spec's own.
	base, _ := patterns.Lookup(id)
	view := newRunView(id, base.Title, query, p.knobsText())
	p.running, p.cancel, p.run = true, cancel, view
	p.parent.post(message(msgStarted, map[string]any{"pattern": id, "knobs": query}))
	p.result, p.end, p.detail = nil, nil, ""
	moveFocus(ctx, "run", "stop")

	// This goroutine is the only one that closes view.done: the panels'
	// refresh loop then brings them to the run's end (runPanels.showEnd).
	ctx.Async(func() {
		defer cancel()
		end := execute(runCtx, ctx, view, id, query)
		close(view.done)
		// The panels fold what the run recorded last, in slices (see
		// runPanels.showEnd), and then the page says how it ended, in a
		// render of its own: the panels show their end after it. If
		// they do not fold it, because they are not watching this run,
		// finish does.
		select {
		case <-view.allFolded:
		case <-time.After(foldedWait):
		case <-ctx.Done():
			return
		}
		hostturn.Yield(ctx, runner.TurnEvery)
		ctx.Dispatch(func(ctx app.Context) { p.finish(ctx, view, end) })
	})
}

// foldedWait is how long a run's end waits for the panels to fold what it
// recorded last. A flood's backlog takes them a few frames; panels that
// are not watching the run must not leave the page "Running…".
const foldedWait = 2 * time.Second

// stopGrace is how long a run may take to stop before its runner is
// terminated.
const stopGrace = 500 * time.Millisecond

// runEnd is how a run ended, as its runner reported it.
type runEnd struct {
	result  patterns.Result
	outcome runner.Outcome
	err     i18n.Text // the run's error: a deadlock's or the runner's in both languages, a panic as the runtime wrote it
	why     string    // for a runner that failed: what went wrong, a UI text
	took    time.Duration
}

// text says how the run ended, in a line, in language l. The run's own
// error stays as the program wrote it, like its log.
func (e *runEnd) text(l i18n.Lang) string {
	switch e.outcome {
	case runner.Finished:
		return trf(l, "Finished in %s.", e.took)
	case runner.Deadlocked:
		return trf(l, "Stopped after %s: %s.", e.took, e.err.In(l))
	case runner.Stopped:
		return trf(l, "Stopped after %s.", e.took)
	}
	// A panic or a dead runtime comes with a stack: the first line says
	// what happened, the rest is there for whoever wants it.
	first, _, _ := strings.Cut(e.err.In(l), "\n")
	if e.why != "" {
		first = tr(l, e.why) + ": " + first
	}
	return trf(l, "Failed: %s", first)
}

func (e *runEnd) failed() bool { return e.outcome == runner.Deadlocked || e.outcome == runner.Failed }

// execute runs pattern id with the knobs in query on the runner (a Web
// Worker in the browser) and waits for it to end, or for runCtx to be
// cancelled, in which case it stops the run and, if the run does not stop
// within stopGrace, terminates the runner. It first waits for the runner,
// should another run still have it (one stopping, its page left).
func execute(runCtx context.Context, ctx app.Context, view *runView, id, query string) runEnd {
	c, err := theRunners.take(runCtx)
	if err != nil {
		if runCtx.Err() != nil {
			// Stopped while it waited for the runner: it never started.
			return runEnd{outcome: runner.Stopped}
		}
		return runEnd{outcome: runner.Failed, why: "the runner did not start (Run tries again)", err: i18n.Text{En: err.Error()}}
	}
	run, err := runner.StartRun(c, id, query)
	if err != nil {
		theRunners.give(c, false)
		return runEnd{outcome: runner.Failed, why: "the runner is gone", err: i18n.Text{En: err.Error()}}
	}
	ctx.Dispatch(func(app.Context) { view.src = run })
	killed := false
	select {
	case <-run.Done():
	case <-runCtx.Done():
		killed = run.Stop(stopGrace)
	}
	res, outcome, msg := run.End()
	// A runner that crashed is dead; one whose pattern failed is not, but
	// a fresh one costs little and is surely sound.
	theRunners.give(c, !killed && outcome != runner.Failed)
	return runEnd{result: res, outcome: outcome, err: msg}
}

// moveFocus moves the keyboard focus from the button from, which is about
// to be disabled, to the button to, once it is enabled: otherwise the focus
// would fall back to the page's start.
func moveFocus(ctx app.Context, from, to string) {
	if !app.IsClient {
		return
	}
	if active := app.Window().Get("document").Get("activeElement"); !active.Truthy() || active.Get("id").String() != from {
		return
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(to); el.Truthy() {
			el.Call("focus")
		}
	})
}

// finish says how the run of view ended. One run goes at a time, so the
// run is over for the page even if it shows another pattern now (the
// learner moved on mid-run, which stopped it): Run is enabled again.
func (p *page) finish(ctx app.Context, view *runView, end runEnd) {
	p.running, p.cancel = false, nil
	if p.run != view {
		return
	}
	view.settle()
	p.result = &end.result
	view.notice = i18n.Text{} // the status line says how it ended
	moveFocus(ctx, "stop", "run")
	end.took = view.h.Elapsed.Round(time.Millisecond)
	p.end = &end
	if end.outcome == runner.Failed {
		_, rest, _ := strings.Cut(end.err.En, "\n")
		p.detail = strings.TrimSpace(rest)
	}
	view.endedAs, view.outcome = end.outcome.String(), end.text(i18n.En)
	view.figures = exportFigures(end.result)
	p.parent.post(finishedMessage(view.pattern, view.query, p.state(), end.text(p.lang), p.result, view.h.Timings()))
}

// onStop stops the run. The page shows nothing new until the run has
// ended (finish), and the live panels stop folding and rendering
// (runPanels.liveFrames): a render now would only take the page's thread
// while the run's end is on its way. Once the run has ended, finish's render may
// be pending, and PreventUpdate would drop it: the click then changes
// nothing.
func (p *page) onStop(ctx app.Context, e app.Event) {
	if p.cancel == nil {
		return
	}
	ctx.PreventUpdate()
	p.stopRun()
}

// stopRun stops the run as Stop does (onStop), the embed's stop command
// too.
func (p *page) stopRun() {
	if p.cancel == nil {
		return
	}
	if p.run != nil { // nil once the learner has moved on, the run still stopping
		p.run.stopping = true
	}
	p.stop()
}

func (p *page) stop() {
	if p.cancel != nil {
		p.cancel()
	}
}

func (p *page) Render() app.UI {
	if p.embed {
		return p.renderEmbed()
	}
	pageLink, embedLink := p.links()
	return app.Div().Class("shell").DataSet("live", p.live).Body(
		stateFills(),
		&updatePrompt{Lang: p.lang},
		app.Header().Class("topbar").Body(
			app.A().Class("brand").Href(withTheme(under(p.base, "/"), p.theme)).Body(
				app.Img().Src("/web/icon.svg").Alt("").Width(28).Height(28),
				app.Span().Text("chanlab"),
			),
			app.Span().Class("tagline").Text(tr(p.lang, "see concurrency: Python's classic patterns, live in Go")),
			&picker{Current: p.spec.ID, OnPick: p.onPick, Lang: p.lang},
			p.renderLangSwitch(),
			&themeSwitch{ID: "theme", Label: tr(p.lang, "Theme"), Current: p.theme, OnTheme: p.onTheme, Lang: p.lang},
		),
		app.Main().Class("layout").Body(
			app.Section().Class("side").Body(
				p.renderIntro(),
				p.renderURLNotes(),
				p.renderKnobs(),
				p.renderControls(),
				&share{Link: pageLink, Embed: embedLink, Title: p.spec.Title, Theme: p.theme, Lang: p.lang},
			),
			p.renderPanels(),
		),
		app.Footer().Class("foot").Body(
			app.Text(tr(p.lang, "chanlab runs each pattern's real goroutines in your browser (Go compiled to WebAssembly). Every number is measured from the run.")),
		),
	)
}

// renderEmbed is the layout in a course page's iframe: the pattern, its
// knobs and its panels, in one column from 320 px wide, and a way out to
// the full chanlab.
func (p *page) renderEmbed() app.UI {
	pageLink, _ := p.links()
	return app.Div().Class("shell embed").DataSet("live", p.live).Body(
		stateFills(),
		&updatePrompt{Lang: p.lang},
		app.Main().Class("layout").Body(
			app.Section().Class("side").Body(
				p.renderIntro(),
				p.renderURLNotes(),
				p.renderKnobs(),
				p.renderControls(),
				app.P().Class("open-full").Body(
					// In a new tab: the course page stays. go-app would
					// otherwise navigate this frame itself.
					app.A().ID("open-in-chanlab").Href(pageLink).Target("_blank").Rel("noopener").
						Text(tr(p.lang, "Open in chanlab ↗")).
						OnClick(func(ctx app.Context, e app.Event) { e.Call("stopPropagation") }),
				),
			),
			p.renderPanels(),
		),
	)
}

// renderLangSwitch is the language switch: a select, which a keyboard
// reaches and changes like any other, each language named in itself. It
// looks like the pattern picker beside it.
func (p *page) renderLangSwitch() app.UI {
	return app.Label().Class("picker lang-switch").Body(
		app.Span().Class("visually-hidden").Text(tr(p.lang, "Language")),
		app.Select().ID("lang").Aria("label", tr(p.lang, "Language")).OnChange(p.onLang).Body(
			app.Range(i18n.All).Slice(func(i int) app.UI {
				l := i18n.All[i]
				return app.Option().Value(string(l)).Attr("lang", string(l)).Selected(l == p.lang).Text(l.Name())
			}),
		),
	)
}

func (p *page) renderIntro() app.UI {
	return app.Div().Class("card intro").Body(
		app.P().Class("topic").Text(p.spec.Topic),
		app.H1().Text(p.spec.Title),
		app.P().Class("lesson").Text(p.spec.Lesson),
		app.If(p.spec.Python != "", app.P().Class("python").Body(
			app.Span().Text(tr(p.lang, "In Python: ")), app.Code().Text(p.spec.Python),
		)),
	)
}

func (p *page) renderURLNotes() app.UI {
	return app.If(len(p.urlNotes) > 0, app.Div().Class("card notice").Aria("live", "polite").Body(
		app.P().Text(tr(p.lang, "Some values in the link could not be used:")),
		app.Ul().Body(app.Range(p.urlNotes).Slice(func(i int) app.UI {
			return app.Li().Text(p.urlNotes[i])
		})),
	))
}

func (p *page) renderKnobs() app.UI {
	return &knobForm{
		Params:   p.spec.Params,
		Raw:      maps.Clone(p.raw),
		Problems: maps.Clone(p.problems),
		Disabled: p.running,
		OnKnob:   p.onKnob,
		Lang:     p.lang,
	}
}

func (p *page) renderControls() app.UI {
	return app.Div().Body(
		app.Div().Class("controls").Body(
			app.Button().ID("run").Class("primary").Type("button").Text(tr(p.lang, "Run")).
				Disabled(p.running).OnClick(p.onRun),
			app.Button().ID("stop").Type("button").Text(tr(p.lang, "Stop")).
				Disabled(!p.running).OnClick(p.onStop),
			app.Span().ID("status").Class("status").DataSet("state", p.state()).
				Aria("live", "polite").Text(p.statusText()),
		),
		app.If(p.detail != "", app.Details().Class("card failure").Body(
			app.Summary().Text(tr(p.lang, "What the Go runtime said")),
			app.Pre().ID("failure-detail").Body(app.Code().Text(p.detail)),
		)),
	)
}

func (p *page) renderPanels() app.UI {
	return app.Section().Class("panels").Body(&runPanels{
		View: p.run, Result: p.result, Running: p.running, Spec: p.spec, Lang: p.lang,
		Kept: p.kept, KeptResult: p.keptRes, OnKeep: p.onKeep, OnDrop: p.onDrop,
	})
}

func (p *page) state() string {
	switch {
	case p.running:
		return "running"
	case p.end != nil && p.end.failed():
		return "failed"
	case p.end != nil && p.end.outcome == runner.Stopped:
		return "stopped"
	case p.result != nil:
		return "done"
	}
	return "idle"
}

func (p *page) statusText() string {
	switch {
	case p.running:
		return tr(p.lang, "Running…")
	case p.end != nil:
		return p.end.text(p.lang)
	}
	return tr(p.lang, "Ready.")
}
