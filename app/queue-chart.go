package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

const svgNS = "http://www.w3.org/2000/svg"

// queueChart draws each queue's length over time against its capacity, as
// a step line over the run's buckets (see series), with the current length
// and the peak beside it; then each gauge (a measured quantity that is not a
// queue, such as an unbounded buffer's backlog) the same way.
type queueChart struct {
	app.Compo

	View    *runView
	Version int
}

func (c *queueChart) Render() app.UI {
	return app.Div().Class("card queues").Body(
		app.H2().Text("Queues"),
		app.Range(c.View.queues).Slice(func(i int) app.UI { return c.renderQueue(c.View.queues[i]) }),
		app.Range(c.View.gauges).Slice(func(i int) app.UI { return c.renderGauge(c.View.gauges[i]) }),
		app.If(len(c.View.queues)+len(c.View.gauges) == 0, app.P().Class("muted").Text("This pattern has no queue.")),
	)
}

const chartW, chartH = 480.0, 120.0

// points is s as an SVG polyline: a step per bucket, scaled so that top
// is the chart's height.
func points(s *series, top float64) string {
	n := max(len(s.buckets), 1)
	var pts strings.Builder
	for i, b := range s.buckets {
		x0, x1 := chartW*float64(i)/float64(n), chartW*float64(i+1)/float64(n)
		y := chartH - chartH*float64(b.max)/top
		fmt.Fprintf(&pts, "%.1f,%.1f %.1f,%.1f ", x0, y, x1, y)
	}
	return pts.String()
}

func (c *queueChart) renderQueue(q queueView) app.UI {
	const w, h = chartW, chartH
	// Leave headroom above the capacity line; an unbuffered queue still
	// gets a scale.
	top := float64(max(q.Cap, q.chart.peak(), 1)) * 1.15
	capY := h - h*float64(q.Cap)/top
	fill := 0
	if q.Cap > 0 {
		fill = 100 * q.Len / q.Cap
	}
	return app.Figure().Class("queue").DataSet("queue", q.Name).DataSet("cap", q.Cap).
		DataSet("peak", q.chart.peak()).Body(
		app.Div().Class("queue-head").Body(
			app.Span().Class("queue-name").Text(q.Name),
			app.Span().Class("queue-now").Textf("%d/%d now", q.Len, q.Cap),
			app.Span().Class("queue-peak").Textf("peak %d/%d", q.chart.peak(), q.Cap),
			app.Span().Class("queue-waiters").Textf("%d waiting to put · %d to get", q.WaitingPut, q.WaitingGet),
		),
		app.Div().Class("fillbar").Aria("hidden", true).Body(
			app.Div().Class("fillbar-in").Style("width", fmt.Sprintf("%d%%", fill)),
		),
		app.Elem("svg").XMLNS(svgNS).Class("chart").Attr("viewBox", fmt.Sprintf("0 0 %g %g", w, h)).
			Attr("preserveAspectRatio", "none").Attr("role", "img").
			Aria("label", fmt.Sprintf("%s length over time: peak %d of capacity %d", q.Name, q.chart.peak(), q.Cap)).Body(
			// Presentation attributes rather than classes: go-app sets
			// className, which SVG elements do not take.
			app.Elem("line").XMLNS(svgNS).
				Attr("x1", 0).Attr("x2", w).Attr("y1", capY).Attr("y2", capY).
				Attr("stroke", "#b4451f").Attr("stroke-width", 1.5).Attr("stroke-dasharray", "6 4").
				Attr("vector-effect", "non-scaling-stroke"),
			app.Elem("polyline").XMLNS(svgNS).Attr("points", points(&q.chart, top)).
				Attr("fill", "none").Attr("stroke", "#0f6e8c").Attr("stroke-width", 2).
				Attr("vector-effect", "non-scaling-stroke"),
		),
		app.FigCaption().Text("Length over the run; the dashed line is the capacity."),
	)
}

func (c *queueChart) renderGauge(g gaugeView) app.UI {
	top := float64(max(g.chart.peak(), 1)) * 1.15
	return app.Figure().Class("queue gauge").DataSet("gauge", g.Name).DataSet("peak", g.Max).Body(
		app.Div().Class("queue-head").Body(
			app.Span().Class("queue-name").Text(g.Name),
			app.Span().Class("queue-now").Textf("%d %s now", g.Value, g.Unit),
			app.Span().Class("queue-peak").Textf("peak %d %s", g.Max, g.Unit),
		),
		app.Elem("svg").XMLNS(svgNS).Class("chart").Attr("viewBox", fmt.Sprintf("0 0 %g %g", chartW, chartH)).
			Attr("preserveAspectRatio", "none").Attr("role", "img").
			Aria("label", fmt.Sprintf("%s over time: peak %d %s", g.Name, g.Max, g.Unit)).Body(
			app.Elem("polyline").XMLNS(svgNS).Attr("points", points(&g.chart, top)).
				Attr("fill", "none").Attr("stroke", "#6b4fa0").Attr("stroke-width", 2).
				Attr("vector-effect", "non-scaling-stroke"),
		),
		app.FigCaption().Text("Measured over the run; no capacity: it can grow without bound."),
	)
}
