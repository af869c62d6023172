//go:build js && wasm

package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/hack-pad/safejs"

	"chanlab/patterns/procs"
)

// runProcess is the program of a process: a Web Worker started by a run
// worker with argv "-process -id I -n N". It counts, sends its subtotal to
// its pipe's end if it was given one, else to its parent, and exits.
func runProcess(args []string) int {
	flags := flag.NewFlagSet("process", flag.ContinueOnError)
	id := flags.Int("id", 0, "the worker's number")
	n := flags.Int("n", 0, "how far to count")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	s, err := procs.Count(context.Background(), procs.Job{ID: *id, N: *n})
	if err != nil {
		fmt.Fprintln(os.Stderr, "process:", err)
		return 1
	}
	self := safejs.Global()
	to := self
	if port, err := self.Get("chanlabPort"); err == nil && !port.IsUndefined() {
		to = port
	}
	if err := postBytes(to, s.Encode()); err != nil {
		fmt.Fprintln(os.Stderr, "process:", err)
		return 1
	}
	return 0
}

// postBytes posts b as a Uint8Array to target (a port, or self for the
// parent), its buffer transferred rather than copied.
func postBytes(target safejs.Value, b []byte) error {
	global := safejs.Global()
	uint8, err := global.Get("Uint8Array")
	if err != nil {
		return err
	}
	arr, err := uint8.New(len(b))
	if err != nil {
		return err
	}
	if _, err := safejs.CopyBytesToJS(arr, b); err != nil {
		return err
	}
	buf, err := arr.Get("buffer")
	if err != nil {
		return err
	}
	array, err := global.Get("Array")
	if err != nil {
		return err
	}
	transfer, err := array.Call("of", buf)
	if err != nil {
		return err
	}
	_, err = target.Call("postMessage", arr, transfer)
	return err
}

// workerSpawner starts processes as Web Workers running this same module:
// real threads, on as many cores as the machine has.
type workerSpawner struct {
	module safejs.Value // the compiled runner.wasm, from web/runner.js
}

func newWorkerSpawner() (*workerSpawner, error) {
	m, err := safejs.Global().Get("chanlabModule")
	if err != nil || m.IsUndefined() {
		return nil, fmt.Errorf("no compiled module to start processes with: %v", err)
	}
	return &workerSpawner{module: m}, nil
}

func (s *workerSpawner) Cores() int {
	nav, err := safejs.Global().Get("navigator")
	if err != nil {
		return 1
	}
	hc, err := nav.Get("hardwareConcurrency")
	if err != nil {
		return 1
	}
	n, err := hc.Int()
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// Start starts a Web Worker for job. Its subtotal arrives as a message:
// from the worker itself over the Queue, from the parent's end of a
// MessageChannel over a Pipe. The message handler runs in a JavaScript
// callback and must not block: out has room for the one subtotal.
func (s *workerSpawner) Start(job procs.Job, t procs.Transport, out chan<- procs.Subtotal) (func(), error) {
	global := safejs.Global()
	ctor, err := global.Get("Worker")
	if err != nil {
		return nil, err
	}
	// This worker's own script: web/runner.js, or the blob that loads
	// it when the page has an opaque origin (app/runners_wasm.go).
	loc, err := global.Get("location")
	if err != nil {
		return nil, err
	}
	href, err := loc.Get("href")
	if err != nil {
		return nil, err
	}
	w, err := ctor.New(href)
	if err != nil {
		return nil, err
	}
	var once sync.Once
	onMsg, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) == 0 {
			return nil
		}
		data, err := args[0].Get("data")
		if err != nil {
			return nil
		}
		n, err := data.Length()
		if err != nil {
			return nil // the process's {exited} note: it has already sent
		}
		b := make([]byte, n)
		if _, err := safejs.CopyBytesToGo(b, data); err != nil {
			return nil
		}
		sub, err := procs.DecodeSubtotal(b)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return nil
		}
		once.Do(func() {
			select {
			case out <- sub:
			default: // never: out has room for it
			}
		})
		return nil
	})
	if err != nil {
		w.Call("terminate")
		return nil, err
	}
	argv := []any{"runner", "-process", "-id", fmt.Sprint(job.ID), "-n", fmt.Sprint(job.N)}
	init := map[string]any{"module": s.module, "argv": argv}
	var transfer []any
	var port safejs.Value
	if t == procs.Pipe {
		mcCtor, err := global.Get("MessageChannel")
		if err != nil {
			return nil, err
		}
		mc, err := mcCtor.New()
		if err != nil {
			return nil, err
		}
		port, _ = mc.Get("port1")
		theirs, _ := mc.Get("port2")
		port.Set("onmessage", onMsg)
		init["port"] = theirs
		transfer = append(transfer, theirs)
	} else {
		w.Set("onmessage", onMsg)
	}
	initValue, err := toJS(init)
	if err != nil {
		return nil, err
	}
	transferValue, err := toJS(transfer)
	if err != nil {
		return nil, err
	}
	if _, err := w.Call("postMessage", initValue, transferValue); err != nil {
		return nil, err
	}
	kill := func() {
		w.Call("terminate")
		if t == procs.Pipe {
			port.Call("close")
		}
		onMsg.Release()
	}
	return kill, nil
}

// toJS builds a JavaScript object or array from a Go map or slice whose
// values are safejs.Values, strings or numbers.
func toJS(v any) (safejs.Value, error) {
	switch v := v.(type) {
	case map[string]any:
		obj, err := safejs.Global().Get("Object")
		if err != nil {
			return safejs.Undefined(), err
		}
		o, err := obj.New()
		if err != nil {
			return safejs.Undefined(), err
		}
		for k, x := range v {
			jx, err := toJS(x)
			if err != nil {
				return safejs.Undefined(), err
			}
			if err := o.Set(k, jx); err != nil {
				return safejs.Undefined(), err
			}
		}
		return o, nil
	case []any:
		arr, err := safejs.Global().Get("Array")
		if err != nil {
			return safejs.Undefined(), err
		}
		a, err := arr.New()
		if err != nil {
			return safejs.Undefined(), err
		}
		for _, x := range v {
			jx, err := toJS(x)
			if err != nil {
				return safejs.Undefined(), err
			}
			if _, err := a.Call("push", jx); err != nil {
				return safejs.Undefined(), err
			}
		}
		return a, nil
	case safejs.Value:
		return v, nil
	}
	return safejs.ValueOf(v)
}

// isProcess reports whether the worker was started as a process.
func isProcess(args []string) bool {
	return len(args) > 1 && strings.TrimLeft(args[1], "-") == "process"
}
