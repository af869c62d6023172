package app

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"chanlab/patterns"
	"chanlab/patterns/history"
)

// The embed's message API: a course page that embeds /embed/<id> in an
// iframe drives it with window.postMessage, and hears from it the same
// way. Every message is an object whose type starts with "chanlab:". The
// embed takes messages only from its parent window, and only from the
// parent's origin, to which alone it posts. The README documents the API.
const (
	// From the parent.
	msgSet  = "chanlab:set"  // {knobs: {name: value, …, lang}, theme}: set knobs, as typed in the form, the language and the theme
	msgRun  = "chanlab:run"  // start a run with the knobs shown
	msgStop = "chanlab:stop" // stop the run

	// To the parent.
	msgReady    = "chanlab:ready"    // {pattern, knobs, theme, params, lang}: loaded and listening
	msgKnobs    = "chanlab:knobs"    // {knobs, theme, lang, problems}: after a set
	msgStarted  = "chanlab:started"  // {pattern, knobs}: a run began
	msgFinished = "chanlab:finished" // {pattern, knobs, outcome, status, elapsedMs, metrics, stages, queues}
	msgHeight   = "chanlab:height"   // {height}: the content's height in CSS px, when it changes
)

// parentCommand is a message from the parent page.
type parentCommand struct {
	Type  string         `json:"type"`
	Knobs map[string]any `json:"knobs"`
	Theme any            `json:"theme"` // light, dark or auto; nil: unchanged
}

// theme is the command's theme as typed, when it has one.
func (c parentCommand) theme() (raw string, ok bool) {
	switch v := c.Theme.(type) {
	case nil:
		return "", false
	case string:
		return v, true
	default:
		return fmt.Sprint(v), true // parseTheme says why 42 is no theme
	}
}

// parseCommand reads a message's data, as JSON. Messages that are not
// chanlab commands (other scripts post to windows too) give ok false.
func parseCommand(data []byte) (cmd parentCommand, ok bool) {
	if json.Unmarshal(data, &cmd) != nil {
		return parentCommand{}, false
	}
	switch cmd.Type {
	case msgSet, msgRun, msgStop:
		return cmd, true
	}
	return parentCommand{}, false
}

// knobInputs turns a set command's knobs into form inputs, in name order:
// numbers and booleans as the form would show them, anything else as JSON
// writes it (null, {"a":1}), which the form's message then quotes.
func knobInputs(knobs map[string]any) (names, inputs []string) {
	for name := range knobs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch v := knobs[name].(type) {
		case string:
			inputs = append(inputs, v)
		case float64:
			// Not fmt's %v, which writes 1e+06 from a million up: the
			// form reads whole numbers as integers, and refused
			// procs' default of 50000000 sent as a number.
			inputs = append(inputs, strconv.FormatFloat(v, 'f', -1, 64)) // 10, 1.5
		case bool:
			inputs = append(inputs, strconv.FormatBool(v))
		default:
			// Not fmt's %v, which writes <nil> and map[a:1]. The
			// value came from JSON, so it goes back.
			b, _ := json.Marshal(v)
			inputs = append(inputs, string(b))
		}
	}
	return names, inputs
}

// message builds a message for the parent: an object of JSON-able values
// (maps, slices of any, strings, float64 and bools), which the browser's
// structured clone takes as they are.
func message(kind string, fields map[string]any) map[string]any {
	m := map[string]any{"type": kind}
	for k, v := range fields {
		m[k] = v
	}
	return m
}

func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// finishedMessage is what the parent hears at a run's end: how it ended,
// the pattern's own result, and the timings the panels show.
func finishedMessage(pattern, knobs, state, status string, res *patterns.Result, t history.Timings) map[string]any {
	metrics := map[string]any{}
	if res != nil {
		for _, m := range res.Metrics {
			metrics[m.Name] = m.Value
		}
	}
	stages := []any{}
	for _, s := range t.Stages {
		stages = append(stages, map[string]any{
			"name": s.Name, "goroutines": float64(s.Goroutines),
			"put": float64(s.Put), "got": float64(s.Got), "putPerSec": s.PutRate, "gotPerSec": s.GotRate, "busy": s.Busy,
		})
	}
	queues := []any{}
	for _, q := range t.Queues {
		queues = append(queues, map[string]any{
			"name": q.Name, "cap": float64(q.Cap), "puts": float64(q.Puts), "gets": float64(q.Gets),
			"perSec": q.Rate, "p50Ms": millis(q.P50), "p95Ms": millis(q.P95), "maxMs": millis(q.Max),
			"fullMs": millis(q.Full), "emptyMs": millis(q.Empty), "peak": float64(q.Peak),
		})
	}
	return message(msgFinished, map[string]any{
		"pattern": pattern, "knobs": knobs, "outcome": state, "status": status,
		"elapsedMs": millis(t.Elapsed), "metrics": metrics, "stages": stages, "queues": queues,
	})
}
