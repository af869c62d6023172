package app

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/history"
	"chanlab/patterns/timeline"
)

// maxLanes bounds the lanes drawn; the rest are counted.
const maxLanes = 64

// laneW is a lane's width in SVG units; the lane is stretched to the card.
const laneW = 1000.0

// goroutineLanes draws one lane per goroutine, time flowing right: each
// stretch of the run filled by the state the goroutine spent most of it in,
// in a colour and a fill pattern of its own (colour-blind safe: the pattern
// alone tells the states apart). Pointing at a lane, or focusing it and
// pressing the arrow keys, reads out the state at that instant: what it
// waited on and for how long.
type goroutineLanes struct {
	app.Compo

	View      *runView
	Version   int
	Now       time.Duration // the instant shown: the cursor's, or the latest
	Rewinding bool
	Lang      i18n.Lang
	Side      string        // "a" or "b" for a run in the comparison: its element IDs are its own
	Span      time.Duration // the time axis, if longer than the run: a comparison draws both runs on one

	// The lane and instant being read out, if any.
	reading bool
	lane    int
	at      time.Duration
}

// laneStates are the states drawn, in legend order.
var laneStates = []timeline.State{
	timeline.Running, timeline.Runnable, timeline.Sleeping, timeline.BlockedPut, timeline.BlockedGet,
	timeline.WaitingLock, timeline.Waiting,
}

func (g *goroutineLanes) Render() app.UI {
	v := g.View
	h := v.h
	_, span := timeAxis(h, g.Span)
	lanes := h.Lanes
	more := 0
	if len(lanes) > maxLanes {
		lanes, more = lanes[:maxLanes], len(lanes)-maxLanes
	}
	cursorX := laneW * float64(g.Now) / float64(span)
	rows := make([]app.UI, len(lanes))
	turns := false // whether a lane draws a runnable span
	for i := range lanes {
		var runnable bool
		rows[i], runnable = g.renderLane(i, &lanes[i], span, cursorX)
		turns = turns || runnable
	}
	return app.Div().Class("card lanes").Body(
		cardHeading(g.Side, tr(g.Lang, "Goroutine lanes")),
		app.Ul().Class("legend").Aria("label", tr(g.Lang, "States")).Body(app.Range(laneStates).Slice(func(i int) app.UI {
			s := laneStates[i]
			return app.Li().Body(swatch(s), app.Text(stateName(g.Lang, s)))
		})),
		app.Div().Class("lane-rows").Body(rows...),
		// A lane's grid, so that its ticks line up with the tracks above
		// at any width.
		app.Div().Class("lane-axis").Aria("hidden", true).Body(
			app.Span(),
			renderTicks(span),
		),
		app.If(more > 0, app.P().Class("muted").Text(trf(g.Lang, "%d more goroutines not drawn.", more))),
		app.If(turns, app.P().ID(g.id("lanes-runnable")).Class("muted").Text(tr(g.Lang, "Runnable: ready to run, while another goroutine or the Web Worker's event loop has its only thread."))),
		app.P().ID(g.id("lane-readout")).Class("lane-readout").Text(g.readout()),
		&dataTable{Summary: tr(g.Lang, "Lanes as a table"), Table: g.renderTable},
	)
}

// cardHeading is a panel's heading: in the comparison, a level below the
// comparison's, and named with its run (A or B).
func cardHeading(side, text string) app.UI {
	if side != "" {
		return app.H3().Text(strings.ToUpper(side) + " · " + text)
	}
	return app.H2().Text(text)
}

// id is the ID of the element called name: IDs are one per page, and a
// comparison draws lanes three times.
func (g *goroutineLanes) id(name string) string {
	if g.Side == "" {
		return name
	}
	return name + "-" + g.Side
}

// renderLane draws lane i, and reports whether it drew a runnable span.
func (g *goroutineLanes) renderLane(i int, l *history.Lane, span time.Duration, cursorX float64) (app.UI, bool) {
	h := g.View.h
	spans := l.Spans(h, h.Elapsed)
	// One path per state: a handful of SVG elements per lane, however
	// many spans.
	var paths [history.NumStates][]byte
	for _, s := range spans {
		x0 := laneW * float64(s.From) / float64(span)
		x1 := laneW * float64(s.To) / float64(span)
		// M x0 0 H x1 V 10 H x0 Z: the span's rectangle.
		p := appendCoord(append(paths[s.State], 'M'), x0)
		p = appendCoord(append(p, " 0H"...), x1)
		p = appendCoord(append(p, "V10H"...), x0)
		paths[s.State] = append(p, 'Z')
	}
	body := make([]app.UI, 0, len(laneStates)+1)
	for _, s := range laneStates {
		if len(paths[s]) == 0 {
			continue
		}
		body = append(body, app.Elem("path").XMLNS(svgNS).Attr("d", string(paths[s])).
			Attr("fill", "url(#fill-"+stateClass(s)+")"))
	}
	if g.Rewinding {
		body = append(body, app.Elem("line").XMLNS(svgNS).
			Attr("x1", cursorX).Attr("x2", cursorX).Attr("y1", 0).Attr("y2", 10).
			Attr("stroke", "currentColor").Attr("stroke-width", 2).Attr("vector-effect", "non-scaling-stroke"))
	}
	m := l.At(h, g.Now)
	// A lane is a slider over the run's time, for a screen reader: the
	// arrow keys move the instant read, and its value says where the
	// goroutine was then, as the read-out does.
	at, am := g.Now, m
	if g.reading && g.lane == i {
		at, am = g.at, l.At(h, g.at)
	}
	return app.Div().Class("lane").DataSet("goroutine", l.Name).DataSet("state", momentClass(m)).
		TabIndex(0).Attr("role", "slider").Aria("label", l.Name).
		Aria("valuemin", 0).Aria("valuemax", h.Elapsed.Milliseconds()).Aria("valuenow", at.Milliseconds()).
		Aria("valuetext", patterns.FormatDuration(at)+": "+momentText(g.Lang, h, am, at)).
		// Handlers in a list are closures over the lane's index, scoped by
		// it, so that go-app, which diffs children by position, never keeps
		// a stale one.
		OnFocus(func(ctx app.Context, e app.Event) { updateAlone(ctx, g); g.onFocus(i) }, i).
		OnKeyDown(func(ctx app.Context, e app.Event) { updateAlone(ctx, g); g.onKey(e, i) }, i).Body(
		app.Span().Class("lane-name").Text(l.Name),
		app.Div().Class("lane-track").On("mousemove", func(ctx app.Context, e app.Event) { g.onPoint(ctx, e, i) }, i).Body(
			app.Elem("svg").XMLNS(svgNS).Attr("width", "100%").Attr("height", 18).Attr("viewBox", "0 0 1000 10").
				Attr("preserveAspectRatio", "none").Aria("hidden", true).Body(body...),
		),
	), len(paths[timeline.Runnable]) > 0
}

// onPoint reads out lane i at the instant under the pointer.
func (g *goroutineLanes) onPoint(ctx app.Context, e app.Event, i int) {
	updateAlone(ctx, g)
	w := ctx.JSSrc().Get("clientWidth").Float()
	if w <= 0 {
		return
	}
	// offsetX is relative to the element under the pointer, which may be
	// a path inside the track: measure from the track's own box instead.
	box := ctx.JSSrc().Call("getBoundingClientRect")
	frac := min(max((e.Get("clientX").Float()-box.Get("left").Float())/w, 0), 1)
	g.reading, g.lane = true, i
	// The track spans what Render drew it over.
	_, span := timeAxis(g.View.h, g.Span)
	g.at = min(time.Duration(frac*float64(span)), g.View.h.Elapsed)
}

func (g *goroutineLanes) onFocus(i int) {
	g.reading, g.lane, g.at = true, i, g.Now
}

// onKey moves the read-out instant along a focused lane: the arrows by one
// bucket, Home and End to the run's ends.
func (g *goroutineLanes) onKey(e app.Event, i int) {
	w := g.View.h.Width()
	switch e.Get("key").String() {
	case "ArrowLeft":
		g.at = max(g.at-w, 0)
	case "ArrowRight":
		g.at = min(g.at+w, g.View.h.Elapsed)
	case "Home":
		g.at = 0
	case "End":
		g.at = g.View.h.Elapsed
	default:
		return
	}
	e.PreventDefault()
	g.reading, g.lane = true, i
}

// readout says where the lane being read was at the instant read.
func (g *goroutineLanes) readout() string {
	h := g.View.h
	if !g.reading || g.lane >= len(h.Lanes) {
		return tr(g.Lang, "Point at a lane, or focus it and use the arrow keys, to read what the goroutine was doing.")
	}
	l := &h.Lanes[g.lane]
	return trf(g.Lang, "%s at %s: %s", l.Name, patterns.FormatDuration(g.at), momentText(g.Lang, h, l.At(h, g.at), g.at))
}

// momentText says what a goroutine was doing at instant at, and for how
// long it had been.
func momentText(l i18n.Lang, h *history.History, m history.Moment, at time.Duration) string {
	s := stateText(l, h, m)
	if !m.Started || m.State == timeline.Done {
		return s
	}
	return trf(l, "%s for %s", s, patterns.FormatDuration(max(at-m.Since, 0)))
}

// stateText names a goroutine's state at a moment, with what it waits on:
// "blocked on put (jobs)".
func stateText(l i18n.Lang, h *history.History, m history.Moment) string {
	if !m.Started {
		return tr(l, "not started")
	}
	s := stateName(l, m.State)
	if q := h.QueueName(m.Queue); q != "" {
		s += " (" + q + ")"
	} else if m.On != "" {
		s += " (" + m.On + ")"
	}
	return s
}

// renderTable is the lanes' data: each goroutine's time in each state.
func (g *goroutineLanes) renderTable() app.UI {
	h := g.View.h
	head := []app.UI{app.Th().Scope("col").Text(tr(g.Lang, "Goroutine"))}
	for _, s := range laneStates {
		head = append(head, app.Th().Scope("col").Text(stateName(g.Lang, s)))
	}
	head = append(head, app.Th().Scope("col").Text(tr(g.Lang, "busy")))
	return app.Table().Body(
		app.THead().Body(app.Tr().Body(head...)),
		app.TBody().Body(app.Range(h.Lanes).Slice(func(i int) app.UI {
			l := &h.Lanes[i]
			t := l.Totals(h.Elapsed)
			cells := []app.UI{app.Th().Scope("row").Text(l.Name)}
			for _, s := range laneStates {
				cells = append(cells, app.Td().Text(patterns.FormatDuration(t[s])))
			}
			cells = append(cells, app.Td().Textf("%.0f%%", 100*l.Busy(h.Elapsed)))
			return app.Tr().Body(cells...)
		})),
	)
}

// swatch is a small square of state s's fill.
func swatch(s timeline.State) app.UI {
	return app.Elem("svg").XMLNS(svgNS).Attr("width", 14).Attr("height", 14).Attr("viewBox", "0 0 16 16").Aria("hidden", true).Body(
		app.Elem("rect").XMLNS(svgNS).Attr("width", 16).Attr("height", 16).Attr("fill", "url(#fill-"+stateClass(s)+")"),
	)
}

// stateFills are the SVG patterns the lanes fill with: a colour from the
// Okabe–Ito palette, which colour-blind readers tell apart, and a texture
// of its own, so that the state reads in grey too. The colours are
// chanlab.css's ([data-tile], [data-texture]), so that they follow the
// theme. (Styling hooks on SVG elements are data attributes: go-app sets
// a class through the className property, which SVG elements lack.)
func stateFills() app.UI {
	fill := func(s timeline.State, texture ...app.UI) app.UI {
		return app.Elem("pattern").XMLNS(svgNS).ID("fill-"+stateClass(s)).
			Attr("patternUnits", "userSpaceOnUse").Attr("width", 8).Attr("height", 8).Body(
			append([]app.UI{app.Elem("rect").XMLNS(svgNS).DataSet("tile", stateClass(s)).Attr("width", 8).Attr("height", 8)}, texture...)...)
	}
	stroke := func(d string) app.UI {
		return app.Elem("path").XMLNS(svgNS).DataSet("texture", true).Attr("d", d).
			Attr("stroke-opacity", 0.55).Attr("stroke-width", 1.5).Attr("fill", "none")
	}
	dot := app.Elem("circle").XMLNS(svgNS).DataSet("texture", true).Attr("cx", 4).Attr("cy", 4).Attr("r", 1.6).Attr("fill-opacity", 0.5)
	return app.Elem("svg").XMLNS(svgNS).Attr("width", 0).Attr("height", 0).
		Style("position", "absolute").Aria("hidden", true).Body(
		app.Elem("defs").XMLNS(svgNS).Body(
			fill(timeline.Running),
			fill(timeline.Runnable, stroke("M2 0V8M6 0V8")),
			fill(timeline.Sleeping, dot),
			fill(timeline.BlockedPut, stroke("M-2 10L10 -2M6 10L10 6M-2 2L2 -2")),
			fill(timeline.BlockedGet, stroke("M-2 -2L10 10M6 -2L10 2M-2 6L2 10")),
			fill(timeline.WaitingLock, stroke("M0 4H8M4 0V8")),
			fill(timeline.Waiting, stroke("M0 4H8")),
		),
	)
}
