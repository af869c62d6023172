//go:build js && wasm

package hostturn

import (
	"context"
	"runtime"
	"syscall/js"
	"testing"
	"time"
)

// TestWaitLetsTheHostRun checks that a task the host had queued runs
// before Wait returns: the point of a turn.
func TestWaitLetsTheHostRun(t *testing.T) {
	ran := false
	f := js.FuncOf(func(js.Value, []js.Value) any { ran = true; return nil })
	defer f.Release()
	ch := js.Global().Get("MessageChannel").New()
	defer ch.Get("port1").Call("close")
	ch.Get("port1").Set("onmessage", f)
	ch.Get("port2").Call("postMessage", js.Null())
	Wait(context.Background())
	if !ran {
		t.Error("Wait returned before the host ran the task queued ahead of it")
	}
}

// TestYieldOnlyWhenDue checks that Yield asks for a turn only when the
// host has had none for the time given.
func TestYieldOnlyWhenDue(t *testing.T) {
	Wait(context.Background())
	last := Last()
	Yield(context.Background(), time.Hour)
	if got := Last(); !got.Equal(last) {
		t.Errorf("Yield(hour) right after a turn waited for another (last turn %v, then %v)", last, got)
	}
	time.Sleep(2 * time.Millisecond)
	Yield(context.Background(), time.Millisecond)
	if got := Last(); !got.After(last) {
		t.Errorf("Yield(1ms) 2ms after a turn did not wait for one (last turn still %v)", got)
	}
}

// TestYieldTurnsOfTheirOwn checks that goroutines that yield together go on
// one per turn: none of them is ready to run while another's slice runs,
// so the browser's tasks hold one slice each.
func TestYieldTurnsOfTheirOwn(t *testing.T) {
	const n = 4
	var running, most int
	done := make(chan struct{})
	for range n {
		go func() {
			defer func() { done <- struct{}{} }()
			Yield(context.Background(), 0)
			running++
			most = max(most, running)
			runtime.Gosched() // a goroutine released at the same turn would run here
			running--
		}()
	}
	for range n {
		<-done
	}
	if most != 1 {
		t.Errorf("%d goroutines went on at one turn of the host's, want 1", most)
	}
}

// TestYieldCancelled checks that a Yield whose context ends leaves the
// queue at once, and that the Yield behind it still gets its turn.
func TestYieldCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan struct{})
	go func() {
		defer close(gone)
		Yield(ctx, 0)
	}()
	runtime.Gosched() // it queues
	after := make(chan struct{})
	go func() {
		defer close(after)
		Yield(context.Background(), 0)
	}()
	runtime.Gosched() // it queues behind
	cancel()
	<-gone
	host.mu.Lock()
	queued := len(host.queue)
	host.mu.Unlock()
	if queued != 1 {
		t.Errorf("%d Yields queued after one of two was cancelled, want 1", queued)
	}
	select {
	case <-after:
	case <-time.After(5 * time.Second):
		t.Fatal("the Yield behind a cancelled one did not return within 5s")
	}
}
