package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
)

// compareView sets a kept run (A) beside the current one (B): what differs
// in their knobs, their figures as a diff, and their lanes and queues side
// by side.
type compareView struct {
	app.Compo

	A, B             *runView
	AResult, BResult *patterns.Result
	Running          bool
	Version          int
	Lang             i18n.Lang
}

// diffRow is one figure of both runs.
type diffRow struct {
	name, label string
	a, b        string
	delta       string // B against A: "+12%", "×3.1", "+40", "+5 pts", "same", "new", or "" when not numeric
}

func (c *compareView) rows() []diffRow {
	ta, tb := c.A.h.Timings(), c.B.h.Timings()
	l := c.Lang
	rows := []diffRow{
		durRow("elapsed", tr(l, "Elapsed"), ta.Elapsed, tb.Elapsed),
		durRow("blocked", tr(l, "Time blocked on queues and locks"), c.A.h.Blocked(), c.B.h.Blocked()),
	}
	for _, qa := range ta.Queues {
		for _, qb := range tb.Queues {
			if qa.Name != qb.Name {
				continue
			}
			rows = append(rows,
				numRow("rate-"+qa.Name, trf(l, "%s: items/s", qa.Name), qa.Rate, qb.Rate, "%.1f"),
				durRow("p50-"+qa.Name, trf(l, "%s: time queued p50", qa.Name), qa.P50, qb.P50),
				durRow("p95-"+qa.Name, trf(l, "%s: time queued p95", qa.Name), qa.P95, qb.P95),
				durRow("full-"+qa.Name, trf(l, "%s: full for", qa.Name), qa.Full, qb.Full),
			)
		}
	}
	for _, sa := range ta.Stages {
		for _, sb := range tb.Stages {
			if sa.Name == sb.Name {
				rows = append(rows, shareRow(l, "busy-"+sa.Name, trf(l, "%s: busy", sa.Name), sa.Busy, sb.Busy))
			}
		}
	}
	if c.AResult != nil && c.BResult != nil {
		// A pattern's own figure under a label the recorder's figures
		// already use (its Elapsed, timed inside the run) would show as
		// a second row of that name with other numbers: the recorder's
		// stands for both.
		seen := make(map[string]bool, len(rows))
		for _, r := range rows {
			seen[r.label] = true
		}
		// The figures are read from the English values, which hold
		// numbers as Go writes them; the rows show them in l.
		a, b := c.AResult.In(l), c.BResult.In(l)
		for i, ma := range a.Metrics {
			if seen[ma.Label] {
				continue
			}
			if mb, ok := b.Metric(ma.Name); ok {
				enB, _ := c.BResult.Metric(ma.Name)
				r := diffRow{name: "metric-" + ma.Name, label: ma.Label, a: ma.Value, b: mb.Value}
				r.delta = figureDelta(l, c.AResult.Metrics[i].Value, enB.Value)
				rows = append(rows, r)
			}
		}
	}
	return rows
}

func durRow(name, label string, a, b time.Duration) diffRow {
	return diffRow{name: name, label: label, a: patterns.FormatDuration(a), b: patterns.FormatDuration(b), delta: delta(a.Seconds(), b.Seconds())}
}

func numRow(name, label string, a, b float64, format string) diffRow {
	return diffRow{name: name, label: label, a: fmt.Sprintf(format, a), b: fmt.Sprintf(format, b), delta: delta(a, b)}
}

// shareRow compares two shares (0 to 1) in percentage points: busy 15% and
// 18% differ by 3 points, which "+20%" (of 15%) hid.
func shareRow(l i18n.Lang, name, label string, a, b float64) diffRow {
	return diffRow{name: name, label: label, a: fmt.Sprintf("%.0f%%", 100*a), b: fmt.Sprintf("%.0f%%", 100*b), delta: pointsDelta(l, 100*a, 100*b)}
}

// pointsDelta compares two percentages as shown, to the whole point.
func pointsDelta(l i18n.Lang, a, b float64) string {
	if pts := math.Round(b) - math.Round(a); pts != 0 {
		return trf(l, "%+.0f pts", pts)
	}
	return "same"
}

// figureDelta compares two values of a pattern's figure, as Go wrote them
// (in English), by their leading figure: "84% (2.44s)" by its share, in
// points; "2/10" and "46 of 50" by their count; "1.5 MiB" and "23.9
// items/s" by their quantity. Values in words, or of different kinds,
// compare as "".
func figureDelta(l i18n.Lang, a, b string) string {
	fa, ka := leadingFigure(a)
	fb, kb := leadingFigure(b)
	switch {
	case ka != kb:
		return ""
	case ka == figureShare:
		return pointsDelta(l, fa, fb)
	}
	return delta(fa, fb)
}

// delta says how b compares with a: a percentage for small changes, a
// factor for large ones, the difference when either is below zero; "" when
// either is not a number.
func delta(a, b float64) string {
	switch {
	case math.IsNaN(a) || math.IsNaN(b): // not figures
		return ""
	case a == b:
		return "same"
	case a < 0 || b < 0:
		// A counter's final value: a ratio across or below zero means
		// nothing, the difference does.
		d := strconv.FormatFloat(b-a, 'f', -1, 64)
		if b > a {
			d = "+" + d
		}
		return d
	case a == 0:
		return "new"
	}
	r := b / a
	if r >= 2 || r <= 0.5 {
		return "×" + twoFigures(r)
	}
	return fmt.Sprintf("%+.0f%%", 100*(r-1))
}

// twoFigures writes x with two significant figures, in plain digits: 120,
// 2.5, 0.00004 (%.2g writes 1.2e+02 and 4e-05).
func twoFigures(x float64) string {
	rounded, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 2, 64), 64)
	return strconv.FormatFloat(rounded, 'f', -1, 64)
}

// figureKind is what a pattern's value leads with (leadingFigure).
type figureKind int

const (
	figureWords    figureKind = iota
	figureNumber              // a count, a rate, a factor ("1.43×")
	figureShare               // a percentage
	figureDuration            // in seconds
	figureBytes               // in bytes
)

// byteUnits are the units patterns.Bytes writes.
var byteUnits = map[string]float64{"B": 1, "KiB": 1 << 10, "MiB": 1 << 20}

// leadingFigure reads the figure a pattern's value starts with, and its
// kind: "84% (2.44s)" is a share of 84, "2/10" and "46 of 50" the numbers 2
// and 46, "1.5 MiB" 1572864 bytes, "729ms" 0.729 s. A value that starts
// with a word is figureWords, and NaN.
func leadingFigure(s string) (float64, figureKind) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return math.NaN(), figureWords
	}
	first, _, _ := strings.Cut(fields[0], "/")
	if f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSuffix(first, "%"), "×"), 64); err == nil {
		switch {
		case strings.HasSuffix(first, "%"):
			return f, figureShare
		case len(fields) > 1 && byteUnits[fields[1]] > 0:
			return f * byteUnits[fields[1]], figureBytes
		}
		return f, figureNumber
	}
	if d, err := time.ParseDuration(first); err == nil {
		return d.Seconds(), figureDuration
	}
	return math.NaN(), figureWords
}

func (c *compareView) Render() app.UI {
	rows := c.rows()
	l := c.Lang
	// One time axis for both runs, so that the longer looks longer.
	span := max(c.A.h.Elapsed, c.B.h.Elapsed)
	return app.Div().ID("compare").Class("card compare").Body(
		app.H2().Text(tr(l, "Compare")),
		app.Dl().Class("compare-runs").Body(
			app.Dt().Text(tr(l, "A (kept)")), app.Dd().DataSet("run", "a").Text(knobsOrDefault(l, c.A.knobs)),
			app.Dt().Text(tr(l, "B (this run)")), app.Dd().DataSet("run", "b").Text(knobsOrDefault(l, c.B.knobs)),
		),
		app.Table().Class("diff").Body(
			app.Caption().Text(tr(l, "B against A")),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(tr(l, "Figure")),
				app.Th().Scope("col").Text("A"),
				app.Th().Scope("col").Text("B"),
				app.Th().Scope("col").Text(tr(l, "B vs A")),
			)),
			app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
				r := rows[i]
				return app.Tr().DataSet("diff", r.name).Body(
					app.Th().Scope("row").Text(r.label),
					app.Td().Class("a").Text(r.a),
					app.Td().Class("b").Text(r.b),
					app.Td().Class("delta").Text(wordIn(l, r.delta)),
				)
			})),
		),
		app.Div().Class("compare-sides").Body(
			app.Div().Class("side-a").Body(
				&queueChart{View: c.A, Version: c.A.version, Now: c.A.h.Elapsed, Lang: l, Span: span, Side: "a"},
			),
			app.Div().Class("side-b").Body(
				&queueChart{View: c.B, Version: c.Version, Now: c.B.h.Elapsed, Lang: l, Span: span, Side: "b"},
			),
		),
		app.Div().Class("compare-sides").Body(
			app.Div().Class("side-a").Body(&goroutineLanes{View: c.A, Version: c.A.version, Now: c.A.h.Elapsed, Lang: l, Side: "a", Span: span}),
			app.Div().Class("side-b").Body(&goroutineLanes{View: c.B, Version: c.Version, Now: c.B.h.Elapsed, Lang: l, Side: "b", Span: span}),
		),
	)
}

func knobsOrDefault(l i18n.Lang, k string) string {
	if k == "" {
		return tr(l, "default knobs")
	}
	return k
}
