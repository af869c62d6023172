//go:build browser

package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestBrowserShare copies the page's link as a learner would, and checks
// the embed snippet offered for the same view.
func TestBrowserShare(t *testing.T) {
	b := newBrowser(t)
	b.open("/prodcons")
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.Call(b.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name},
			Setting:    cdpbrowser.PermissionSettingGranted,
			Origin:     b.base.Scheme + "://" + b.base.Host,
		}); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	b.setKnob("buffer", "3")
	want := b.base.String() + "/prodcons?"
	link := eval[string](b, `document.getElementById("share-link").value`)
	if !strings.HasPrefix(link, want) || !strings.Contains(link, "buffer=3") {
		t.Errorf("the link shown is %q, want %s… with buffer=3", link, want)
	}
	b.do(chromedp.Click(chromedp.ID("copy-link")))
	b.do(chromedp.WaitVisible(chromedp.CSS(`#share-said:not(:empty)`)))
	if got := b.text("#share-said"); got != "Link copied." {
		t.Fatalf("after Copy link: %q", got)
	}
	if got := eval[string](b, `navigator.clipboard.readText()`); got != link {
		t.Errorf("the clipboard holds %q, want the link %q", got, link)
	}
	// The link restores the view.
	b.open(strings.TrimPrefix(link, b.base.String()))
	if got := eval[string](b, `document.getElementById("knob-buffer").value`); got != "3" {
		t.Errorf("the link opened with buffer %q, want 3", got)
	}

	b.do(chromedp.Click(chromedp.CSS("#embed-dialog summary")))
	snippet := eval[string](b, `document.getElementById("embed-snippet").value`)
	for _, part := range []string{`<iframe src="` + b.base.String() + `/embed/prodcons?`, `buffer=3`, `title="chanlab: `, `loading="lazy"`, `height="`, `sandbox="allow-scripts allow-popups"`, `referrerpolicy="origin"`} {
		if !strings.Contains(snippet, part) {
			t.Errorf("the embed snippet %q lacks %q", snippet, part)
		}
	}
	b.screenshot("share")
	b.checkClean()
}

// TestBrowserEmbed opens an embed at 320 px: the pattern, its knobs and a
// run fit the width, and "Open in chanlab" leads to the full page.
func TestBrowserEmbed(t *testing.T) {
	b := newBrowser(t)
	b.do(chromedp.EmulateViewport(320, 800))
	b.open("/embed/prodcons?buffer=2&duration=1s")
	if n := eval[int](b, `document.querySelectorAll(".topbar, .picker, .foot").length`); n != 0 {
		t.Errorf("the embed shows %d pieces of the full page's chrome", n)
	}
	if got := eval[string](b, `document.getElementById("open-in-chanlab").href`); !strings.HasPrefix(got, b.base.String()+"/prodcons?") || !strings.Contains(got, "buffer=2") {
		t.Errorf("Open in chanlab goes to %q", got)
	}
	if got := b.runToEnd("done"); !strings.HasPrefix(got, "Finished") {
		t.Errorf("the embed's run: %q", got)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 320 {
		t.Errorf("the embed is %d px wide in a 320 px frame; wider: %s", w, eval[string](b, `[...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 320).slice(0, 8).map((e) => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join(", ")`))
	}
	b.screenshot("embed-320")
	b.checkClean()
}

// TestBrowserCoursePage loads the sample course page from another site
// (localhost, where chanlab is 127.0.0.1), its frames sandboxed with
// allow-same-origin (chanlab's storage there is partitioned; the
// snippet's stricter sandbox is TestBrowserSandboxedEmbed's), and
// drives its first embed through the message API, as its buttons do: a
// run with a queue of 1 and one with 10. Items wait longer in the bigger
// queue, since the consumer is the slower side.
func TestBrowserCoursePage(t *testing.T) {
	b := newBrowser(t)
	b.do(chromedp.Navigate(courseServer(t) + "/course.html?sandbox=allow-scripts+allow-same-origin+allow-popups&chanlab=" + b.base.String()))
	waitText := func(css, want string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			got := b.text(css)
			if strings.Contains(got, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s reads %q, want %q", css, got, want)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitText("#said", "chanlab is ready.")
	// The embed sized its frame to its content.
	for start := time.Now(); eval[string](b, `document.getElementById("prodcons").style.height`) == ""; time.Sleep(100 * time.Millisecond) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("the embed never sent its height")
		}
	}
	// A message from another window than the parent is ignored, even from
	// the parent's origin.
	eval[bool](b, `(() => {
		const other = document.createElement("iframe");
		document.body.appendChild(other);
		other.contentWindow.eval('parent.document.getElementById("prodcons").contentWindow.postMessage({type: "chanlab:run"}, "*")');
		return true;
	})()`)
	time.Sleep(1500 * time.Millisecond)
	if got := b.text("#said"); got != "chanlab is ready." {
		t.Errorf("after a run command from a window that is not its parent, the page says %q", got)
	}

	// The height is the content's, not the frame's: a frame taller than
	// its content is sized down at the content's next change (here, a
	// bad value's message under its knob).
	tall := eval[float64](b, `(() => {
		const f = document.getElementById("prodcons");
		const tall = 2 * parseFloat(f.style.height);
		f.style.height = tall + "px";
		setTimeout(() => f.contentWindow.postMessage({type: "chanlab:set", knobs: {buffer: "x"}}, "*"), 300);
		return tall;
	})()`)
	for start := time.Now(); eval[float64](b, `parseFloat(document.getElementById("prodcons").style.height)`) >= tall; time.Sleep(100 * time.Millisecond) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("a frame of %v px, twice its content, was never sized down", tall)
		}
	}
	// The sample page shows what the embed did not take as given.
	waitText("#said", `Buffer: "x" is not a whole number`)

	b.do(chromedp.Click(chromedp.ID("run-1")))
	waitRows := func(n int) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for eval[int](b, `document.querySelectorAll("#runs tbody tr").length`) < n {
			if time.Now().After(deadline) {
				t.Fatalf("no result row %d from the embed; the page says %q", n, b.text("#said"))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitRows(1)
	b.do(chromedp.Click(chromedp.ID("run-10")))
	waitRows(2)
	rows := eval[[][]string](b, `[...document.querySelectorAll("#runs tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent))`)
	t.Logf("runs (queue, elapsed ms, consumed, wait p50 ms, p95 ms, full ms): %v", rows)
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q in the runs table is not a number", s)
		}
		return f
	}
	if rows[0][0] != "1" || rows[1][0] != "10" {
		t.Errorf("the runs' queues are %s and %s, want 1 and 10: the set command did not take", rows[0][0], rows[1][0])
	}
	for _, r := range rows {
		if num(r[2]) <= 0 {
			t.Errorf("a run consumed %s items", r[2])
		}
	}
	if num(rows[1][3]) <= num(rows[0][3]) {
		t.Errorf("items waited p50 %s ms in a queue of 10 and %s ms in a queue of 1: want longer in the bigger queue", rows[1][3], rows[0][3])
	}
	// The course page's Stop (the embed's stop command) ends a run early:
	// the embed says it stopped, with what it did until then.
	b.do(chromedp.Click(chromedp.ID("run-1")))
	waitText("#said", "Running with")
	time.Sleep(500 * time.Millisecond)
	b.do(chromedp.Click(chromedp.ID("stop")))
	waitRows(3)
	waitText("#said", "Stopped after")
	stopped := eval[[]string](b, `[...document.querySelectorAll("#runs tbody tr")[2].cells].map((td) => td.textContent)`)
	t.Logf("the stopped run: %v", stopped)
	if got, full := num(stopped[1]), num(rows[0][1]); got >= full {
		t.Errorf("the stopped run lasted %v ms, the full one %v ms", got, full)
	}
	// The second embed loads when scrolled to.
	b.do(chromedp.ScrollIntoView(chromedp.ID("pipeline")))
	deadline := time.Now().Add(30 * time.Second)
	for eval[string](b, `document.getElementById("pipeline").dataset.ready || ""`) != "fanout" {
		if time.Now().After(deadline) {
			t.Fatalf("the second embed never said it was ready")
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.do(chromedp.ScrollIntoView(chromedp.ID("runs")))
	b.screenshot("course-page")
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("page error: %s", e)
	}
}
