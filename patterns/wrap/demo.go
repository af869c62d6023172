package wrap

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"chanlab/patterns/timeline"
)

// Source is the package, shown beside the running demo: the wrappers, then
// the demo that uses them.
var Source = wrapSource + "\n" + demoSource

var (
	//go:embed wrap.go
	wrapSource string
	//go:embed demo.go
	demoSource string
)

// Failure is how the demo's with-block ends.
type Failure int

// The ways the body can end.
const (
	NoFailure    Failure = iota // it returns normally
	ErrorFailure                // it returns an error
	PanicFailure                // it panics
)

// Config are the demo's knobs. The zero Config is valid: no calls, and the
// connection is still opened and closed.
type Config struct {
	Calls int           // timed downloads inside the with-block
	Work  time.Duration // how long each download takes
	Fail  Failure       // how the with-block ends
}

// Result is what the demo measured.
type Result struct {
	Calls       []Call // each timed download
	Name        string // the name the timed wrapper reports
	WrapperName string // what the runtime calls the wrapper itself
	Opened      bool
	Closed      bool  // the teardown ran
	BodyErr     error // how the with-block ended: the error or the panic
}

// errDownload is the failure the body returns when asked to fail.
var errDownload = errors.New("download failed: connection reset")

// Run opens a connection with Using, downloads Calls times through a Timed
// download, then ends the with-block as Fail says. The body's failure is
// part of the demo, so it is reported in Result, not returned; Run returns
// only ctx's error.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	var res Result
	g := timeline.NewGroup(rec)
	g.Go(ctx, "main", func(ctx context.Context) error {
		download := func(ctx context.Context) (int, error) {
			return 1 << 20, timeline.Sleep(ctx, cfg.Work)
		}
		// Go functions have no writable name: the wrapper is told the
		// name it reports, where Python's functools.wraps copies __name__.
		res.Name = "download"
		timed := Timed(res.Name, download, func(c Call) {
			res.Calls = append(res.Calls, c)
			timeline.Logf(ctx, "%s took %v", c.Name, c.Took.Round(time.Millisecond))
		})
		res.WrapperName = Name(timed)

		// Recover turns the body's panic, which Using lets through after
		// the teardown, into the error the demo reports.
		with := Recover("with-block", func(ctx context.Context) (struct{}, error) {
			return struct{}{}, Using(ctx, func(ctx context.Context) (*Result, error) {
				timeline.Logf(ctx, "setup: connection opened")
				res.Opened = true
				return &res, nil
			}, func(r *Result) error {
				r.Closed = true
				timeline.Logf(ctx, "teardown: connection closed")
				return nil
			}, func(ctx context.Context, r *Result) error {
				for range cfg.Calls {
					if _, err := timed(ctx); err != nil {
						return err
					}
				}
				switch cfg.Fail {
				case ErrorFailure:
					return errDownload
				case PanicFailure:
					panic(errDownload)
				}
				return nil
			})
		})
		_, res.BodyErr = with(ctx)
		if res.BodyErr != nil && ctx.Err() == nil {
			timeline.Logf(ctx, "the with-block failed: %v", res.Ended())
		}
		return nil
	})
	// main writes res; Wait orders that before the caller reads it.
	err := g.Wait()
	return res, errors.Join(err, ctx.Err())
}

// Ended says how the with-block ended: "normally", or its error without
// the stack that Recover appends to a panic.
func (r Result) Ended() string {
	if r.BodyErr == nil {
		return "normally"
	}
	first, _, _ := strings.Cut(r.BodyErr.Error(), "\n")
	return first
}

// Summary formats the timed calls: their number and their mean duration.
func (r Result) Summary() string {
	if len(r.Calls) == 0 {
		return "no calls"
	}
	return fmt.Sprintf("%d × %s, %v on average", len(r.Calls), r.Calls[0].Name, r.mean())
}

// mean is the timed calls' mean duration, to the millisecond; there must be
// at least one.
func (r Result) mean() time.Duration {
	var total time.Duration
	for _, c := range r.Calls {
		total += c.Took
	}
	return (total / time.Duration(len(r.Calls))).Round(time.Millisecond)
}

// EndedKo is Ended in Korean: the error's own text stays as the program
// wrote it.
func (r Result) EndedKo() string {
	if r.BodyErr == nil {
		return "정상 종료"
	}
	return "오류: " + r.Ended()
}

// SummaryKo is Summary in Korean.
func (r Result) SummaryKo() string {
	if len(r.Calls) == 0 {
		return "호출 없음"
	}
	return fmt.Sprintf("%s %d번, 평균 %v", r.Calls[0].Name, len(r.Calls), r.mean())
}
