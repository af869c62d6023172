// Busy polling versus blocking queues.
//
// Python: a queue made by hand, a deque guarded by a Lock, whose get raises
// IndexError when it is empty. Each stage is a worker thread that polls it:
//
//	while True:
//	    try:
//	        item = self.in_queue.get()
//	    except IndexError:
//	        sleep(0.01)  # No work to do
//	    else:
//	        self.out_queue.put(self.func(item))
//
// naivePipeline keeps that shape and counts the empty polls; blockingPipeline
// is the fix: a blocking get, and a close that says "no more items".

package pipeline

import (
	"context"
	_ "embed"
	"sync"
	"time"

	"chanlab/patterns/timeline"
)

// PollingSource is this file, shown beside the running pattern.
//
//go:embed polling.go
var PollingSource string

// PollingConfig are RunPolling's knobs. The zero value is valid: no items,
// no work, and the course's 10ms poll interval.
type PollingConfig struct {
	Items                    int           // items put into the download queue
	Download, Resize, Upload time.Duration // each stage's work on one item
	PollInterval             time.Duration // a poller's sleep after finding its queue empty; 0 means 10ms
	Blocking                 bool          // run the fix (blocking queues) instead of the polling workers
}

// PollingResult is what a RunPolling run measured.
type PollingResult struct {
	Stages   [3]PollingStage // download, resize, upload
	Done     []int           // item IDs in the order they reached the done queue
	RunPolls int             // times the run looked at the done queue and found it short (polling only)
	Elapsed  time.Duration
}

// PollingStage is what one stage's worker did.
type PollingStage struct {
	Name    string
	Items   int // items it worked on and passed on
	Sum     int // the sum of their IDs, to check that each passed once
	Polls   int // looks at its input that found it empty: wasted wake-ups
	Wakeups int // looks at its input: Items+Polls when polling, Items when blocking
}

// Polls returns the empty polls of all workers.
func (r PollingResult) Polls() int {
	n := 0
	for _, s := range r.Stages {
		n += s.Polls
	}
	return n
}

// Wakeups returns the wake-ups of all workers.
func (r PollingResult) Wakeups() int {
	n := 0
	for _, s := range r.Stages {
		n += s.Wakeups
	}
	return n
}

// RunPolling pushes cfg.Items items through download → resize → upload,
// one worker per stage, on polled queues or, with cfg.Blocking, on blocking
// ones. It returns when every worker has returned; cancelling ctx stops it
// and it then returns ctx's error.
func RunPolling(ctx context.Context, cfg PollingConfig, rec *timeline.Recorder) (PollingResult, error) {
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 10 * time.Millisecond
	}
	start := time.Now()
	run := naivePipeline
	if cfg.Blocking {
		run = blockingPipeline
	}
	res, err := run(ctx, cfg, rec)
	res.Elapsed = time.Since(start)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// stageNames are the stages, in pipeline order.
var stageNames = [3]string{"download", "resize", "upload"}

// work returns each stage's work on one item, in pipeline order.
func (c PollingConfig) work() [3]time.Duration {
	return [3]time.Duration{c.Download, c.Resize, c.Upload}
}

// naiveQueue is Python's hand-made queue: a slice guarded by a mutex. TryGet
// does not wait: on an empty queue it fails, as deque.popleft raises
// IndexError, and nothing tells a getter when an item arrives. That is why
// its getters must poll. (The mutex makes it safe, just wasteful.)
type naiveQueue struct {
	name string
	size *timeline.Gauge // its length, for the charts

	mu    sync.Mutex // guards items
	items []int
}

func newNaiveQueue(rec *timeline.Recorder, name string) *naiveQueue {
	return &naiveQueue{name: name, size: timeline.NewGauge(rec, name, "items")}
}

// Put appends item; it never waits, as the queue is unbounded.
func (q *naiveQueue) Put(ctx context.Context, item int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, item)
	q.size.Set(ctx, int64(len(q.items)))
}

// TryGet removes and returns the oldest item, or reports false at once if
// there is none.
func (q *naiveQueue) TryGet(ctx context.Context) (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		return 0, false
	}
	item := q.items[0]
	q.items = q.items[1:]
	q.size.Set(ctx, int64(len(q.items)))
	return item, true
}

// Len returns the number of queued items.
func (q *naiveQueue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

// naivePipeline is the Python original, kept to show what is wrong with it.
// Each worker polls its input: while items are scarce, it wakes up every
// PollInterval to find nothing, and an item that arrives mid-sleep waits for
// the next poll. Worse, it cannot end on its own: an empty queue means "no
// item yet" as much as "no more items". So the run polls the done queue
// until every item is there, and then cancels the workers mid-poll, the only
// way to stop them.
func naivePipeline(ctx context.Context, cfg PollingConfig, rec *timeline.Recorder) (PollingResult, error) {
	queues := [4]*naiveQueue{
		newNaiveQueue(rec, "download queue"),
		newNaiveQueue(rec, "resize queue"),
		newNaiveQueue(rec, "upload queue"),
		newNaiveQueue(rec, "done queue"),
	}
	for id := range cfg.Items {
		queues[0].Put(ctx, id)
	}

	var res PollingResult
	workers, stop := context.WithCancel(ctx)
	defer stop()
	g := timeline.NewGroup(rec)
	for i, work := range cfg.work() {
		// Each worker writes only its own PollingStage; the run reads it
		// after Wait.
		st := &res.Stages[i]
		st.Name = stageNames[i]
		g.Go(workers, st.Name, func(ctx context.Context) error {
			naiveWorker(ctx, queues[i], queues[i+1], work, cfg.PollInterval, st)
			return nil
		})
	}

	// Like Python's main thread: wait for the done queue to fill, by polling.
	for queues[3].Len() < cfg.Items {
		res.RunPolls++
		if timeline.Idle(ctx, cfg.PollInterval, "next poll") != nil {
			break // the run was cancelled
		}
	}
	stop()
	err := g.Wait()
	for {
		id, ok := queues[3].TryGet(ctx)
		if !ok {
			break
		}
		res.Done = append(res.Done, id)
	}
	return res, err
}

// naiveWorker is Python's Worker.run: poll in; if it is empty, sleep and
// poll again; else work on the item and put it on out. It returns only when
// ctx is cancelled, since it cannot know that no more items will come.
func naiveWorker(ctx context.Context, in, out *naiveQueue, work, interval time.Duration, st *PollingStage) {
	for {
		st.Wakeups++
		item, ok := in.TryGet(ctx)
		if !ok {
			st.Polls++
			timeline.Logf(ctx, "%s empty (poll %d): sleeping %v", in.name, st.Polls, interval)
			if timeline.Idle(ctx, interval, "next poll") != nil {
				return
			}
			continue
		}
		timeline.Logf(ctx, "got %d from %s", item, in.name)
		if timeline.Sleep(ctx, work) != nil {
			return // cancelled mid-work: the item is dropped
		}
		out.Put(ctx, item)
		st.Items++
		st.Sum += item
	}
}

// blockingPipeline is the fix: the same stages on blocking queues. A worker
// with nothing to do is parked in Get until an item arrives, so it never
// polls and never sleeps through an arrival. Each worker closes its output
// once its input is closed and drained, so the end of the items flows down
// the pipeline, and the run neither polls nor cancels anyone.
func blockingPipeline(ctx context.Context, cfg PollingConfig, rec *timeline.Recorder) (PollingResult, error) {
	// Capacity Items: like Python's unbounded queue, so no put ever waits,
	// and the only change from the naive version is the blocking get.
	queues := [4]*timeline.Queue[int]{
		timeline.NewQueue[int](rec, "download queue", cfg.Items),
		timeline.NewQueue[int](rec, "resize queue", cfg.Items),
		timeline.NewQueue[int](rec, "upload queue", cfg.Items),
		timeline.NewQueue[int](rec, "done queue", cfg.Items),
	}
	var res PollingResult
	g := timeline.NewGroup(rec)
	// Like Python's main thread, in the Group like every goroutine that
	// touches a queue: its lane shows it blocked on the done queue.
	g.Go(ctx, "main", func(ctx context.Context) error {
		for id := range cfg.Items {
			// Cannot block: the queue holds all the items. It fails only
			// when ctx is done, and then the workers stop anyway.
			queues[0].Put(ctx, id)
		}
		// main is the download queue's only sender.
		queues[0].Close(ctx)
		// The upload worker closes the done queue after its last item,
		// which ends this loop; so does a cancelled ctx. Only main writes
		// Done until Wait.
		for id := range queues[3].All(ctx) {
			res.Done = append(res.Done, id)
		}
		return nil
	})
	for i, work := range cfg.work() {
		st := &res.Stages[i]
		st.Name = stageNames[i]
		g.Go(ctx, st.Name, func(ctx context.Context) error {
			blockingWorker(ctx, queues[i], queues[i+1], work, st)
			return nil
		})
	}
	return res, g.Wait()
}

// blockingWorker gets items from in until in is closed and drained, or ctx
// is cancelled, works on each and puts it on out. It is out's only sender,
// so it closes out on every return path: that is how the next stage learns
// that no more items will come.
func blockingWorker(ctx context.Context, in, out *timeline.Queue[int], work time.Duration, st *PollingStage) {
	defer out.Close(ctx)
	for item := range in.All(ctx) {
		st.Wakeups++ // woken by an item, never for nothing
		if timeline.Sleep(ctx, work) != nil {
			return
		}
		if out.Put(ctx, item) != nil {
			return
		}
		st.Items++
		st.Sum += item
	}
}
