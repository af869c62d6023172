package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/patterns"
	"chanlab/patterns/runner"
)

// frame is how often the panels take what the run worker sent: as often
// as it sends a batch, so about one render per 30 Hz frame, whatever the
// event rate.
const frame = runner.Frame

// quietEvery is how many frames without an event pass between renders: the
// clocks then move at about 8 Hz.
const quietEvery = 4

// runPanels shows a run: timings, result, queues, goroutines, log and code.
// While the run goes on it reads the recorder once per frame and re-renders
// itself, and only itself: the rest of the page (knobs, picker) is left
// alone, since a go-app update re-renders every child whose props differ,
// and props holding a func always differ.
type runPanels struct {
	app.Compo

	View    *runView // nil before the first run
	Result  *patterns.Result
	Running bool
	Source  string

	watched *runView // the view the refresh loop is reading
}

func (r *runPanels) OnMount(ctx app.Context)  { r.watch(ctx) }
func (r *runPanels) OnUpdate(ctx app.Context) { r.watch(ctx) }

// watch starts the refresh loop for a new running view. The loop ends when
// the run does (the view's done is closed) or the panels go away.
func (r *runPanels) watch(ctx app.Context) {
	v := r.View
	if v == nil || v == r.watched || v.done == nil {
		return
	}
	r.watched = v
	ctx.Async(func() {
		t := time.NewTicker(frame)
		defer t.Stop()
		for frames := 0; ; frames++ {
			select {
			case <-v.done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			ctx.Dispatch(func(ctx app.Context) {
				if r.View != v {
					return
				}
				// A frame with no event would only move the clocks:
				// render those at quietEvery frames, and leave the
				// page's thread, and the cores, to the run.
				if !v.refresh() && frames%quietEvery != 0 {
					ctx.PreventUpdate()
				}
			})
		}
	})
}

func (r *runPanels) Render() app.UI {
	v := r.View
	if v == nil {
		return app.Div().Class("panels-inner").Body(
			app.Div().Class("card empty").Body(
				app.P().Text("Set the knobs and press Run: the log, the queue, each goroutine's state and the timings appear here as the pattern runs."),
			),
			&codeView{Source: r.Source},
		)
	}
	var result app.UI = app.Div().Class("result-pending")
	if r.Result != nil {
		result = &resultView{Metrics: r.Result.Metrics}
	}
	return app.Div().Class("panels-inner").Body(
		&timings{View: v, Version: v.version, Running: r.Running},
		result,
		app.Div().Class("row").Body(
			&queueChart{View: v, Version: v.queuesVersion},
			&goroutineList{View: v, Version: v.goroutinesVersion},
		),
		&logView{View: v, Version: v.logVersion},
		&codeView{Source: r.Source},
	)
}
