package app

import (
	"errors"
	"fmt"
	"sync"

	"chanlab/patterns/runner"
)

// runners hands out the connection to the runner that executes patterns.
// In the browser that is a Web Worker (runners_wasm.go); natively, a runner
// goroutine in process (runners_other.go). One runner serves run after run
// until a run has to be killed; it is then discarded and the next run gets
// a fresh one.
type runners struct {
	mu      sync.Mutex
	current runner.Conn
	start   func() (runner.Conn, error) // a new runner, ready for Start
}

// conn returns the live runner, starting one if there is none. It may wait
// for the runner to load: never call it on the UI goroutine.
func (r *runners) conn() (runner.Conn, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if a, ok := r.current.(interface{ alive() bool }); ok && !a.alive() {
		// The worker died (a runtime fatal error): start a new one.
		r.current.Close()
		r.current = nil
	}
	if r.current == nil {
		c, err := r.start()
		if err != nil {
			return nil, err
		}
		r.current = c
	}
	return r.current, nil
}

// discard drops c, a runner that was killed, so that the next run starts a
// new one.
func (r *runners) discard(c runner.Conn) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.current == c {
		r.current = nil
	}
	c.Close()
}

// theRunners serves every page of the app: the browser tab has one runner
// at a time.
var theRunners = &runners{start: startRunner}

// errNotReady reports a runner whose first message was not Ready.
func errNotReady(m runner.Msg) error {
	if m.Error != "" {
		return errors.New(m.Error)
	}
	return fmt.Errorf("its first message was kind %d, not Ready", m.Kind)
}
