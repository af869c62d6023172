package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// updateAlone makes an event handler of c re-render c alone. After each
// event go-app v9 re-renders the component whose element it came from and
// every component above it: the page, and with it every panel, the knobs
// and the picker. For a handler that changes only c's own state that is
// all wasted, and some events come once a frame: a Rewind drag is an input
// per step, a pointer over a lane a mousemove per frame.
func updateAlone(ctx app.Context, c app.Composer) {
	ctx.PreventUpdate()
	c.Update()
}
