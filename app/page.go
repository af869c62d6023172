package app

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns"
	"chanlab/patterns/runner"
)

// page shows one pattern: picker, knobs, Run/Stop and the panels.
type page struct {
	app.Compo

	spec     patterns.Spec
	raw      map[string]string // knob inputs as typed
	values   patterns.Values
	problems map[string]string // knob name → why its input was not used as is
	urlNotes []string          // what was wrong with the link's parameters
	theme    string            // themeAuto, themeLight or themeDark (theme.go)

	// The current or last run.
	running bool
	cancel  context.CancelFunc // stops the current run
	run     *runView
	result  *patterns.Result
	kept    *runView // a finished run kept for comparison
	keptRes *patterns.Result
	status  string // how the last run ended, in a line
	detail  string // the rest of a failure's text: a panic's stack, the runtime's last words
	failed  bool

	live bool // the wasm app runs: false in the server's pre-rendered page

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
	p.live = true
	// Start the runner now, while the learner reads and sets knobs: the
	// first Run then does not wait for the worker's wasm to load.
	ctx.Async(func() { theRunners.conn() })
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
	p.parent.post(message(msgReady, map[string]any{"pattern": p.spec.ID, "knobs": p.spec.Query(p.values).Encode(), "theme": themeName(p.theme), "params": params}))
}

// onParent carries out a command from the framing page, as the learner's
// own clicks and typing would.
func (p *page) onParent(ctx app.Context, cmd parentCommand) {
	switch cmd.Type {
	case msgSet:
		problems := []any{}
		// The theme changes how the embed looks, not the run: it may
		// change during one.
		if raw, ok := cmd.theme(); ok {
			theme, note := parseTheme(raw)
			if note != "" {
				problems = append(problems, note)
			}
			p.onTheme(ctx, theme)
		}
		switch {
		case len(cmd.Knobs) == 0: // the theme alone, or nothing
		case p.running:
			problems = append(problems, "A run is going on: stop it before setting knobs.")
		default:
			known := map[string]bool{}
			for _, prm := range p.spec.Params {
				known[prm.Name] = true
			}
			names, inputs := knobInputs(cmd.Knobs)
			for i, name := range names {
				if !known[name] {
					problems = append(problems, fmt.Sprintf("Ignored %q: %s has no such knob.", name, p.spec.Title))
					continue
				}
				p.onKnob(ctx, name, inputs[i])
				if msg := p.problems[name]; msg != "" {
					problems = append(problems, msg)
				}
			}
		}
		p.parent.post(message(msgKnobs, map[string]any{"knobs": p.spec.Query(p.values).Encode(), "theme": themeName(p.theme), "problems": problems}))
	case msgRun:
		p.onRun(ctx, app.Event{})
	case msgStop:
		p.stop()
	}
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
	p.spec = spec
	q := u.Query()
	vals, problems := spec.Parse(q)
	p.values, p.problems, p.raw, p.urlNotes = vals, map[string]string{}, map[string]string{}, nil
	for _, pr := range problems {
		p.problems[pr.Param] = pr.Message
		p.urlNotes = append(p.urlNotes, pr.Message)
	}
	theme, note := parseTheme(q.Get(themeParam))
	if note != "" {
		p.urlNotes = append(p.urlNotes, note)
	}
	p.theme = theme
	showTheme(theme)
	known := map[string]bool{themeParam: true}
	for _, prm := range spec.Params {
		known[prm.Name] = true
		p.raw[prm.Name] = prm.Format(vals[prm.Name])
	}
	var unknown []string
	for k := range q {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		p.urlNotes = append(p.urlNotes, fmt.Sprintf("Ignored %q: %s has no such knob.", k, spec.Title))
	}
	if p.kept != nil && p.kept.pattern != spec.ID {
		p.kept, p.keptRes = nil, nil
	}
	p.run, p.result, p.status, p.detail, p.failed = nil, nil, "", "", false
	ctx.Page().SetTitle(spec.Title + " · chanlab")
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

// permalink is the page's path and query for the current knobs and theme.
func (p *page) permalink() string {
	path := "/" + p.spec.ID
	if p.embed {
		path = embedPrefix + p.spec.ID
	}
	u := url.URL{Path: under(p.base, path), RawQuery: p.spec.Query(p.values).Encode()}
	return withTheme(u.String(), p.theme)
}

// links are the absolute URLs of the full page, with the current knobs and
// theme, and of the embed, with the knobs only: the Embed dialog chooses
// the embed's theme.
func (p *page) links() (page, embed string) {
	q := p.spec.Query(p.values).Encode()
	if q != "" {
		q = "?" + q
	}
	return withTheme(p.origin+under(p.base, "/"+p.spec.ID)+q, p.theme), p.origin + under(p.base, embedPrefix+p.spec.ID) + q
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

func (p *page) onRun(ctx app.Context, e app.Event) {
	if p.running {
		return
	}
	// The page's context is cancelled when the page is dismounted; the
	// run's is also cancelled by Stop.
	runCtx, cancel := context.WithCancel(ctx)
	id, query := p.spec.ID, p.spec.Query(p.values).Encode()
	view := newRunView(id, p.spec.Title, query, p.knobsText())
	p.running, p.cancel, p.run = true, cancel, view
	p.parent.post(message(msgStarted, map[string]any{"pattern": id, "knobs": query}))
	p.result, p.status, p.detail, p.failed = nil, "", "", false
	moveFocus(ctx, "run", "stop")

	// This goroutine is the only one that closes view.done: the panels'
	// refresh loop stops then.
	ctx.Async(func() {
		defer cancel()
		end := execute(runCtx, ctx, view, id, query)
		close(view.done)
		ctx.Dispatch(func(ctx app.Context) { p.finish(ctx, view, end) })
	})
}

// stopGrace is how long a run may take to stop before its runner is
// terminated.
const stopGrace = 500 * time.Millisecond

// runEnd is how a run ended, as its runner reported it.
type runEnd struct {
	result  patterns.Result
	outcome runner.Outcome
	err     string
}

// execute runs pattern id with the knobs in query on the runner (a Web
// Worker in the browser) and waits for it to end, or for runCtx to be
// cancelled, in which case it stops the run and, if the run does not stop
// within stopGrace, terminates the runner.
func execute(runCtx context.Context, ctx app.Context, view *runView, id, query string) runEnd {
	c, err := theRunners.conn()
	if err != nil {
		return runEnd{outcome: runner.Failed, err: "the runner did not start: " + err.Error()}
	}
	run, err := runner.StartRun(c, id, query)
	if err != nil {
		theRunners.discard(c)
		return runEnd{outcome: runner.Failed, err: "the runner is gone: " + err.Error()}
	}
	ctx.Dispatch(func(app.Context) { view.src = run })
	select {
	case <-run.Done():
	case <-runCtx.Done():
		if killed := run.Stop(stopGrace); killed {
			theRunners.discard(c)
		}
	}
	res, outcome, msg := run.End()
	if outcome == runner.Failed {
		// A runner that crashed is dead; one whose pattern failed is
		// not, but a fresh one costs little and is surely sound.
		theRunners.discard(c)
	}
	return runEnd{res, outcome, msg}
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

func (p *page) finish(ctx app.Context, view *runView, end runEnd) {
	view.settle()
	if p.run != view {
		return // a newer run or page replaced this one
	}
	p.running, p.cancel = false, nil
	p.result = &end.result
	view.notice = "" // the status line says how it ended
	moveFocus(ctx, "stop", "run")
	took := view.h.Elapsed.Round(time.Millisecond)
	switch end.outcome {
	case runner.Finished:
		p.status = fmt.Sprintf("Finished in %s.", took)
	case runner.Deadlocked:
		p.status, p.failed = fmt.Sprintf("Stopped after %s: %s.", took, end.err), true
	case runner.Stopped:
		p.status = fmt.Sprintf("Stopped after %s.", took)
	default:
		// A panic or a dead runtime comes with a stack: the first line
		// says what happened, the rest is there for whoever wants it.
		first, rest, _ := strings.Cut(end.err, "\n")
		p.status, p.detail, p.failed = "Failed: "+first, strings.TrimSpace(rest), true
	}
	view.outcome = p.status
	p.parent.post(finishedMessage(view.pattern, view.query, p.state(), p.status, p.result, view.h.Timings()))
}

func (p *page) onStop(ctx app.Context, e app.Event) { p.stop() }

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
		&updatePrompt{},
		app.Header().Class("topbar").Body(
			app.A().Class("brand").Href(withTheme(under(p.base, "/"), p.theme)).Body(
				app.Img().Src("/web/icon.svg").Alt("").Width(28).Height(28),
				app.Span().Text("chanlab"),
			),
			app.Span().Class("tagline").Text("see concurrency: Python's classic patterns, live in Go"),
			&picker{Current: p.spec.ID, OnPick: p.onPick},
			&themeSwitch{ID: "theme", Label: "Theme", Current: p.theme, OnTheme: p.onTheme},
		),
		app.Main().Class("layout").Body(
			app.Section().Class("side").Body(
				p.renderIntro(),
				p.renderURLNotes(),
				p.renderKnobs(),
				p.renderControls(),
				&share{Link: pageLink, Embed: embedLink, Title: p.spec.Title, Theme: p.theme},
			),
			p.renderPanels(),
		),
		app.Footer().Class("foot").Body(
			app.Text("chanlab runs each pattern's real goroutines in your browser (Go compiled to WebAssembly). Every number is measured from the run."),
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
		&updatePrompt{},
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
						Text("Open in chanlab ↗").
						OnClick(func(ctx app.Context, e app.Event) { e.Call("stopPropagation") }),
				),
			),
			p.renderPanels(),
		),
	)
}

func (p *page) renderIntro() app.UI {
	return app.Div().Class("card intro").Body(
		app.P().Class("topic").Text(p.spec.Topic),
		app.H1().Text(p.spec.Title),
		app.P().Class("lesson").Text(p.spec.Lesson),
		app.If(p.spec.Python != "", app.P().Class("python").Body(
			app.Span().Text("In Python: "), app.Code().Text(p.spec.Python),
		)),
	)
}

func (p *page) renderURLNotes() app.UI {
	return app.If(len(p.urlNotes) > 0, app.Div().Class("card notice").Aria("live", "polite").Body(
		app.P().Text("Some values in the link could not be used:"),
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
	}
}

func (p *page) renderControls() app.UI {
	return app.Div().Body(
		app.Div().Class("controls").Body(
			app.Button().ID("run").Class("primary").Type("button").Text("Run").
				Disabled(p.running).OnClick(p.onRun),
			app.Button().ID("stop").Type("button").Text("Stop").
				Disabled(!p.running).OnClick(p.onStop),
			app.Span().ID("status").Class("status").DataSet("state", p.state()).
				Aria("live", "polite").Text(p.statusText()),
		),
		app.If(p.detail != "", app.Details().Class("card failure").Body(
			app.Summary().Text("What the Go runtime said"),
			app.Pre().ID("failure-detail").Body(app.Code().Text(p.detail)),
		)),
	)
}

func (p *page) renderPanels() app.UI {
	return app.Section().Class("panels").Body(&runPanels{
		View: p.run, Result: p.result, Running: p.running, Spec: p.spec,
		Kept: p.kept, KeptResult: p.keptRes, OnKeep: p.onKeep, OnDrop: p.onDrop,
	})
}

func (p *page) state() string {
	switch {
	case p.running:
		return "running"
	case p.failed:
		return "failed"
	case p.result != nil:
		return "done"
	}
	return "idle"
}

func (p *page) statusText() string {
	switch {
	case p.running:
		return "Running…"
	case p.status != "":
		return p.status
	}
	return "Ready."
}
