package wrap

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

func TestTimed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		boom := errors.New("boom")
		var calls []Call
		f := Timed("work", func(ctx context.Context) (int, error) {
			time.Sleep(30 * time.Millisecond)
			return 7, boom
		}, func(c Call) { calls = append(calls, c) })
		v, err := f(t.Context())
		if v != 7 || err != boom {
			t.Errorf("wrapped call = %d, %v; want the original's 7, boom", v, err)
		}
		if len(calls) != 1 || calls[0] != (Call{Name: "work", Took: 30 * time.Millisecond, Err: boom}) {
			t.Errorf("reported %+v, want one call of work taking 30ms with boom", calls)
		}
	})
}

func TestRecover(t *testing.T) {
	f := Recover("risky", func(context.Context) (int, error) { panic("oops") })
	_, err := f(t.Context())
	if err == nil || !strings.HasPrefix(err.Error(), "risky panicked: oops\n") {
		t.Errorf("err = %v, want risky panicked: oops and a stack", err)
	}
	g := Recover("calm", func(context.Context) (int, error) { return 1, nil })
	if v, err := g(t.Context()); v != 1 || err != nil {
		t.Errorf("calm = %d, %v", v, err)
	}
}

func plain(context.Context) (int, error) { return 0, nil }

func TestName(t *testing.T) {
	if got := Name(plain); got != "wrap.plain" {
		t.Errorf("Name(plain) = %q", got)
	}
	// The wrapper is a closure inside Timed (inlining may put its
	// caller's name in front): its identity is not plain's.
	if got := Name(Timed("plain", plain, func(Call) {})); !strings.Contains(got, "Timed[") {
		t.Errorf("the wrapper's own name = %q, want a closure of Timed", got)
	}
	if got := Name(42); got != "" {
		t.Errorf("Name(42) = %q, want empty", got)
	}
	var nilFunc func()
	if got := Name(nilFunc); got != "" {
		t.Errorf("Name(nil func) = %q, want empty", got)
	}
}

func TestUsing(t *testing.T) {
	boom, closeErr := errors.New("boom"), errors.New("close failed")
	tests := []struct {
		name        string
		setupErr    error
		body        func() error
		teardownErr error
		wantRan     bool // teardown ran
		wantErr     []error
		wantPanic   bool
	}{
		{name: "ok", body: func() error { return nil }, wantRan: true},
		{name: "body error", body: func() error { return boom }, wantRan: true, wantErr: []error{boom}},
		{name: "teardown error joined", body: func() error { return boom }, teardownErr: closeErr, wantRan: true, wantErr: []error{boom, closeErr}},
		{name: "panic", body: func() error { panic(boom) }, wantRan: true, wantPanic: true},
		{name: "setup fails", setupErr: boom, body: func() error { t.Error("body ran after a failed setup"); return nil }, wantErr: []error{boom}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ran := false
			var err error
			panicked := func() (p bool) {
				defer func() { p = recover() != nil }()
				err = Using(t.Context(),
					func(context.Context) (string, error) { return "conn", tt.setupErr },
					func(r string) error {
						if r != "conn" {
							t.Errorf("teardown got %q", r)
						}
						ran = true
						return tt.teardownErr
					},
					func(_ context.Context, r string) error { return tt.body() })
				return false
			}()
			if ran != tt.wantRan || panicked != tt.wantPanic {
				t.Errorf("teardown ran %v, panicked %v; want %v, %v", ran, panicked, tt.wantRan, tt.wantPanic)
			}
			for _, want := range tt.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("err = %v, want it to wrap %v", err, want)
				}
			}
			if len(tt.wantErr) == 0 && err != nil {
				t.Errorf("err = %v, want nil", err)
			}
		})
	}
}

func TestRun(t *testing.T) {
	for _, fail := range []Failure{NoFailure, ErrorFailure, PanicFailure} {
		for _, withRec := range []bool{false, true} {
			t.Run(fmt.Sprintf("fail=%d/recorder=%v", fail, withRec), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					var rec *timeline.Recorder
					if withRec {
						rec = timeline.New(0)
					}
					res, err := Run(t.Context(), Config{Calls: 3, Work: 20 * time.Millisecond, Fail: fail}, rec)
					if err != nil {
						t.Fatalf("Run: %v", err)
					}
					if !res.Opened || !res.Closed {
						t.Errorf("opened %v, closed %v: the teardown must run however the block ends", res.Opened, res.Closed)
					}
					if len(res.Calls) != 3 {
						t.Fatalf("%d timed calls, want 3", len(res.Calls))
					}
					for _, c := range res.Calls {
						if c.Name != "download" || c.Took != 20*time.Millisecond || c.Err != nil {
							t.Errorf("call %+v, want download taking exactly 20ms", c)
						}
					}
					if got := res.Summary(); got != "3 × download, 20ms on average" {
						t.Errorf("Summary = %q", got)
					}
					switch fail {
					case NoFailure:
						if res.BodyErr != nil {
							t.Errorf("BodyErr = %v", res.BodyErr)
						}
					case ErrorFailure:
						if !errors.Is(res.BodyErr, errDownload) {
							t.Errorf("BodyErr = %v, want %v", res.BodyErr, errDownload)
						}
					case PanicFailure:
						if res.BodyErr == nil || !strings.Contains(res.BodyErr.Error(), "with-block panicked") {
							t.Errorf("BodyErr = %v, want the recovered panic", res.BodyErr)
						}
					}
				})
			})
		}
	}
}

// TestRunCancel stops the demo mid-download: the teardown still runs.
func TestRunCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		res, err := Run(ctx, Config{Calls: 10, Work: 20 * time.Millisecond}, timeline.New(0))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want the deadline", err)
		}
		if !res.Closed || len(res.Calls) != 3 {
			t.Errorf("closed %v after %d calls; want the teardown and 3 calls (the third cut short)", res.Closed, len(res.Calls))
		}
	})
}
