//go:build js && wasm

package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hack-pad/safejs"

	"chanlab/patterns/runner"
)

// The runner's wasm is fetched and compiled once per page; every worker
// gets the compiled module, so starting a run never refetches or
// recompiles it. Only a module is kept: a fetch that failed (the network
// dropped for a moment, the server restarted) is tried again by the next
// run, where keeping its error failed every run until a reload.
var runnerModule struct {
	mu       sync.Mutex // held while compiling: one fetch at a time
	module   safejs.Value
	compiled bool
}

func compiledRunner() (safejs.Value, error) {
	runnerModule.mu.Lock()
	defer runnerModule.mu.Unlock()
	if !runnerModule.compiled {
		m, err := compileRunner()
		if err != nil {
			return safejs.Undefined(), err
		}
		runnerModule.module, runnerModule.compiled = m, true
	}
	return runnerModule.module, nil
}

// fetchLimit bounds the runner's fetch and compile: a download that
// stalls ends as an error the learner sees, and the next run tries again,
// where waiting on it would hold every run at "Running…".
const fetchLimit = time.Minute

func compileRunner() (safejs.Value, error) {
	global := safejs.Global()
	wasm, err := global.Get("WebAssembly")
	if err != nil {
		return safejs.Undefined(), err
	}
	src := under(browserBase(), RunnerWasm)
	abortSignal, err := global.Get("AbortSignal")
	if err != nil {
		return safejs.Undefined(), err
	}
	limit, err := abortSignal.Call("timeout", fetchLimit.Milliseconds())
	if err != nil {
		return safejs.Undefined(), err
	}
	fetching, err := global.Call("fetch", src, map[string]any{"signal": limit})
	if err != nil {
		return safejs.Undefined(), err
	}
	resp, err := await(fetching)
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("fetching %s: %w", src, err)
	}
	// compileStreaming says only "HTTP status code is not ok".
	if ok, err := resp.Get("ok"); err == nil {
		if fine, err := ok.Truthy(); err == nil && !fine {
			status, _ := resp.Get("status")
			code, _ := status.Int()
			return safejs.Undefined(), fmt.Errorf("fetching %s: HTTP status %d", src, code)
		}
	}
	compiling, err := wasm.Call("compileStreaming", resp)
	if err != nil {
		return safejs.Undefined(), err
	}
	m, err := await(compiling)
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("compiling %s: %w", src, err)
	}
	return m, nil
}

// runnerScriptURL is what run workers start from, made once per page.
var runnerScriptURL struct {
	once sync.Once
	url  string
	err  error
}

// runnerScript returns web/runner.js's URL, or, in a page with an opaque
// origin (a frame sandboxed without allow-same-origin), the URL of a blob
// that loads it: such a page may start workers only from URLs of its own
// origin, which blob: URLs it makes are and no http URL is. The blob is
// made once and kept for the page's lifetime: run workers start their
// processes from their own URL.
func runnerScript() (string, error) {
	runnerScriptURL.once.Do(func() {
		runnerScriptURL.url, runnerScriptURL.err = makeRunnerScript()
	})
	return runnerScriptURL.url, runnerScriptURL.err
}

func makeRunnerScript() (string, error) {
	path := under(browserBase(), RunnerScript)
	global := safejs.Global()
	o, err := windowOrigin(global)
	if err != nil {
		return "", err
	}
	if o != "null" {
		return path, nil
	}
	// A worker from a blob resolves URLs against the blob's: the blob
	// names runner.js by its absolute URL, and hands it to runner.js as
	// self.chanlabScript to resolve its own paths against.
	loc, err := global.Get("location")
	if err != nil {
		return "", err
	}
	urlType, err := global.Get("URL")
	if err != nil {
		return "", err
	}
	abs, err := urlType.New(path, loc)
	if err != nil {
		return "", err
	}
	href, err := abs.Get("href")
	if err != nil {
		return "", err
	}
	s, err := href.String()
	if err != nil {
		return "", err
	}
	lit, err := json.Marshal(s) // a JavaScript string literal
	if err != nil {
		return "", err
	}
	src := fmt.Sprintf("self.chanlabScript = %s;\nimportScripts(self.chanlabScript);\n", lit)
	blobType, err := global.Get("Blob")
	if err != nil {
		return "", err
	}
	blob, err := blobType.New([]any{src}, map[string]any{"type": "text/javascript"})
	if err != nil {
		return "", err
	}
	u, err := urlType.Call("createObjectURL", blob)
	if err != nil {
		return "", err
	}
	return u.String()
}

// await waits for a JavaScript promise. It blocks the calling goroutine,
// so it must not run on the UI goroutine or inside a JavaScript callback.
func await(promise safejs.Value) (safejs.Value, error) {
	type settled struct {
		v   safejs.Value
		err error
	}
	ch := make(chan settled, 1)
	resolve, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- settled{v: arg(args)}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer resolve.Release()
	reject, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- settled{err: errors.New(describe(arg(args)))}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer reject.Release()
	if _, err := promise.Call("then", resolve, reject); err != nil {
		return safejs.Undefined(), err
	}
	s := <-ch
	return s.v, s.err
}

func arg(args []safejs.Value) safejs.Value {
	if len(args) == 0 {
		return safejs.Undefined()
	}
	return args[0]
}

// describe turns a JavaScript error or value into text.
func describe(v safejs.Value) string {
	if msg, err := v.Get("message"); err == nil && !msg.IsUndefined() {
		if s, err := msg.String(); err == nil {
			return s
		}
	}
	s, err := v.String()
	if err != nil {
		return "unknown error"
	}
	return s
}

// readyTimeout bounds the wait for a new worker's Ready.
const readyTimeout = 30 * time.Second

// startRunner starts a Web Worker running web/runner.js, hands it the
// compiled runner module (and, to warm up first, runner.WarmArg) and waits
// for its Ready.
func startRunner(warm bool) (runner.Conn, error) {
	module, err := compiledRunner()
	if err != nil {
		return nil, err
	}
	script, err := runnerScript()
	if err != nil {
		return nil, err
	}
	ctor, err := safejs.Global().Get("Worker")
	if err != nil {
		return nil, err
	}
	w, err := ctor.New(script)
	if err != nil {
		return nil, fmt.Errorf("starting the run worker: %w", err)
	}
	c, err := newWorkerConn(w)
	if err != nil {
		w.Call("terminate")
		return nil, err
	}
	first := module
	if warm {
		if first, err = warmStart(module); err != nil {
			c.Close()
			return nil, err
		}
	}
	if _, err := w.Call("postMessage", first); err != nil {
		c.Close()
		return nil, err
	}
	select {
	case m, ok := <-c.recv:
		if !ok || m.Kind != runner.Ready {
			c.Close()
			if !ok {
				return nil, errors.New("the run worker stopped while starting")
			}
			return nil, errNotReady(m)
		}
	case <-time.After(readyTimeout):
		c.Close()
		return nil, fmt.Errorf("the run worker was not ready after %v", readyTimeout)
	}
	return c, nil
}

// warmStart is a run worker's first message asking it to warm up before
// its Ready: {module, argv} (see web/runner.js).
func warmStart(module safejs.Value) (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	msg, err := ctor.New()
	if err != nil {
		return safejs.Value{}, err
	}
	if err := msg.Set("module", module); err != nil {
		return safejs.Value{}, err
	}
	argv, err := safejs.ValueOf([]any{"runner", runner.WarmArg})
	if err != nil {
		return safejs.Value{}, err
	}
	return msg, msg.Set("argv", argv)
}

// workerConn is the page's end of a run worker. The worker's messages
// arrive in a JavaScript callback, which must never block: it queues them,
// and a pump goroutine hands them, in order, to Recv's channel.
type workerConn struct {
	worker         safejs.Value
	uint8          safejs.Value
	onMsg, onError safejs.Func
	recv           chan runner.Msg
	wake           chan struct{} // a message was queued, or the conn closed
	gone           chan struct{} // closed by Close: nobody reads recv any more

	mu     sync.Mutex // guards the fields below
	queue  []runner.Msg
	closed bool // no more messages will be queued
	killed bool // Close terminated the worker
}

func newWorkerConn(w safejs.Value) (*workerConn, error) {
	uint8, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return nil, err
	}
	c := &workerConn{worker: w, uint8: uint8, recv: make(chan runner.Msg, 16), wake: make(chan struct{}, 1), gone: make(chan struct{})}
	c.onMsg, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		c.receive(arg(args))
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.onError, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		c.crashed("the run worker failed: " + describe(arg(args)))
		return nil
	})
	if err != nil {
		c.onMsg.Release()
		return nil, err
	}
	err = w.Set("onmessage", c.onMsg)
	if err == nil {
		err = w.Set("onerror", c.onError)
	}
	if err != nil {
		// The caller terminates the worker: nothing will call them.
		c.onMsg.Release()
		c.onError.Release()
		return nil, err
	}
	go c.pump()
	return c, nil
}

// receive handles one message event: a runner message as a Uint8Array, or
// the worker script's {exited, output} when the Go program died.
func (c *workerConn) receive(ev safejs.Value) {
	data, err := ev.Get("data")
	if err != nil {
		return
	}
	if isBytes, _ := data.InstanceOf(c.uint8); !isBytes {
		output, _ := data.Get("output")
		text, _ := output.String()
		c.crashed("the run worker's Go runtime stopped: " + runtimeReport(text))
		return
	}
	n, err := data.Length()
	if err != nil {
		return
	}
	b := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(b, data); err != nil {
		c.crashed("reading the run worker's message: " + err.Error())
		return
	}
	m, err := runner.Decode(b)
	if err != nil {
		c.crashed(err.Error())
		return
	}
	c.push(m, false)
}

// crashed reports the worker dead: a Done that says why, then the end of
// the connection.
func (c *workerConn) crashed(why string) {
	c.push(runner.Msg{Kind: runner.Done, Outcome: runner.Failed, Error: why}, true)
}

func (c *workerConn) push(m runner.Msg, last bool) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.queue = append(c.queue, m)
	c.closed = last
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// pump moves queued messages to recv in order, and closes recv once the
// connection is closed and the queue drained.
func (c *workerConn) pump() {
	defer close(c.recv)
	for range c.wake {
		for {
			c.mu.Lock()
			q, closed := c.queue, c.closed
			c.queue = nil
			c.mu.Unlock()
			for _, m := range q {
				select {
				case c.recv <- m:
				case <-c.gone:
					return
				}
			}
			if closed {
				return
			}
			if len(q) == 0 {
				break
			}
		}
	}
}

func (c *workerConn) Send(m runner.Msg) error {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed {
		return runner.ErrClosed
	}
	b := m.Encode()
	arr, err := c.uint8.New(len(b))
	if err != nil {
		return err
	}
	if _, err := safejs.CopyBytesToJS(arr, b); err != nil {
		return err
	}
	_, err = c.worker.Call("postMessage", arr)
	return err
}

func (c *workerConn) Recv() <-chan runner.Msg { return c.recv }

// Close terminates the worker at once, whatever it is doing.
func (c *workerConn) Close() error {
	c.mu.Lock()
	if c.killed {
		c.mu.Unlock()
		return nil
	}
	c.killed = true
	c.closed = true
	c.mu.Unlock()
	close(c.gone)
	_, err := c.worker.Call("terminate")
	c.worker.Set("onmessage", safejs.Null())
	c.worker.Set("onerror", safejs.Null())
	c.onMsg.Release()
	c.onError.Release()
	select {
	case c.wake <- struct{}{}:
	default:
	}
	return err
}

// alive reports whether the worker can still run patterns.
func (c *workerConn) alive() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.closed
}

// runtimeReport picks the Go runtime's report out of what the dead program
// wrote: from its last "panic:" or "fatal error:" line on, or else the last
// lines.
func runtimeReport(output string) string {
	lines := strings.Split(strings.TrimRight(output, "\n"), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], "panic: ") || strings.HasPrefix(lines[i], "fatal error: ") {
			return strings.Join(lines[i:], "\n")
		}
	}
	if len(lines) > 12 {
		lines = lines[len(lines)-12:]
	}
	return strings.Join(lines, "\n")
}

// windowOrigin is the window's origin: "null" for an opaque one (a frame
// sandboxed without allow-same-origin).
func windowOrigin(window safejs.Value) (string, error) {
	v, err := window.Get("origin")
	if err != nil {
		return "", err
	}
	return v.String()
}
