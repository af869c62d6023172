// Package runner runs patterns on behalf of a UI, one run at a time, over a
// message connection: in the browser the runner lives in a Web Worker and
// the messages are postMessage calls; in tests and natively it runs in
// process over channels. The UI and the runner share nothing but messages,
// so a run that freezes or crashes its thread takes only the runner with it.
//
// The protocol: the UI sends Start (a pattern and its knobs) and may send
// Stop. The runner answers, each frame, with as many Batch messages as
// what happened since the last frame needs (BatchEvents events each), each
// an encoded timeline.Snapshot whose parts add up to the frame's, and one
// Done when the run has returned, with its result and how it ended.
package runner

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"chanlab/patterns"
)

// Kind says what a Msg is.
type Kind uint8

// The message kinds.
const (
	Start Kind = iota + 1 // UI → runner: run Pattern with Query
	Stop                  // UI → runner: cancel the run
	Batch                 // runner → UI: Snapshot is an encoded timeline.Snapshot
	Done                  // runner → UI: the run returned; Outcome, Error, Result
	Ready                 // runner → UI: the runner is up and waits for Start
)

// Outcome is how a run ended.
type Outcome uint8

// The outcomes.
const (
	Finished   Outcome = iota // Run returned nil
	Stopped                   // cancelled: Stop, or the page went away
	Deadlocked                // the watchdog found every goroutine stuck
	Failed                    // Run returned another error, or panicked
)

// String names the outcome in one word, as the exports write it.
func (o Outcome) String() string {
	switch o {
	case Finished:
		return "finished"
	case Stopped:
		return "stopped"
	case Deadlocked:
		return "deadlocked"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("outcome %d", uint8(o))
}

// Msg is one message between the UI and the runner.
type Msg struct {
	Kind Kind

	Pattern string // Start: the pattern's ID
	Query   string // Start: its knobs, URL-encoded

	Snapshot []byte // Batch

	Outcome Outcome         // Done
	Error   string          // Done: the run's error text, if any
	ErrorKo string          // Done: Error in Korean, where there is one (a deadlock, a lost runner)
	Result  patterns.Result // Done
}

// ErrBadMsg is wrapped by every decoding error.
var ErrBadMsg = errors.New("runner: bad message")

// Encode writes m as bytes: its kind, then its fields. Batch carries the
// snapshot as is; the others are small and use JSON.
func (m Msg) Encode() []byte {
	switch m.Kind {
	case Batch:
		return append([]byte{byte(Batch)}, m.Snapshot...)
	case Stop, Ready:
		return []byte{byte(m.Kind)}
	}
	body, err := json.Marshal(wireMsg{m.Pattern, m.Query, m.Outcome, m.Error, m.ErrorKo, m.Result.Metrics})
	if err != nil {
		// Strings and metrics always marshal.
		panic(fmt.Sprintf("runner: encoding %d: %v", m.Kind, err))
	}
	// The length guards against a truncated message.
	return append(binary.AppendUvarint([]byte{byte(m.Kind)}, uint64(len(body))), body...)
}

// Decode reads a message written by Encode. Any other input gives an error
// wrapping ErrBadMsg, never a panic.
func Decode(b []byte) (Msg, error) {
	if len(b) == 0 {
		return Msg{}, fmt.Errorf("%w: empty", ErrBadMsg)
	}
	m := Msg{Kind: Kind(b[0])}
	switch m.Kind {
	case Batch:
		m.Snapshot = b[1:]
		return m, nil
	case Stop, Ready:
		if len(b) != 1 {
			return Msg{}, fmt.Errorf("%w: %d stray bytes after kind %d", ErrBadMsg, len(b)-1, m.Kind)
		}
		return m, nil
	case Start, Done:
	default:
		return Msg{}, fmt.Errorf("%w: unknown kind %d", ErrBadMsg, b[0])
	}
	n, w := binary.Uvarint(b[1:])
	if w <= 0 || n != uint64(len(b)-1-w) {
		return Msg{}, fmt.Errorf("%w: length does not match the %d bytes", ErrBadMsg, len(b))
	}
	var wm wireMsg
	if err := json.Unmarshal(b[1+w:], &wm); err != nil {
		return Msg{}, fmt.Errorf("%w: %v", ErrBadMsg, err)
	}
	m.Pattern, m.Query, m.Outcome, m.Error, m.ErrorKo, m.Result.Metrics = wm.P, wm.Q, wm.O, wm.E, wm.K, wm.M
	return m, nil
}

// wireMsg is the JSON form of Start and Done.
type wireMsg struct {
	P string            `json:"p,omitempty"`
	Q string            `json:"q,omitempty"`
	O Outcome           `json:"o,omitempty"`
	E string            `json:"e,omitempty"`
	K string            `json:"k,omitempty"`
	M []patterns.Metric `json:"m,omitempty"`
}
