//go:build js && wasm

package hostturn

import (
	"context"
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
