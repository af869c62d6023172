//go:build !wasm

package app

import (
	"fmt"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// BenchmarkPanelUpdate measures a frame of each panel as go-app makes it,
// after 10k and 100k recorded events: the panel shows another instant (the
// cursor moves between two, as a learner scrubbing Rewind moves it; the
// timings, which show no instant, switch between live and ended), renders,
// and go-app compares the new tree with the mounted one and updates what
// changed. Natively go-app's elements stand in for the DOM's, so this is
// the Go side of a frame; in the browser each update is also a call into
// JavaScript, and the browser's style and layout come after. (Not on
// js/wasm: Node, which runs those benchmarks, has no DOM.)
func BenchmarkPanelUpdate(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		v := floodView(n)
		end := v.h.Elapsed
		at := [2]time.Duration{end, end * 3 / 4}
		lanes := &goroutineLanes{View: v, Rewinding: true}
		queues := &queueChart{View: v, Rewinding: true}
		list := &goroutineList{View: v}
		log := &logView{View: v, Rewinding: true}
		tm := &timings{View: v}
		panels := []struct {
			name  string
			c     app.Composer
			frame func(i int)
		}{
			{"timings", tm, func(i int) { tm.Running = i%2 == 0 }},
			{"lanes", lanes, func(i int) { lanes.Now = at[i%2] }},
			{"queues", queues, func(i int) { queues.Now = at[i%2] }},
			{"goroutines", list, func(i int) { list.Now = at[i%2] }},
			{"log", log, func(i int) { log.Now = at[i%2] }},
		}
		for _, p := range panels {
			b.Run(fmt.Sprintf("%s/%dk", p.name, n/1000), func(b *testing.B) {
				p.frame(1)
				d := app.NewClientTester(p.c)
				defer d.Close()
				for i := 0; b.Loop(); i++ {
					p.frame(i)
					p.c.Update()
					d.Consume()
				}
			})
		}
	}
}
