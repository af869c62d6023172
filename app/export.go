package app

import (
	"bytes"
	"fmt"
	"strings"

	"chanlab/patterns"
	"chanlab/patterns/history"
)

// exportRun writes run v in the format the button id names (export-json,
// export-trace, export-csv) and hands it to the browser as a download.
func exportRun(v *runView, id string) error {
	data, name, mime, err := exportFile(v, strings.TrimPrefix(id, "export-"))
	if err != nil {
		return err
	}
	return download(data, name, mime)
}

// exportFile is run v written as kind (json, trace or csv), with a file
// name and a media type.
func exportFile(v *runView, kind string) (data []byte, name, mime string, err error) {
	meta := history.Meta{Pattern: v.pattern, Title: v.title, Query: v.query, Started: v.start, Ended: v.endedAs, Outcome: v.outcome, Result: v.figures}
	base := "chanlab-" + v.pattern + "-" + v.start.Format("20060102-150405")
	var buf bytes.Buffer
	switch kind {
	case "json":
		err = v.h.WriteJSON(&buf, meta)
		name, mime = base+".json", "application/json"
	case "trace":
		err = v.h.WriteTrace(&buf, meta)
		name, mime = base+".trace.json", "application/json"
	case "csv":
		err = v.h.WriteTimingsCSV(&buf, meta)
		name, mime = base+"-timings.csv", "text/csv"
	default:
		return nil, "", "", fmt.Errorf("no export called %q", kind)
	}
	return buf.Bytes(), name, mime, err
}

// exportFigures is the pattern's own figures as the exports write them, in
// English like the log.
func exportFigures(r patterns.Result) []history.Figure {
	figures := make([]history.Figure, len(r.Metrics))
	for i, m := range r.Metrics {
		figures[i] = history.Figure{Name: m.Name, Label: m.Label, Value: m.Value, Lesson: m.Lesson}
	}
	return figures
}
