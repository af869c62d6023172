package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// TestUpdatePrompt: the prompt is an empty live region until go-app reports
// a new version, then says so with a Reload button.
func TestUpdatePrompt(t *testing.T) {
	u := &updatePrompt{}
	disp := app.NewClientTester(u)
	defer disp.Close()
	disp.Consume()
	disp.Wait()
	html := app.HTMLString(u)
	if !strings.Contains(html, `role="status"`) || strings.Contains(html, "Reload") {
		t.Fatalf("before an update, the prompt renders %s", html)
	}
	disp.AppUpdate()
	disp.Consume()
	html = app.HTMLString(u)
	for _, want := range []string{"A new version of chanlab is ready.", `id="update-reload"`, "Reload"} {
		if !strings.Contains(html, want) {
			t.Errorf("after an update, the prompt lacks %s: %s", want, html)
		}
	}
}
