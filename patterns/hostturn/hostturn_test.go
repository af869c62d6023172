package hostturn

import (
	"context"
	"testing"
	"time"
)

func TestWaitReturns(t *testing.T) {
	before := Last()
	done := make(chan struct{})
	go func() {
		defer close(done)
		Wait(context.Background())
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Wait did not return within 5s")
	}
	if Last().Before(before) {
		t.Errorf("the host's last turn went back from %v to %v", before, Last())
	}
}

func TestWaitCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	Wait(ctx) // returns, turn or not
	Yield(ctx, 0)
}
