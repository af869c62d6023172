// Package wrap ports Python's decorators and context managers, and chanlab's
// own runner uses it (patterns.Spec.Exec).
//
// Python: a decorator such as @timed replaces a function with a wrapper
// that measures each call, and functools.wraps keeps the wrapped function's
// identity (__name__, __doc__) on the wrapper. A context manager (a class
// with __enter__/__exit__, or @contextmanager around a generator) runs
// setup before a with block and teardown after it, even when the block
// raises (with @contextmanager, only if the yield is inside try/finally).
//
// Go: a decorator is a higher-order function that takes a function and
// returns one of the same type, so the wrapper drops in wherever the
// original was used. Go functions carry no writable name, so identity is
// kept the Go way: the wrapper is told the name, and Name recovers the
// wrapped function's own name from the runtime. A context manager is a
// function that sets up, defers the teardown and calls the body: defer runs
// on every way out, a returned error and a panic included.
package wrap

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Func is the work chanlab wraps: it can be stopped through ctx and can fail.
type Func[T any] func(ctx context.Context) (T, error)

// Call is one timed call: which function, how long it took, how it ended.
type Call struct {
	Name string
	Took time.Duration
	Err  error
}

// Timed returns f wrapped so that each call is reported, after it returns,
// with its name and duration: Python's @timed. The wrapper has f's type.
func Timed[T any](name string, f Func[T], report func(Call)) Func[T] {
	return func(ctx context.Context) (T, error) {
		start := time.Now()
		v, err := f(ctx)
		report(Call{Name: name, Took: time.Since(start), Err: err})
		return v, err
	}
}

// Recover returns f wrapped so that a panic in it becomes an error naming
// name and carrying the stack, instead of ending the program: in the
// browser a panic ends the run's worker, and every goroutine in it.
func Recover[T any](name string, f Func[T]) Func[T] {
	return func(ctx context.Context) (v T, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("%s panicked: %v\n%s", name, p, debug.Stack())
			}
		}()
		return f(ctx)
	}
}

// Name returns the name the runtime knows function f by, without its
// package path ("wrap.Timed[...].func1" for a wrapper, "main.download" for
// a function): the identity functools.wraps would copy.
func Name(f any) string {
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Func || v.IsNil() {
		return ""
	}
	name := runtime.FuncForPC(v.Pointer()).Name()
	return name[strings.LastIndex(name, "/")+1:]
}

// Using runs setup, then body with what setup returned, then teardown,
// whatever body did: Python's with statement. Teardown runs when body
// returns an error and when it panics (the panic then goes on, after
// teardown); its own error is joined to body's. If setup fails, neither
// body nor teardown runs.
func Using[R any](ctx context.Context,
	setup func(ctx context.Context) (R, error),
	teardown func(R) error,
	body func(ctx context.Context, r R) error,
) (err error) {
	r, err := setup(ctx)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, teardown(r)) }()
	return body(ctx, r)
}
