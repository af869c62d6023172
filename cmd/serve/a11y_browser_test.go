//go:build browser

// Accessibility: axe-core's rules on the pages a learner sees, a run driven
// by the keyboard alone with a visible focus indicator on every control,
// and no motion for a reader who asked the system for less.

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeFile is axe-core's browser build, installed by `make test-browser`
// (npm ci in testdata, at the version pinned in testdata/package-lock.json).
var axeFile = filepath.Join("testdata", "node_modules", "axe-core", "axe.min.js")

// axeSource reads axe-core. Under CI a missing axe-core fails the test, as a
// missing Chromium does: make installs it, so its absence is a broken setup.
func axeSource(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile(axeFile)
	if err != nil {
		msg := fmt.Sprintf("axe-core is not installed (%v): make test-browser installs it (npm ci in cmd/serve/testdata)", err)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(src)
}

// axeViolation is the part of an axe-core result that a failure prints.
type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	URL    string    `json:"helpUrl"`
	Nodes  []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

// axeRun runs every axe-core rule on the whole document and keeps only the
// violations, each with its offending elements as CSS selectors.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then((r) => r.violations.map((v) => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map((n) => ({target: n.target.flat(Infinity).join(" >>> "), summary: n.failureSummary || ""})),
})))`

// checkAxe injects axe-core into the page (once per document) and fails on
// any violation whose impact is serious or critical; lesser ones are logged.
func (b *browser) checkAxe(src, where string) {
	b.t.Helper()
	if !eval[bool](b, `typeof window.axe === "object"`) {
		eval[bool](b, src+"\n;true")
	}
	for _, v := range eval[[]axeViolation](b, axeRun) {
		var s strings.Builder
		fmt.Fprintf(&s, "%s: axe %s (%s): %s (%s)", where, v.ID, v.Impact, v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&s, "\n\t%s\n\t\t%s", n.Target, strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
		}
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Error(s.String())
		} else {
			b.t.Log(s.String())
		}
	}
}

// TestBrowserAccessibility runs axe-core on the start page, on a pattern's
// page after a run (every panel filled, every disclosure open), on that
// page in a 400 px wide window, and on a run that failed, with the
// runtime's report.
func TestBrowserAccessibility(t *testing.T) {
	src := axeSource(t)
	const prodcons = "/prodcons?duration=300ms&pdelay=5ms&cdelay=20ms&buffer=2"
	for _, tc := range []struct {
		name  string
		width int64 // 0: the browser's 1280 px
		path  string
		end   string // the state the run ends in; "": no run
		// rewind moves the time cursor to the run's middle: the log
		// then marks the cursor's line, text on a colour of its own.
		rewind bool
	}{
		{name: "start", path: "/"},
		{name: "after-run", path: prodcons, end: "done"},
		{name: "rewound", path: prodcons, end: "done", rewind: true},
		{name: "narrow", width: 400, path: prodcons, end: "done"},
		{name: "failed", path: "/failures?mode=panic&limit=1s", end: "failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t)
			if tc.width > 0 {
				b.do(chromedp.EmulateViewport(tc.width, 900))
			}
			b.open(tc.path)
			if tc.end != "" {
				b.watchRun()
				b.do(chromedp.Click(chromedp.ID("run")))
				if state, status := b.waitRunEnd(); state != tc.end {
					t.Fatalf("the run ended %s: %q, want %s", state, status, tc.end)
				}
				// Open every disclosure, so that what it hides is checked too.
				eval[bool](b, `(document.querySelectorAll("details").forEach((d) => d.open = true), true)`)
			}
			if tc.rewind {
				eval[bool](b, `(() => { const s = document.getElementById("scrub"); s.value = String(Math.round(s.max / 2)); s.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
				b.do(chromedp.WaitVisible(chromedp.CSS(`.log-lines li.at-cursor`)))
			}
			b.checkAxe(src, tc.name)
			if tc.width > 0 {
				// Reflow (WCAG 1.4.10): nothing wider than the window.
				if w := eval[int](b, `document.documentElement.scrollWidth`); w > int(tc.width) {
					t.Errorf("the page is %d px wide in a %d px window: it scrolls sideways, because of %s",
						w, tc.width, strings.Join(eval[[]string](b, overflowJS), ", "))
				}
			}
			b.screenshot("a11y-" + tc.name)
			if tc.end != "failed" { // a dead runner's last words are console errors
				b.checkClean()
			}
		})
	}
}

// watchRun starts watching the status for the next run: call it before
// pressing Run (a short run can end before a poll sees it running), then
// waitRunEnd.
func (b *browser) watchRun() {
	b.t.Helper()
	eval[bool](b, `(window.__runEnd = new Promise((resolve) => {
		const status = document.getElementById("status");
		let started = false;
		const check = () => {
			if (status.dataset.state === "running") {
				started = true;
			} else if (started) {
				obs.disconnect();
				resolve({state: status.dataset.state, text: status.textContent.trim()});
			}
		};
		const obs = new MutationObserver(check);
		obs.observe(status, {attributes: true, childList: true, subtree: true, characterData: true});
	}), true)`)
}

// waitRunEnd waits until the run watched by watchRun has started and ended,
// and the panels show its end, and returns the status's state and text at
// the end.
func (b *browser) waitRunEnd() (state, text string) {
	b.t.Helper()
	r := eval[struct{ State, Text string }](b, `window.__runEnd`)
	b.waitPanelsEnd()
	return r.State, r.Text
}

// overflowJS names the outermost elements that reach past the window's
// right edge, outside any box that scrolls or clips them: where the page's
// extra width comes from.
const overflowJS = `(() => {
	const w = document.documentElement.clientWidth;
	const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
		(typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "") +
		" (to " + Math.round(el.getBoundingClientRect().right) + " px)";
	const clipped = (el) => {
		for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
			if (getComputedStyle(p).overflowX !== "visible") return true;
		}
		return false;
	};
	const past = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > w + 1 && !clipped(el));
	return past.filter((el) => !past.includes(el.parentElement)).slice(0, 10).map(name);
})()`

// focusJS keeps, in the page, what the keyboard test saw: each element that
// took focus, its focus indicator (outline and box-shadow) while focused and
// after it lost focus, and whether it matched :focus-visible. step() is
// called after each key press; report() says what was wrong.
const focusJS = `window.__focus = (() => {
	const seen = new Map(); // element → {name, focused, blurred, visible}
	let last = null;
	const look = (el) => {
		const cs = getComputedStyle(el);
		return {outline: cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor, style: cs.outlineStyle,
			width: parseFloat(cs.outlineWidth) || 0, shadow: cs.boxShadow};
	};
	const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
		(el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") +
		(el.textContent && el.textContent.trim() && el.children.length === 0 ? " “" + el.textContent.trim().slice(0, 30) + "”" : "");
	// The controls a keyboard must reach: enabled, rendered, not inside a closed disclosure.
	const controls = () => [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
		.filter((el) => !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" &&
			!(el.closest("details:not([open])") && el.tagName !== "SUMMARY"));
	return {
		step() {
			const el = document.activeElement;
			if (last && last !== el && seen.has(last) && !seen.get(last).blurred) seen.get(last).blurred = look(last);
			if (!el || el === document.body || el === document.documentElement) { last = null; return ""; }
			if (!seen.has(el)) seen.set(el, {name: name(el), focused: look(el), visible: el.matches(":focus-visible")});
			last = el;
			return name(el);
		},
		report() {
			const problems = [];
			for (const [el, s] of seen) {
				if (!s.blurred) s.blurred = document.activeElement === el ? null : look(el);
				if (!s.visible) problems.push(s.name + " took focus without matching :focus-visible");
				const ring = (s.focused.style !== "none" && s.focused.width >= 2) || (s.focused.shadow !== "none");
				const changed = !s.blurred || s.focused.outline !== s.blurred.outline || s.focused.shadow !== s.blurred.shadow;
				if (!ring || !changed) problems.push(s.name + " shows no focus indicator: focused " + JSON.stringify(s.focused) + ", not " + JSON.stringify(s.blurred));
			}
			for (const el of controls()) {
				if (!seen.has(el)) problems.push(name(el) + " was never reached with Tab");
			}
			return {reached: [...seen.values()].map((s) => s.name), problems};
		},
	};
})(), true`

type focusReport struct {
	Reached  []string `json:"reached"`
	Problems []string `json:"problems"`
}

// press sends keys (see package kb for the named ones) to whatever has
// focus, as a keyboard does, and returns the name of the element focused
// after it.
func (b *browser) press(keys string, opts ...chromedp.KeyOption) string {
	b.t.Helper()
	b.do(chromedp.KeyEvent(keys, opts...))
	return eval[string](b, `window.__focus.step()`)
}

// tabTo presses Tab until the element that matches the CSS selector has
// focus.
func (b *browser) tabTo(css string) {
	b.t.Helper()
	var path []string
	for range 60 {
		path = append(path, b.press(kb.Tab))
		if eval[bool](b, `document.activeElement.matches(`+strconv.Quote(css)+`)`) {
			return
		}
	}
	b.t.Fatalf("60 presses of Tab never reached %s; focus went %s", css, strings.Join(path, " → "))
}

// TestBrowserKeyboard uses a pattern's page with the keyboard alone: Tab to
// a knob, change it by typing or with the arrow keys, Tab to Run, press it
// with Enter or Space, wait for the run to end; then Tab through the whole
// page, which must reach every control and show where the focus is on
// each.
func TestBrowserKeyboard(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		knob, keys string // the knob to change, and the keys that change it
		want       string // the knob's value afterwards
		run        string // the key that presses Run
	}{
		{name: "type", path: "/prodcons?pdelay=5ms&cdelay=20ms", knob: "duration", keys: "300ms", want: "300ms", run: kb.Enter},
		{name: "arrows", path: "/generators?items=5&delay=1ms", knob: "filter", keys: kb.ArrowDown, want: "even", run: " "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowser(t)
			b.open(tc.path)
			eval[bool](b, focusJS)

			b.tabTo("#knob-" + tc.knob)
			// Tab selects a text input's whole text, so typing replaces it.
			b.press(tc.keys)
			if got := eval[string](b, `document.getElementById("knob-`+tc.knob+`").value`); got != tc.want {
				t.Fatalf("knob %s = %q after pressing %q, want %q", tc.knob, got, tc.keys, tc.want)
			}
			if got := eval[string](b, `location.search`); !strings.Contains(got, tc.knob+"="+tc.want) {
				t.Errorf("URL query = %q, want %s=%s in it", got, tc.knob, tc.want)
			}

			b.tabTo("#run")
			b.watchRun()
			b.press(tc.run)
			if state, status := b.waitRunEnd(); state != "done" {
				t.Fatalf("the run ended %s: %q, want done", state, status)
			}
			// Run is disabled while the run goes on, which drops its
			// focus; say where the focus is now.
			t.Logf("after the run the focus is on %q", eval[string](b, `window.__focus.step() || "the document body"`))

			// Open the code with the keyboard, then go round the whole page.
			b.tabTo(".code summary")
			b.press(" ")
			if !eval[bool](b, `document.querySelector(".code details").open`) {
				t.Error("Space on the code's summary did not open it")
			}
			for range 80 {
				b.press(kb.Tab)
			}
			// The screenshot shows the focus ring on Run.
			b.tabTo("#run")
			b.screenshot("keyboard-" + tc.name)

			r := eval[focusReport](b, `window.__focus.report()`)
			t.Logf("Tab reached %d elements: %s", len(r.Reached), strings.Join(r.Reached, ", "))
			for _, p := range r.Problems {
				t.Error(p)
			}
			b.checkClean()
		})
	}
}

// motionJS lists what moves on the page: running animations (CSS and Web
// Animations) and every element, or ::before/::after, with a non-zero
// transition or animation; and checks that the stylesheet stops a probe
// that asks for both.
const motionJS = `(() => {
	const moving = [];
	for (const a of document.getAnimations()) {
		if (a.playState === "running") moving.push("animation " + (a.animationName || a.transitionProperty || a.id || "?") + " on " + (a.effect && a.effect.target ? a.effect.target.tagName : "?"));
	}
	const long = (v) => v.split(",").some((d) => parseFloat(d) > 0);
	const probe = document.createElement("div");
	probe.id = "motion-probe";
	probe.style.cssText = "transition: opacity 2s; animation: 2s linear infinite probe-spin; scroll-behavior: smooth";
	document.body.append(probe);
	for (const el of document.querySelectorAll("*")) {
		for (const pseudo of [null, "::before", "::after"]) {
			const cs = getComputedStyle(el, pseudo);
			const what = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (pseudo || "");
			if (long(cs.transitionDuration)) moving.push("transition " + cs.transitionProperty + " " + cs.transitionDuration + " on " + what);
			if (cs.animationName !== "none" && long(cs.animationDuration)) moving.push("animation " + cs.animationName + " on " + what);
		}
	}
	const smooth = [document.documentElement, document.body, ...document.querySelectorAll("*")]
		.filter((el) => getComputedStyle(el).scrollBehavior === "smooth")
		.map((el) => "smooth scrolling on " + el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""));
	probe.remove();
	return moving.concat(smooth);
})()`

// TestBrowserAccessibilityReducedMotion emulates prefers-reduced-motion: reduce and
// checks that nothing on the page moves, before, during and after a run.
func TestBrowserAccessibilityReducedMotion(t *testing.T) {
	b := newBrowser(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		t.Fatalf("emulating reduced motion: %v", err)
	}
	b.open("/prodcons?duration=1500ms&pdelay=5ms&cdelay=20ms")
	if !eval[bool](b, `matchMedia("(prefers-reduced-motion: reduce)").matches`) {
		t.Fatal("the page does not see prefers-reduced-motion: reduce")
	}
	check := func(when string) {
		t.Helper()
		for _, m := range eval[[]string](b, motionJS) {
			t.Errorf("%s: %s", when, m)
		}
	}
	check("before the run")
	b.watchRun()
	b.do(chromedp.Click(chromedp.ID("run")))
	b.do(chromedp.WaitVisible(chromedp.CSS(`#status[data-state="running"]`)))
	b.do(chromedp.WaitVisible(chromedp.CSS(`#log li`)))
	check("during the run")
	if state, status := b.waitRunEnd(); state != "done" {
		t.Fatalf("the run ended %s: %q, want done", state, status)
	}
	check("after the run")
	b.checkClean()
}

// TestBrowserPickerKeyboard moves through the pattern list with the arrow
// keys, which must not leave the page, then opens the pattern shown with
// Enter; a pointer's choice still opens at once.
func TestBrowserPickerKeyboard(t *testing.T) {
	b := newBrowser(t)
	b.open("/prodcons")
	eval[bool](b, focusJS)
	b.tabTo("#pattern")
	b.press(kb.ArrowDown)
	b.press(kb.ArrowDown)
	shown := eval[string](b, `document.getElementById("pattern").value`)
	if shown == "prodcons" {
		t.Fatal("the arrow keys did not move through the list")
	}
	// Give a navigation time to happen, were there one.
	time.Sleep(300 * time.Millisecond)
	if path := eval[string](b, `location.pathname`); path != "/prodcons" {
		t.Fatalf("the arrow keys opened %s; they should only move through the list", path)
	}
	b.press(kb.Enter)
	b.do(chromedp.WaitVisible(chromedp.CSS(`.shell[data-live="true"]`)))
	waitFor(b, "the pattern's page", `location.pathname === "/`+shown+`"`)
	if got := eval[string](b, `document.getElementById("pattern").value`); got != shown {
		t.Errorf("the list shows %q on %s's page", got, shown)
	}

	// Leaving the list after moving through it puts the current pattern
	// back.
	b.tabTo("#pattern")
	b.press(kb.ArrowDown)
	b.press(kb.Tab)
	if got := eval[string](b, `document.getElementById("pattern").value`); got != shown {
		t.Errorf("after Tab the list shows %q; want the page's own %q", got, shown)
	}

	// A pointer's choice: the select's value set and its change fired, as
	// a click on an option does.
	eval[bool](b, `(() => {
		const s = document.getElementById("pattern");
		s.dispatchEvent(new MouseEvent("mousedown", {bubbles: true}));
		s.value = "prodcons";
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`)
	waitFor(b, "prodcons's page", `location.pathname === "/prodcons"`)
	b.checkClean()
}
