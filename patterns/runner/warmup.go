package runner

import (
	"context"
	"time"
)

// The flood the warm-ups run: four producers and four consumers with no
// delays, the busiest run chanlab has. The run worker warms its own code
// with it (WarmUp), and the page warms its code with it in a hidden embed
// (app/warmup.go).
const (
	WarmPattern = "prodcons"
	WarmKnobs   = "producers=4&consumers=4&buffer=10&pdelay=0ms&cdelay=0ms"
)

// WarmArg, in a run worker's arguments, asks it to warm up (WarmUp)
// before its first run.
const WarmArg = "-warm"

// WarmFor is how long a run worker warms up before its first run.
const WarmFor = 400 * time.Millisecond

// WarmUp runs the flood for WarmFor, its messages encoded and dropped, as
// a new run worker's first work, before it says Ready. V8 first runs
// WebAssembly with its baseline compiler and recompiles the hot functions
// with its optimizing compiler on background threads. Without this, the
// first run meets that recompiling: on 2 cores, the worker's run and three
// compiler threads (874 ms of compiling in the run's first half second,
// traced) left the page's thread a small share of the CPU, and its tasks
// took 3-9 times their CPU time (a layout of 14 ms took 50). In 10 pairs
// of first runs pressed as soon as the page went live, with and without
// it in turn, it cut their long tasks from 36 to 25 and the time in them
// by 40%; the rest is the page's own code, still cold (app/warmup.go).
// The page asks for it only where that first run is likely to be cold (a
// first visit, not an embed): it costs the worker about WarmFor of a
// core, and delays its Ready as long (such a run's first event came about
// 250 ms later).
func WarmUp(ctx context.Context) { warmUp(ctx, discard{}) }

func warmUp(ctx context.Context, c Conn) {
	serveRun(ctx, c, Msg{Kind: Start, Pattern: WarmPattern, Query: WarmKnobs + "&duration=" + WarmFor.String()})
}

// discard is a connection nobody is at the other end of: what it is sent
// is dropped, and it never receives (a nil channel).
type discard struct{}

func (discard) Send(Msg) error   { return nil }
func (discard) Recv() <-chan Msg { return nil }
func (discard) Close() error     { return nil }
