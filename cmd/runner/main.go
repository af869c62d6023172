//go:build js && wasm

// Command runner is chanlab's run worker: built to web/runner.wasm, it runs
// in a dedicated Web Worker (web/runner.js starts it) and runs one pattern
// at a time for the page, which it talks to only through postMessage. It
// holds the patterns and their instrumentation, and no UI: a run that
// freezes or crashes this thread leaves the page working, and the page can
// always terminate the worker.
package main

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/hack-pad/safejs"

	"chanlab/patterns/procs"
	"chanlab/patterns/runner"
	"chanlab/patterns/timeline"
)

func main() {
	if isProcess(os.Args) {
		os.Exit(runProcess(os.Args[2:]))
	}
	if sp, err := newWorkerSpawner(); err == nil {
		procs.SetSpawner(sp)
	} else {
		fmt.Fprintln(os.Stderr, "runner: processes will be goroutines:", err)
	}
	c, err := newWorkerConn()
	if err != nil {
		fmt.Fprintln(os.Stderr, "runner:", err)
		os.Exit(1)
	}
	// This thread is the worker's: its event loop must get turns during a
	// run, or the page's Stop would wait in its queue.
	timeline.EnableHostTurns()
	if slices.Contains(os.Args[1:], runner.WarmArg) {
		runner.WarmUp(context.Background())
	}
	// Serve returns only if the page closes the connection, which it
	// does by terminating this worker: in practice it runs for as long as
	// the worker lives.
	if err := runner.Serve(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "runner:", err)
		os.Exit(1)
	}
}

// workerConn is the runner's end of the page's connection: messages are
// Uint8Arrays sent with postMessage, their buffers transferred, not copied.
type workerConn struct {
	self  safejs.Value
	recv  chan runner.Msg
	onMsg safejs.Func
}

func newWorkerConn() (*workerConn, error) {
	self := safejs.Global()
	c := &workerConn{self: self, recv: make(chan runner.Msg, 64)}
	var err error
	c.onMsg, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		c.receive(args)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := self.Set("onmessage", c.onMsg); err != nil {
		return nil, err
	}
	return c, nil
}

// receive decodes one message event. It must not block (it runs inside a
// JavaScript callback): the channel has room for far more than the page
// ever sends during a run (a Start and a Stop), and a message that does not
// fit or does not decode is dropped with a note on the console.
func (c *workerConn) receive(args []safejs.Value) {
	if len(args) == 0 {
		return
	}
	data, err := args[0].Get("data")
	if err != nil {
		return
	}
	n, err := data.Length()
	if err != nil {
		fmt.Fprintln(os.Stderr, "runner: a message that is not bytes:", err)
		return
	}
	b := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(b, data); err != nil {
		fmt.Fprintln(os.Stderr, "runner: reading a message:", err)
		return
	}
	m, err := runner.Decode(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	select {
	case c.recv <- m:
	default:
		fmt.Fprintln(os.Stderr, "runner: dropped a message: the inbox is full")
	}
}

func (c *workerConn) Send(m runner.Msg) error { return postBytes(c.self, m.Encode()) }

func (c *workerConn) Recv() <-chan runner.Msg { return c.recv }

// Close is never called in the worker: the page ends it by terminating it.
func (c *workerConn) Close() error { return nil }
