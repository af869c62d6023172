//go:build browser

// Themes: the system's colour scheme, the link's theme=light|dark, the
// switch in the top bar, the Embed dialog's choice and the embed API's,
// and the dark palette under axe-core.

package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The palettes' page background and text, as getComputedStyle reports
// them (chanlab.css: --bg and --ink).
const (
	lightBG  = "rgb(244, 246, 250)"
	lightInk = "rgb(27, 35, 51)"
	darkBG   = "rgb(15, 20, 27)"
	darkInk  = "rgb(228, 233, 240)"
)

// emulateScheme makes the browser report scheme ("light" or "dark") as the
// system's colour scheme, as a reader's settings would.
func (b *browser) emulateScheme(scheme string) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		b.t.Fatalf("emulating prefers-color-scheme: %s: %v", scheme, err)
	}
	if !eval[bool](b, `matchMedia("(prefers-color-scheme: `+scheme+`)").matches`) {
		b.t.Fatalf("the page does not see prefers-color-scheme: %s", scheme)
	}
}

// looks is how the page is drawn: the colours and colour scheme in force
// on the root, the body and a card, the theme on the root, and the
// switch's value.
type looks struct {
	Theme       string `json:"theme"`  // <html data-theme>
	Scheme      string `json:"scheme"` // the root's used color-scheme
	BG          string `json:"bg"`
	Ink         string `json:"ink"`
	CardInk     string `json:"cardInk"`
	Switch      string `json:"switch"`
	SystemDark  bool   `json:"systemDark"`
	LoaderBG    string `json:"loaderBG"` // go-app's loading screen's background
	ControlDark bool   `json:"controlDark"`
}

const looksJS = `(() => {
	const root = document.documentElement, cs = getComputedStyle(document.body);
	const card = document.querySelector(".card");
	const loader = document.createElement("aside");
	loader.className = "goapp-app-info";
	loader.style.visibility = "hidden";
	document.body.appendChild(loader);
	const loaderBG = getComputedStyle(loader).backgroundColor;
	loader.remove();
	// A form control's canvas follows color-scheme: in dark, Chromium
	// draws a text field dark.
	const input = document.createElement("input");
	input.style.all = "revert";
	document.body.appendChild(input);
	const field = getComputedStyle(input).backgroundColor;
	input.remove();
	const sw = document.getElementById("theme");
	return {
		theme: root.getAttribute("data-theme") || "",
		scheme: getComputedStyle(root).colorScheme,
		bg: cs.backgroundColor, ink: cs.color,
		cardInk: card ? getComputedStyle(card).color : "",
		switch: sw ? sw.value : "(none)",
		systemDark: matchMedia("(prefers-color-scheme: dark)").matches,
		loaderBG: loaderBG,
		controlDark: /^rgb\((\d+), (\d+), (\d+)\)$/.test(field) && field.match(/\d+/g).slice(0, 3).every((c) => +c < 128),
	};
})()`

func (b *browser) looks() looks {
	b.t.Helper()
	return eval[looks](b, looksJS)
}

// wantDark and wantLight check that the page is drawn in that palette,
// from the page's background to its form controls and loading screen.
func (l looks) check(t *testing.T, where string, dark bool) {
	t.Helper()
	bg, ink := lightBG, lightInk
	if dark {
		bg, ink = darkBG, darkInk
	}
	if l.BG != bg || l.Ink != ink || l.CardInk != ink {
		t.Errorf("%s: background %s, text %s, card text %s; want %s on %s (dark %v); %+v", where, l.BG, l.Ink, l.CardInk, ink, bg, dark, l)
	}
	if l.LoaderBG != bg {
		t.Errorf("%s: the loading screen's background is %s, want the page's %s", where, l.LoaderBG, bg)
	}
	if l.ControlDark != dark {
		t.Errorf("%s: form controls drawn dark: %v, want %v (color-scheme %q)", where, l.ControlDark, dark, l.Scheme)
	}
}

// TestBrowserThemeFromSystem checks that the page follows the system's
// colour scheme by default, and that the link's theme overrides it, both
// ways, before the app runs (the pre-rendered page, which web/theme.js
// themes) and after.
func TestBrowserThemeFromSystem(t *testing.T) {
	b := newBrowser(t)
	b.emulateScheme("dark")
	b.open("/prodcons")
	l := b.looks()
	l.check(t, "system dark", true)
	if l.Theme != "" || l.Switch != "" {
		t.Errorf("system dark: data-theme %q, switch %q; want auto for both", l.Theme, l.Switch)
	}
	b.screenshot("theme-system-dark")

	b.open("/prodcons?theme=light&buffer=2")
	l = b.looks()
	l.check(t, "system dark, theme=light", false)
	if l.Theme != "light" || l.Switch != "light" || l.Scheme != "light" {
		t.Errorf("theme=light: data-theme %q, switch %q, color-scheme %q", l.Theme, l.Switch, l.Scheme)
	}
	if n := eval[int](b, `document.querySelectorAll(".notice").length`); n != 0 {
		t.Errorf("theme=light gave a notice: %q", b.text(".notice"))
	}

	// Before the app runs: go-app's ?wasm=false keeps the server's
	// pre-rendered page, which is what a reader sees while app.wasm loads.
	b.emulateScheme("light")
	b.do(chromedp.Navigate(b.base.String() + "/prodcons?theme=dark&wasm=false"))
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="false"]`)))
	b.looks().check(t, "system light, theme=dark, pre-rendered", true)

	b.open("/prodcons?theme=dark")
	l = b.looks()
	l.check(t, "system light, theme=dark", true)
	if l.Theme != "dark" || l.Switch != "dark" || l.Scheme != "dark" {
		t.Errorf("theme=dark: data-theme %q, switch %q, color-scheme %q", l.Theme, l.Switch, l.Scheme)
	}
	b.open("/prodcons")
	b.looks().check(t, "system light", false)
	b.checkClean()
}

// TestBrowserThemeSwitch uses the top bar's switch with the keyboard: each
// arrow press applies a theme and puts it in the address bar, which a
// reload, the share link, the Embed dialog and a pattern picked next keep.
func TestBrowserThemeSwitch(t *testing.T) {
	b := newBrowser(t)
	b.emulateScheme("light")
	b.open("/prodcons?buffer=2")
	b.do(chromedp.Focus(chromedp.ID("theme")))
	for _, step := range []struct {
		key, theme string
		dark       bool
	}{
		{kb.ArrowDown, "light", false},
		{kb.ArrowDown, "dark", true},
	} {
		b.do(chromedp.KeyEvent(step.key))
		waitUntil(t, b, `document.documentElement.getAttribute("data-theme") === "`+step.theme+`"`)
		l := b.looks()
		l.check(t, "switched to "+step.theme, step.dark)
		if search := eval[string](b, `location.search`); !strings.Contains(search, "theme="+step.theme) || !strings.Contains(search, "buffer=2") {
			t.Errorf("after switching to %s the address is ?%s", step.theme, search)
		}
	}
	if got := eval[string](b, `document.activeElement.id`); got != "theme" {
		t.Errorf("the focus went to %q: switching must leave it on the switch", got)
	}
	if link := eval[string](b, `document.getElementById("share-link").value`); !strings.Contains(link, "theme=dark") {
		t.Errorf("the share link %q lacks the theme", link)
	}
	b.do(chromedp.Click(chromedp.CSS("#embed-dialog summary")))
	if snippet := eval[string](b, `document.getElementById("embed-snippet").value`); !strings.Contains(snippet, "/embed/prodcons?buffer=2&amp;theme=dark") {
		t.Errorf("the embed snippet %q does not take the page's theme", snippet)
	}
	// The course page is light: its author picks Light for the embed.
	b.do(chromedp.SetValue(chromedp.ID("embed-theme"), "light"))
	waitUntil(t, b, `document.getElementById("embed-snippet").value.includes("theme=light")`)
	if got := eval[string](b, `document.documentElement.getAttribute("data-theme")`); got != "dark" {
		t.Errorf("choosing the embed's theme changed the page's to %q", got)
	}
	b.screenshot("theme-switch-dark")

	// A reload keeps it.
	b.open("/prodcons" + eval[string](b, `location.search`))
	b.looks().check(t, "reloaded", true)
	// So does the next pattern picked, and the way home.
	if href := eval[string](b, `document.querySelector(".brand").getAttribute("href")`); !strings.Contains(href, "theme=dark") {
		t.Errorf("the home link %q drops the theme", href)
	}
	b.do(chromedp.SetValue(chromedp.ID("pattern"), "fanout"))
	waitUntil(t, b, `location.pathname.endsWith("/fanout")`)
	if search := eval[string](b, `location.search`); search != "?theme=dark" {
		t.Errorf("the picked pattern's address has ?%s, want the theme kept", search)
	}
	b.looks().check(t, "the next pattern", true)

	// Back to auto: the theme leaves the address, the system's applies.
	b.do(chromedp.Focus(chromedp.ID("theme")))
	b.do(chromedp.KeyEvent(kb.ArrowUp))
	b.do(chromedp.KeyEvent(kb.ArrowUp))
	waitUntil(t, b, `!document.documentElement.hasAttribute("data-theme")`)
	if search := eval[string](b, `location.search`); strings.Contains(search, "theme") {
		t.Errorf("auto left ?%s in the address", search)
	}
	b.looks().check(t, "back to auto", false)
	b.checkClean()
}

// TestBrowserThemeBadValue checks that a theme that is none gives a note,
// as any bad link parameter does, and the system's theme, and that the page
// still runs.
func TestBrowserThemeBadValue(t *testing.T) {
	b := newBrowser(t)
	b.emulateScheme("dark")
	b.open("/prodcons?theme=neon&duration=200ms")
	if notice := b.text(".notice"); !strings.Contains(notice, `"neon"`) {
		t.Errorf("the notice %q does not mention the theme neon", notice)
	}
	l := b.looks()
	l.check(t, "theme=neon", true)
	if l.Theme != "" || l.Switch != "" {
		t.Errorf("theme=neon: data-theme %q, switch %q; want auto", l.Theme, l.Switch)
	}
	if got := b.runToEnd("done"); !strings.HasPrefix(got, "Finished") {
		t.Errorf("the run after a bad theme: %q", got)
	}
	b.checkClean()
}

// darkMarks are the dark palette's paint for the charts' lines and the
// lanes' fills (chanlab.css), by selector.
var darkMarks = map[string]string{
	`[data-line="length"]`:   "stroke rgb(92, 192, 224)",
	`[data-line="cap"]`:      "stroke rgb(255, 154, 107)",
	`[data-line="gauge"]`:    "stroke rgb(185, 160, 234)",
	`[data-tile="running"]`:  "fill rgb(0, 158, 115)",
	`[data-tile="sleeping"]`: "fill rgb(240, 228, 66)",
	`path[data-texture]`:     "stroke rgb(0, 0, 0)",
	`[data-chart]`:           "height 120px",
}

// marksJS reads, for each selector, the paint of the first element that
// matches it ("" when none does).
const marksJS = `((marks) => Object.fromEntries(Object.entries(marks).map(([sel, want]) => {
	const el = document.querySelector(sel);
	const prop = want.split(" ")[0];
	return [sel, el ? prop + " " + getComputedStyle(el).getPropertyValue(prop) : ""];
})))`

// TestBrowserThemeDark runs patterns in the dark theme and holds the page
// to axe-core (colour contrast included), wide and narrow, and in an
// embed; its screenshots are for a person to look at: legibility, the
// charts' lines, the lanes' fills.
func TestBrowserThemeDark(t *testing.T) {
	src := axeSource(t)
	queue := []string{`[data-line="length"]`, `[data-line="cap"]`, `[data-chart]`}
	// Each step checks the page as it is after the ones before it: one
	// browser, and a run only where the pattern changes, keep this test
	// short.
	type step struct {
		name  string
		width int64
		path  string   // "": the page as it is, resized
		marks []string // the marks the run draws, beside the lanes' fills
	}
	for _, steps := range [][]step{{
		{name: "wide", width: 1400, path: "/prodcons?duration=600ms&pdelay=5ms&cdelay=20ms&buffer=3&consumers=2", marks: queue},
		{name: "narrow", width: 400, marks: queue},
		{name: "gauge", width: 1400, path: "/unbounded?duration=600ms", marks: []string{`[data-line="gauge"]`}},
	}, {
		{name: "embed", width: 400, path: "/embed/prodcons?duration=300ms&pdelay=5ms&cdelay=20ms&buffer=2&theme=dark", marks: queue},
	}} {
		t.Run(steps[0].name, func(t *testing.T) {
			b := newBrowser(t)
			b.emulateScheme("dark")
			for _, st := range steps {
				b.do(chromedp.EmulateViewport(st.width, 900))
				if st.path != "" {
					b.open(st.path)
					b.looks().check(t, st.name, true)
					if got := b.runToEnd("done"); got == "" {
						t.Fatalf("%s: the run did not end", st.name)
					}
				}
				marks, err := json.Marshal(darkMarks)
				if err != nil {
					t.Fatal(err)
				}
				got := eval[map[string]string](b, marksJS+"("+string(marks)+")")
				for _, sel := range append([]string{`[data-tile="running"]`, `[data-tile="sleeping"]`, `path[data-texture]`}, st.marks...) {
					if got[sel] != darkMarks[sel] {
						t.Errorf("%s: %s is drawn with %q, want %q", st.name, sel, got[sel], darkMarks[sel])
					}
				}
				eval[bool](b, `(document.querySelectorAll("details").forEach((d) => d.open = true), true)`)
				b.checkAxe(src, "dark "+st.name)
				if w := eval[int](b, `document.documentElement.scrollWidth`); w > int(st.width) {
					t.Errorf("%s: the page is %d px wide in a %d px window", st.name, w, st.width)
				}
				b.screenshot("theme-dark-" + st.name)
			}
			b.checkClean()
		})
	}
}

// TestBrowserThemeEmbedAPI sets an embed's theme from a course page on
// another site with the message API, as a page that switches its own theme
// would.
func TestBrowserThemeEmbedAPI(t *testing.T) {
	b := newBrowser(t)
	b.emulateScheme("light")
	b.do(chromedp.Navigate(courseServer(t) + "/course.html?chanlab=" + b.base.String()))
	eval[bool](b, `(window.__themes = [], window.addEventListener("message", (e) => {
		if (e.data && e.data.type === "chanlab:knobs") window.__themes.push([e.data.theme, e.data.problems.join(" ")]);
	}), true)`)
	waitUntil(t, b, `document.getElementById("said").textContent === "chanlab is ready."`)
	// The course page's frames are sandboxed without allow-same-origin:
	// their origin is opaque, so a message to them names none.
	send := func(theme string) {
		t.Helper()
		eval[bool](b, `(document.getElementById("prodcons").contentWindow.postMessage({type: "chanlab:set", theme: `+strconv.Quote(theme)+`}, "*"), true)`)
	}
	send("dark")
	waitUntil(t, b, `window.__themes.length === 1`)
	send("sepia")
	waitUntil(t, b, `window.__themes.length === 2`)
	send("dark")
	waitUntil(t, b, `window.__themes.length === 3`)
	got := eval[[][]string](b, `window.__themes`)
	if got[0][0] != "dark" || got[0][1] != "" {
		t.Errorf("after setting dark the embed says theme %q, problems %q", got[0][0], got[0][1])
	}
	if got[1][0] != "auto" || !strings.Contains(got[1][1], `"sepia"`) {
		t.Errorf("after setting sepia the embed says theme %q, problems %q; want auto and why", got[1][0], got[1][1])
	}
	time.Sleep(300 * time.Millisecond) // a frame for the embed to repaint
	b.screenshot("theme-embed-api")
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("page error: %s", e)
	}
}

// waitUntil waits, as waitFor does, for a JavaScript condition to hold.
func waitUntil(t *testing.T, b *browser, cond string) {
	t.Helper()
	waitFor(b, cond, "Boolean("+cond+")")
}
