package runner

import (
	"errors"
	"sync"
)

// Conn is one end of a connection between the UI and a runner.
type Conn interface {
	// Send delivers m to the other end without waiting for it to be read.
	Send(m Msg) error
	// Recv yields the messages from the other end; it is closed when the
	// other end is gone (a terminated worker, a closed pipe).
	Recv() <-chan Msg
	// Close ends the connection. On the UI's end of a worker it terminates
	// the worker, whatever it is doing.
	Close() error
}

// ErrClosed is returned by Send on a closed connection.
var ErrClosed = errors.New("runner: connection closed")

// Pipe returns the two ends of an in-process connection, for native tests
// and for running without a worker. Each direction holds up to buffer
// messages; a Send beyond that waits for the reader. Closing either end
// closes both directions.
func Pipe(buffer int) (ui, runner Conn) {
	p := &pipe{toRunner: make(chan Msg, buffer), toUI: make(chan Msg, buffer), closed: make(chan struct{})}
	return pipeEnd{p, p.toRunner, p.toUI}, pipeEnd{p, p.toUI, p.toRunner}
}

type pipe struct {
	toRunner, toUI chan Msg
	closed         chan struct{} // closed first, to wake a waiting Send
	once           sync.Once

	// mu orders every send before the close of the channels: a Send holds
	// it for reading, Close for writing.
	mu       sync.RWMutex
	isClosed bool
}

type pipeEnd struct {
	p    *pipe
	out  chan Msg
	recv chan Msg
}

func (e pipeEnd) Send(m Msg) error {
	e.p.mu.RLock()
	defer e.p.mu.RUnlock()
	if e.p.isClosed {
		return ErrClosed
	}
	select {
	case e.out <- m:
		return nil
	case <-e.p.closed:
		return ErrClosed
	}
}

func (e pipeEnd) Recv() <-chan Msg { return e.recv }

func (e pipeEnd) Close() error {
	e.p.once.Do(func() {
		// Wake a Send waiting for room, so that it releases its read lock.
		close(e.p.closed)
		e.p.mu.Lock()
		defer e.p.mu.Unlock()
		e.p.isClosed = true
		close(e.p.toRunner)
		close(e.p.toUI)
	})
	return nil
}
