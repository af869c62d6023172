package app

import (
	"errors"
	"sync/atomic"
	"time"

	"chanlab/patterns/runner"
)

// The warm-up. V8 first runs a page's WebAssembly with its baseline
// compiler, and recompiles the hot functions with its optimizing compiler
// on background threads once they have run enough. In a first run that is
// several seconds of compiling, and on a 2-core machine those threads take
// the CPU from the page: the first run's first seconds had long tasks of
// 100–200 ms. V8 then caches the optimized code with the module, so only
// the first visit after a deploy pays it.
//
// So on a first visit chanlab warms its code while the learner reads: it
// embeds itself, hidden, and runs the flood there through the embed's
// message API (embed.go) for warmRun. The frame's Go program is another
// instance of the same module, and its worker of the runner's: V8 shares
// compiled modules, optimized code included, between instances. The frame
// goes as soon as its run has finished, or when the learner presses Run,
// whose own run then warms what is left. Once a warm-up has finished, the
// browser has this build warmed (warmKey in localStorage) and does not
// warm it again. Only a page of its own warms: an embed never does, as a
// course page may hold several, each with the course page's thread to
// share (and the warm-up's frame is an embed).
//
// The warm-up begins warmDelay after the page, and a Run pressed before it
// would meet the run worker's code unoptimized: so a first visit's run
// worker also warms its own code, with the same flood, before it says it
// is ready (runners.warmNext, runner.WarmUp).

// warmDelay is how long after the page starts the warm-up waits: the
// page's own start (the runner's wasm, the first renders) comes first.
const warmDelay = time.Second

// warmRun is how long the warm-up's flood runs. 1 s left 2–3 long tasks in
// the first run after it; 2 s left 0–1, of at most 54 ms, but V8 still
// spent about 740 ms of the first run's first 1.5 s optimizing functions
// the warm-up had not run enough, and the page's tasks waited for the
// cores (up to 45 ms). After 4 s it spent 130–590 ms (without a warm-up,
// 3.2 s), and the longest task was 22–34 ms.
const warmRun = 4 * time.Second

// warmLimit bounds a warm-up: a frame that never loads or never finishes
// is removed after it.
const warmLimit = 20 * time.Second

// warmPath is what the warm-up embeds: the flood (producers and consumers
// with no delay), which goes through every panel's hot code.
var warmPath = "/embed/" + runner.WarmPattern + "?" + runner.WarmKnobs + "&duration=" + warmRun.String()

// warmKey is the localStorage key that holds the build this browser warmed.
const warmKey = "chanlab-warmed"

// How a warm-up went, in the root element's data-warm-up attribute, for
// the tests and benchmarks that wait for it.
const (
	warmRunning = "running" // the frame is loading or running
	warmDone    = "done"    // the frame's run finished: the build is warmed
	warmFailed  = "failed"  // the frame's run ended otherwise
	warmStopped = "stopped" // the learner pressed Run first, or left
	warmTimeout = "timeout" // the frame did not finish within warmLimit
	warmSkipped = "skipped" // this browser warmed this build before
	warmNone    = "none"    // no storage to record it in, or no frame to run it
)

// errHidden reports a page that is not visible: a warm-up there would run
// without frames, so it waits until the page is seen.
var errHidden = errors.New("the page is hidden")

// runStarted is set once the page has started a run: the run warms the
// code and grows the heap as it needs, so neither the warm-up nor growHeap
// starts after it, even on another pattern's page (whose run view is new).
var runStarted atomic.Bool

// noteRun records that the page has started a run.
func noteRun() { runStarted.Store(true) }
