package app

import (
	"context"
	"testing"
	"time"
)

// TestWatchUI checks the UI watch against a UI goroutine that answers, one
// that stops answering, and a page that goes away.
func TestWatchUI(t *testing.T) {
	const every, within = time.Millisecond, 250 * time.Millisecond
	watch := func(ctx context.Context, answers func(n int) bool) (stuck bool) {
		n := 0
		watchUI(ctx, every, within, func(f func()) {
			n++
			if answers(n) {
				go f() // as go-app runs it: later, on another goroutine
			}
		}, func() { stuck = true })
		return stuck
	}

	// A UI goroutine that answers five checks, then none: the sixth
	// reports it stuck, and the watch ends.
	done := make(chan bool)
	go func() { done <- watch(context.Background(), func(n int) bool { return n <= 5 }) }()
	select {
	case stuck := <-done:
		if !stuck {
			t.Error("the watch ended without reporting the UI goroutine stuck")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watch did not see that the UI goroutine stopped answering")
	}

	// One that answers: nothing reported while the page lives, and the
	// watch ends with it.
	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- watch(ctx, func(int) bool { return true }) }()
	time.Sleep(4 * within)
	cancel()
	select {
	case stuck := <-done:
		if stuck {
			t.Error("the watch reported a UI goroutine that answers every check")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watch outlived the page")
	}
}
