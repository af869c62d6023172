package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/history"
	"chanlab/patterns/timeline"
)

const svgNS = "http://www.w3.org/2000/svg"

// queueChart shows each queue: its length over time against its capacity,
// its length and waiters at the instant shown, its high-water mark, how
// long it was full and empty, and how long items waited in it. A pattern
// whose queues link stages also gets the stages as a diagram, with a fill
// bar per queue. Gauges (measured quantities that are not a queue's
// length, such as an unbounded buffer's backlog) follow, drawn the same way.
type queueChart struct {
	app.Compo

	View      *runView
	Version   int
	Now       time.Duration // the instant shown, or -1 for the latest
	Rewinding bool
	Lang      i18n.Lang
	Span      time.Duration // the time axis, if longer than the run: a comparison draws both runs on one
	Side      string        // "a" or "b" for a run in the comparison
}

// timeAxis is a chart's time axis: end, where the run's drawing ends (at
// least a millisecond, for a scale), along span, the axis's length, which
// is atLeast when that is longer.
func timeAxis(h *history.History, atLeast time.Duration) (end, span time.Duration) {
	end = max(h.Elapsed, time.Millisecond)
	return end, max(end, atLeast)
}

func (c *queueChart) Render() app.UI {
	h := c.View.h
	return app.Div().Class("card queues").Body(
		cardHeading(c.Side, tr(c.Lang, "Queues")),
		c.renderStages(),
		app.Range(h.Queues).Slice(func(i int) app.UI { return c.renderQueue(i) }),
		app.Range(h.Gauges).Slice(func(i int) app.UI { return c.renderGauge(&h.Gauges[i]) }),
		app.If(len(h.Queues)+len(h.Gauges) == 0, app.P().Class("muted").Text(tr(c.Lang, "This run recorded no queue."))),
	)
}

const chartW, chartH = 480.0, 120.0

// points is s as an SVG polyline up to end, on an axis of span: a step per
// bucket of width w at the bucket's highest value, scaled so that top is
// the chart's height, then the last value until end. (The last bucket's
// highest value drawn to the end showed a queue full until the end of a
// run that emptied it tens of milliseconds before.)
func points(s *history.Series, w, end, span time.Duration, top float64) string {
	xEnd := endX(end, span)
	pts := make([]byte, 0, 32*(len(s.Levels)+1))
	step := func(x0, x1 float64, v int) {
		y := chartH - chartH*float64(v)/top
		pts = appendCoord(pts, x0)
		pts = appendCoord(append(pts, ','), y)
		pts = appendCoord(append(pts, ' '), x1)
		pts = append(appendCoord(append(pts, ','), y), ' ')
	}
	x := 0.0
	for i, l := range s.Levels {
		x0 := x
		x = min(chartW*float64(time.Duration(i+1)*w)/float64(span), xEnd)
		step(x0, x, l.Max)
	}
	if n := len(s.Levels); n > 0 && x < xEnd {
		step(x, xEnd, s.Levels[n-1].Last)
	}
	return string(pts)
}

// endX is where a chart's drawing of a run of end stops, on an axis of
// span.
func endX(end, span time.Duration) float64 { return chartW * float64(end) / float64(span) }

// renderTicks labels a time axis of span at its ends, under a chart or
// the lanes.
func renderTicks(span time.Duration) app.UI {
	return app.Div().Class("ticks").Aria("hidden", true).Body(
		app.Span().Text("0"),
		app.Span().Text(patterns.FormatDuration(span)),
	)
}

// appendCoord appends x with one decimal, as the charts' SVG coordinates
// are written: strconv rather than fmt, because a render writes thousands
// of them (a point per bucket of each queue, a rectangle per span of each
// lane), and fmt boxes every argument.
func appendCoord(b []byte, x float64) []byte {
	return strconv.AppendFloat(b, x, 'f', 1, 64)
}

// waiters counts the goroutines blocked putting into and getting from
// queue q at instant at.
func waiters(h *history.History, q int32, at time.Duration) (put, get int) {
	for i := range h.Lanes {
		m := h.Lanes[i].At(h, at)
		if m.Queue != q {
			continue
		}
		switch m.State {
		case timeline.BlockedPut:
			put++
		case timeline.BlockedGet:
			get++
		}
	}
	return put, get
}

func (c *queueChart) renderQueue(i int) app.UI {
	h := c.View.h
	q := &h.Queues[i]
	end, span := timeAxis(h, c.Span)
	peak := q.Series.Peak()
	// Leave headroom above the capacity line; an unbuffered queue still
	// gets a scale.
	top := float64(max(q.Cap, peak, 1)) * 1.15
	capY := chartH - chartH*float64(q.Cap)/top
	n := q.Series.At(h, c.now())
	wantPut, wantGet := waiters(h, int32(i), c.now())
	fill := fillPercent(n, q.Cap)
	lat := &q.Latency
	body := []app.UI{
		app.Elem("line").XMLNS(svgNS).DataSet("line", "cap").
			Attr("x1", 0).Attr("x2", endX(end, span)).Attr("y1", capY).Attr("y2", capY).
			Attr("stroke-width", 1.5).Attr("stroke-dasharray", "6 4").
			Attr("vector-effect", "non-scaling-stroke"),
		app.Elem("polyline").XMLNS(svgNS).DataSet("line", "length").Attr("points", points(&q.Series, h.Width(), end, span, top)).
			Attr("fill", "none").Attr("stroke-width", 2).
			Attr("vector-effect", "non-scaling-stroke"),
	}
	if c.Rewinding {
		x := chartW * float64(c.now()) / float64(span)
		body = append(body, app.Elem("line").XMLNS(svgNS).DataSet("line", "cursor").
			Attr("x1", x).Attr("x2", x).Attr("y1", 0).Attr("y2", chartH).
			Attr("stroke-width", 1.5).Attr("vector-effect", "non-scaling-stroke"))
	}
	full, empty := "—", patterns.FormatDuration(q.EmptyFor(h.Elapsed))
	if q.Cap > 0 {
		full = patterns.FormatDuration(q.FullFor(h.Elapsed))
	}
	return app.Figure().Class("queue").DataSet("queue", q.Name).DataSet("cap", q.Cap).
		DataSet("peak", peak).DataSet("len", n).Body(
		app.Div().Class("queue-head").Body(
			app.Span().Class("queue-name").Text(q.Name),
			app.Span().Class("queue-now").Text(trf(c.Lang, "%d/%d %s", n, q.Cap, c.nowWord())),
			app.Span().Class("queue-peak").Text(trf(c.Lang, "peak %d/%d", peak, q.Cap)),
			app.Span().Class("queue-waiters").Text(trf(c.Lang, "%d waiting to put · %d to get", wantPut, wantGet)),
		),
		app.Div().Class("fillbar").Aria("hidden", true).Body(
			app.Div().Class("fillbar-in").Style("width", fmt.Sprintf("%d%%", fill)),
		),
		app.Elem("svg").XMLNS(svgNS).DataSet("chart", true).Attr("viewBox", fmt.Sprintf("0 0 %g %g", chartW, chartH)).
			Attr("preserveAspectRatio", "none").Attr("role", "img").
			Aria("label", trf(c.Lang, "%s length over time: peak %d of capacity %d", q.Name, peak, q.Cap)).Body(body...),
		renderTicks(span),
		app.If(c.Rewinding, app.P().Class("muted whole-run").Text(tr(c.Lang, "The figures below are the whole run's."))),
		app.Dl().Class("queue-figures").Body(
			figure("full", tr(c.Lang, "Full for"), full),
			figure("empty", tr(c.Lang, "Empty for"), empty),
			figure("p50", tr(c.Lang, "Time queued p50"), formatWait(lat.N, lat.Quantile(0.5))),
			figure("p95", "p95", formatWait(lat.N, lat.Quantile(0.95))),
			figure("max", tr(c.Lang, "max"), formatWait(lat.N, lat.Max)),
		),
		app.FigCaption().Text(tr(c.Lang, "Length over the run, the highest in each interval; the dashed line is the capacity. Time queued is from an item's put to its get.")),
		&dataTable{Summary: trf(c.Lang, "%s as a table", q.Name), Table: func() app.UI {
			return seriesTable(c.Lang, h, &q.Series, tr(c.Lang, "Length (peak in the interval)"))
		}},
	)
}

// fillPercent is how full a queue of capacity c holding n items is, for a
// fill bar; an unbuffered queue is full while it holds anything.
func fillPercent(n, c int) int {
	if c == 0 {
		return min(100*n, 100)
	}
	return min(100*n/c, 100)
}

func (c *queueChart) nowWord() string {
	if c.Rewinding {
		return tr(c.Lang, "then")
	}
	return tr(c.Lang, "now")
}

// unit is a gauge's unit in the chart's language, for a column heading:
// the patterns measure items and bytes.
func (c *queueChart) unit(g *history.Gauge) string {
	switch g.Unit {
	case "items":
		return tr(c.Lang, "items")
	case "bytes":
		return tr(c.Lang, "bytes")
	}
	return g.Unit
}

// amount writes v in g's unit: "1 item", "3 items", "1.1 MiB".
func (c *queueChart) amount(g *history.Gauge, v int64) string {
	switch g.Unit {
	case "items":
		if v == 1 {
			return tr(c.Lang, "1 item")
		}
		return trf(c.Lang, "%d items", v)
	case "bytes":
		return patterns.Bytes(v)
	}
	return fmt.Sprint(v, " ", g.Unit)
}

func figure(name, label, value string) app.UI {
	return app.Div().Class("fig").DataSet("fig", name).Body(app.Dt().Text(label), app.Dd().Text(value))
}

// tableRows is how many rows a chart's data table has at most.
const tableRows = 32

// seriesTable lists a series over the run in at most tableRows intervals.
func seriesTable(l i18n.Lang, h *history.History, s *history.Series, what string) app.UI {
	rows := seriesRows(s, h.Width(), h.Elapsed)
	return app.Table().Body(
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text(tr(l, "From")), app.Th().Scope("col").Text(tr(l, "To")),
			app.Th().Scope("col").Text(what), app.Th().Scope("col").Text(tr(l, "At the end")),
		)),
		app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
			r := rows[i]
			return app.Tr().Body(
				app.Td().Text(patterns.FormatDuration(r.from)), app.Td().Text(patterns.FormatDuration(r.to)),
				app.Td().Text(fmt.Sprint(r.peak)), app.Td().Text(fmt.Sprint(r.last)),
			)
		})),
	)
}

// seriesRow is an interval of a series' table: its highest value and the
// value at its end.
type seriesRow struct {
	from, to   time.Duration
	peak, last int
}

// seriesRows groups s's buckets of width w into at most tableRows
// intervals, up to the run's end: a series stops at its last event, and
// its value stands from there on.
func seriesRows(s *history.Series, w, elapsed time.Duration) []seriesRow {
	n := len(s.Levels)
	if w > 0 {
		n = max(n, int((elapsed+w-1)/w))
	}
	var after history.Level // the level after the last event
	if len(s.Levels) > 0 {
		v := s.Levels[len(s.Levels)-1].Last
		after = history.Level{Max: v, Last: v}
	}
	level := func(b int) history.Level {
		if b < len(s.Levels) {
			return s.Levels[b]
		}
		return after
	}
	var rows []seriesRow
	per := max((n+tableRows-1)/tableRows, 1)
	for i := 0; i < n; i += per {
		r := seriesRow{from: time.Duration(i) * w}
		for b := i; b < min(i+per, n); b++ {
			l := level(b)
			r.peak, r.last = max(r.peak, l.Max), l.Last
			r.to = min(time.Duration(b+1)*w, elapsed)
		}
		rows = append(rows, r)
	}
	return rows
}

func (c *queueChart) renderGauge(g *history.Gauge) app.UI {
	h := c.View.h
	end, span := timeAxis(h, c.Span)
	top := float64(max(g.Series.Peak(), 1)) * 1.15
	return app.Figure().Class("queue gauge").DataSet("gauge", g.Name).DataSet("peak", g.Max).Body(
		app.Div().Class("queue-head").Body(
			app.Span().Class("queue-name").Text(g.Name),
			app.Span().Class("queue-now").Text(trf(c.Lang, "%s %s", c.amount(g, int64(g.Series.At(h, c.now()))), c.nowWord())),
			app.Span().Class("queue-peak").Text(trf(c.Lang, "peak %s", c.amount(g, g.Max))),
		),
		app.Elem("svg").XMLNS(svgNS).DataSet("chart", true).Attr("viewBox", fmt.Sprintf("0 0 %g %g", chartW, chartH)).
			Attr("preserveAspectRatio", "none").Attr("role", "img").
			Aria("label", trf(c.Lang, "%s over time: peak %s", g.Name, c.amount(g, g.Max))).Body(
			app.Elem("polyline").XMLNS(svgNS).DataSet("line", "gauge").Attr("points", points(&g.Series, h.Width(), end, span, top)).
				Attr("fill", "none").Attr("stroke-width", 2).
				Attr("vector-effect", "non-scaling-stroke"),
		),
		renderTicks(span),
		app.FigCaption().Text(tr(c.Lang, "Measured over the run; no capacity: it can grow without bound.")),
		&dataTable{Summary: trf(c.Lang, "%s as a table", g.Name), Table: func() app.UI {
			return seriesTable(c.Lang, h, &g.Series, trf(c.Lang, "%s (peak in the interval)", c.unit(g)))
		}},
	)
}

// renderStages draws the pattern's stages as a diagram when its queues
// link roles: who puts into each queue, the queue with a fill bar, who gets
// from it, left to right in the order the queues were made. Queues that
// link the same roles side by side, as one pipe per worker does, stand in
// one column between them.
func (c *queueChart) renderStages() app.UI {
	h := c.View.h
	steps := stageSteps(h.Queues)
	if steps == nil {
		return app.Div().Class("stages-none")
	}
	return app.Ol().Class("stages").Aria("label", tr(c.Lang, "Stages and the queues between them")).Body(
		app.Range(steps).Slice(func(i int) app.UI {
			step := steps[i]
			if step.queues == nil {
				return app.Li().Class("stage").Text(strings.Join(step.roles, " · "))
			}
			qs := app.Div().Class("stage-qs")
			if len(step.queues) > 1 {
				qs = qs.Class("parallel")
			}
			return app.Li().Class("stage-queue").Body(qs.Body(app.Range(step.queues).Slice(func(j int) app.UI {
				q := &h.Queues[step.queues[j]]
				n := q.Series.At(h, c.now())
				return app.Div().Class("stage-q").DataSet("queue", q.Name).Body(
					app.Span().Class("stage-qname").Text(q.Name),
					app.Span().Class("fillbar").Aria("hidden", true).Body(
						app.Span().Class("fillbar-in").Style("width", fmt.Sprintf("%d%%", fillPercent(n, q.Cap))),
					),
					app.Span().Class("stage-qlen").Textf("%d/%d", n, q.Cap),
				)
			})))
		}),
	)
}

// stageStep is a place in the stage diagram: a stage's roles, or the
// queues (indexes into the history's) between two stages.
type stageStep struct {
	roles  []string
	queues []int
}

// stageSteps lays out the stage diagram of qs, or nil when no queue links
// a putter to a getter.
func stageSteps(qs []history.Queue) []stageStep {
	linked := false
	for i := range qs {
		linked = linked || len(qs[i].Putters) > 0 && len(qs[i].Getters) > 0
	}
	if !linked {
		return nil
	}
	var steps []stageStep
	group := -1       // the step of the previous queue, while it may take the next
	var last []string // the roles of the last stage drawn
	for i := range qs {
		q := &qs[i]
		if group >= 0 {
			prev := &qs[steps[group].queues[0]]
			if slices.Equal(q.Putters, prev.Putters) && slices.Equal(q.Getters, prev.Getters) {
				steps[group].queues = append(steps[group].queues, i)
				continue
			}
		}
		if len(q.Putters) > 0 && !slices.Equal(q.Putters, last) {
			steps = append(steps, stageStep{roles: q.Putters})
		}
		steps = append(steps, stageStep{queues: []int{i}})
		group = -1
		if len(q.Putters) > 0 && len(q.Getters) > 0 {
			group = len(steps) - 1
		}
		if len(q.Getters) > 0 {
			steps = append(steps, stageStep{roles: q.Getters})
		}
		last = q.Getters
	}
	return steps
}

// now is the instant shown.
func (c *queueChart) now() time.Duration {
	if c.Now < 0 {
		return c.View.h.Elapsed
	}
	return c.Now
}
