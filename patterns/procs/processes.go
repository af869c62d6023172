package procs

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"chanlab/patterns/timeline"
)

// ProcessesSource is this file, shown beside the running pattern.
//
//go:embed processes.go
var ProcessesSource string

// Processes: the same counting, each worker in a process of its own. In the
// browser a process is a Web Worker: its own thread and its own Go runtime,
// sharing no memory with the parent. It gets its Job when it starts and
// sends back one Subtotal. Over the queue every process posts to the parent
// itself, and the parent receives them all from one channel, in the order
// they finish; over pipes each process gets one end of a MessageChannel and
// the parent reads the other ends in turn. Unlike goroutines, which share
// their run worker's one thread, processes run on as many cores as the
// machine has.

// Job is what a process is told: which worker it is and how far to count.
type Job struct {
	ID int `json:"id"`
	N  int `json:"n"`
}

// Subtotal is what a process sends back.
type Subtotal struct {
	ID    int           `json:"id"`
	Total int           `json:"total"`
	Busy  time.Duration `json:"busy"` // its counting time
	Name  string        `json:"name"` // "Process-3", as Python names them
}

// Encode writes s for a message between threads.
func (s Subtotal) Encode() []byte {
	b, _ := json.Marshal(s) // ints and a string always marshal
	return b
}

// DecodeSubtotal reads what Encode wrote.
func DecodeSubtotal(b []byte) (Subtotal, error) {
	var s Subtotal
	if err := json.Unmarshal(b, &s); err != nil {
		return Subtotal{}, fmt.Errorf("procs: a subtotal that does not decode: %w", err)
	}
	return s, nil
}

// Count is a process's whole work: count to n, as Job.ID, and return the
// Subtotal to send.
func Count(ctx context.Context, job Job) (Subtotal, error) {
	r, err := work(ctx, job.ID, job.N)
	return Subtotal{ID: job.ID, Total: r.subtotal, Busy: r.busy, Name: fmt.Sprintf("Process-%d", job.ID+1)}, err
}

// A Spawner starts processes.
type Spawner interface {
	// Start starts a process that runs job and sends its Subtotal to out,
	// which has room for it. Over the Pipe transport the process writes to
	// its own end of a pipe; over the Queue, to its parent. kill ends the
	// process at once, if it is still running.
	Start(job Job, t Transport, out chan<- Subtotal) (kill func(), err error)
	// Cores is how many processes can run at the same time.
	Cores() int
}

var spawner Spawner = goroutineSpawner{}

// SetSpawner sets how processes are started; the run worker sets one that
// starts Web Workers. Without it, a "process" is a goroutine that talks to
// the parent only in encoded messages, as a real one would.
func SetSpawner(s Spawner) { spawner = s }

// Cores is how many processes can run at the same time here.
func Cores() int { return spawner.Cores() }

// goroutineSpawner runs each process as a goroutine, for native tests and
// programs: natively goroutines already run in parallel.
type goroutineSpawner struct{}

func (goroutineSpawner) Start(job Job, t Transport, out chan<- Subtotal) (func(), error) {
	ctx, cancel := context.WithCancel(context.Background())
	// A Group, though nothing records it, so that the counting paces
	// itself: on js/wasm a goroutine that never yields would hold the one
	// thread, and the parent could not even cancel it.
	g := timeline.NewGroup(nil)
	g.Go(ctx, fmt.Sprintf("Process-%d", job.ID+1), func(ctx context.Context) error {
		s, err := Count(ctx, job)
		if err != nil {
			return nil
		}
		// Through the encoding, as between threads.
		if s, err = DecodeSubtotal(s.Encode()); err == nil {
			out <- s // out has room: the caller sized it
		}
		return nil
	})
	return func() { cancel(); g.Wait() }, nil
}

func (goroutineSpawner) Cores() int { return runtime.NumCPU() }

// runProcesses is Run's parent for processes: it starts them, receives
// their subtotals over cfg.Transport, and kills whichever are still running
// when it returns.
func runProcesses(ctx context.Context, cfg Config, workers int, res *Result) error {
	var kills []func()
	defer func() {
		for _, kill := range kills {
			kill()
		}
	}()
	start := func(id int, out chan<- Subtotal) error {
		kill, err := spawner.Start(Job{ID: id, N: cfg.N}, cfg.Transport, out)
		if err != nil {
			return fmt.Errorf("starting process %d: %w", id, err)
		}
		kills = append(kills, kill)
		return nil
	}
	receive := func(from <-chan Subtotal, what string) error {
		resume := timeline.Wait(ctx, timeline.Waiting, what)
		defer resume()
		select {
		case s := <-from:
			res.count(result{worker: s.ID, subtotal: s.Total, busy: s.Busy})
			timeline.Logf(ctx, "received %d from %s (worker %d), counted in %v", s.Total, s.Name, s.ID, s.Busy.Round(time.Millisecond))
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}

	if cfg.Transport == Pipe {
		pipes := make([]chan Subtotal, workers)
		for i := range pipes {
			pipes[i] = make(chan Subtotal, 1)
			if err := start(i, pipes[i]); err != nil {
				return err
			}
		}
		for i, p := range pipes {
			if err := receive(p, fmt.Sprintf("pipe-%d", i)); err != nil {
				return err
			}
		}
		return nil
	}
	// Room for every subtotal: a process never waits to deliver.
	queue := make(chan Subtotal, workers)
	for i := range workers {
		if err := start(i, queue); err != nil {
			return err
		}
	}
	for range workers {
		if err := receive(queue, "the results queue"); err != nil {
			return err
		}
	}
	return nil
}
