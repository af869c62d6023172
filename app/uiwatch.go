package app

import (
	"context"
	"time"
)

// The UI watch. On js/wasm a panic on the UI goroutine does not end the
// program: go-app's RunWhenOnBrowser defers its engine's Close, which
// waits for every goroutine started with ctx.Async, and those never end
// without it (the update check lives as long as the page, the panels wait
// for their next slice). The panic is never printed, and the page stops
// answering while it looks alive. (A render that read a run the page had
// just dropped did this, about one pick mid-run in six.) So the page
// checks, every uiWatchEvery, that the UI goroutine still runs what it is
// given; once it has not for uiStuckAfter, the page says so on the console,
// with every goroutine's stack (the panic is in the UI goroutine's), and
// on the page (reportStuckUI).
const (
	uiWatchEvery = 5 * time.Second
	// uiStuckAfter is far beyond any task of a working page: the longest,
	// a first render on a cold start, takes a few hundred milliseconds.
	uiStuckAfter = 10 * time.Second
)

// watchUI checks, every every until ctx is done, that onUI runs the
// function it is given within within; if one does not, it calls stuck and
// returns. Each check costs the UI goroutine one empty function.
func watchUI(ctx context.Context, every, within time.Duration, onUI func(func()), stuck func()) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		answered := make(chan struct{})
		onUI(func() { close(answered) })
		select {
		case <-answered:
		case <-ctx.Done():
			return
		case <-time.After(within):
			stuck()
			return
		}
	}
}
