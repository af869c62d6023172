package app

import (
	"slices"
	"testing"
	"time"

	"chanlab/patterns"
	"chanlab/patterns/history"
	"chanlab/patterns/runner"
)

func TestParseCommand(t *testing.T) {
	for _, tc := range []struct {
		data string
		ok   bool
		typ  string
	}{
		{`{"type":"chanlab:run"}`, true, msgRun},
		{`{"type":"chanlab:stop"}`, true, msgStop},
		{`{"type":"chanlab:set","knobs":{"buffer":1,"duration":"2s","fair":true}}`, true, msgSet},
		{`{"type":"chanlab:ready"}`, false, ""}, // the embed's own kind, not a command
		{`{"type":"other-widget:run"}`, false, ""},
		{`"chanlab:run"`, false, ""},
		{`null`, false, ""},
		{`{"type":42}`, false, ""},
		{``, false, ""},
	} {
		cmd, ok := parseCommand([]byte(tc.data))
		if ok != tc.ok || cmd.Type != tc.typ {
			t.Errorf("parseCommand(%s) = %q, %v; want %q, %v", tc.data, cmd.Type, ok, tc.typ, tc.ok)
		}
	}
	cmd, _ := parseCommand([]byte(`{"type":"chanlab:set","knobs":{"duration":"2s","buffer":1,"fair":true,"rate":1.5,"n":50000000,"tiny":0.000001}}`))
	names, inputs := knobInputs(cmd.Knobs)
	if !slices.Equal(names, []string{"buffer", "duration", "fair", "n", "rate", "tiny"}) ||
		!slices.Equal(inputs, []string{"1", "2s", "true", "50000000", "1.5", "0.000001"}) {
		t.Errorf("knobInputs: %v %v", names, inputs)
	}
	// What no form shows: as JSON, for the form's message to quote
	// (JSON.stringify sends NaN and Infinity as null).
	cmd, _ = parseCommand([]byte(`{"type":"chanlab:set","knobs":{"a":null,"b":{"s":2},"c":[1],"d":false}}`))
	if _, inputs := knobInputs(cmd.Knobs); !slices.Equal(inputs, []string{"null", `{"s":2}`, "[1]", "false"}) {
		t.Errorf("knobInputs of odd values: %q", inputs)
	}
}

func TestFinishedMessage(t *testing.T) {
	res := &patterns.Result{Metrics: []patterns.Metric{{Name: "consumed", Value: "12"}}}
	tm := history.Timings{
		Elapsed: 1500 * time.Millisecond,
		Stages:  []history.Stage{{Name: "producer", Goroutines: 2, Put: 12, PutRate: 8, Busy: .25}},
		Queues:  []history.QueueTimes{{Name: "queue", Cap: 1, Puts: 12, Gets: 12, P50: 100 * time.Millisecond, P95: 250 * time.Millisecond, Full: time.Second, Peak: 1}},
	}
	m := finishedMessage("prodcons", "buffer=1", "done", "Finished in 1.5s.", res, tm)
	if m["type"] != msgFinished || m["elapsedMs"] != 1500.0 || m["outcome"] != "done" || m["knobs"] != "buffer=1" {
		t.Errorf("message: %v", m)
	}
	if got := m["metrics"].(map[string]any)["consumed"]; got != "12" {
		t.Errorf("metrics consumed = %v", got)
	}
	q := m["queues"].([]any)[0].(map[string]any)
	if q["p50Ms"] != 100.0 || q["p95Ms"] != 250.0 || q["fullMs"] != 1000.0 || q["cap"] != 1.0 {
		t.Errorf("queue: %v", q)
	}
	if s := m["stages"].([]any)[0].(map[string]any); s["busy"] != .25 || s["goroutines"] != 2.0 {
		t.Errorf("stage: %v", s)
	}
}

// TestPageState checks the state the page shows and the embed's parent
// hears at a run's end: a stopped run is neither done nor failed.
func TestPageState(t *testing.T) {
	for _, tc := range []struct {
		outcome runner.Outcome
		want    string
	}{
		{runner.Finished, "done"},
		{runner.Stopped, "stopped"},
		{runner.Deadlocked, "failed"},
		{runner.Failed, "failed"},
	} {
		p := &page{end: &runEnd{outcome: tc.outcome}, result: &patterns.Result{}}
		if got := p.state(); got != tc.want {
			t.Errorf("a run that ended %v: state %q, want %q", tc.outcome, got, tc.want)
		}
	}
}
