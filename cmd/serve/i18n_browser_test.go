//go:build browser

package main

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"chanlab/patterns"
)

// shortProdcons is a producer/consumer run of a third of a second.
const shortProdcons = "/prodcons?duration=300ms&pdelay=5ms&cdelay=20ms&buffer=2"

// TestBrowserKorean opens a pattern with lang=ko, as a Korean course page's
// link does: the interface, the lesson and the learner note are Korean,
// <html lang> says so, a run's panels have Korean labels around the run's
// own numbers, axe-core finds nothing serious, and the page fits 1400 and
// 400 px windows.
func TestBrowserKorean(t *testing.T) {
	src := axeSource(t)
	spec, _ := patterns.Lookup("prodcons")
	for _, width := range []int64{1400, 400} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			b := newBrowser(t)
			b.do(chromedp.EmulateViewport(width, 900))
			b.open(shortProdcons + "&lang=ko")
			if got := eval[string](b, `document.documentElement.lang`); got != "ko" {
				t.Errorf("<html lang> = %q, want ko", got)
			}
			if got := b.text("h1"); got != spec.TitleKo {
				t.Errorf("h1 = %q, want %q", got, spec.TitleKo)
			}
			if got := b.text(".lesson"); got != spec.LessonKo {
				t.Errorf("lesson = %q, want the Korean one", got)
			}
			if got := b.text(".code-note"); !strings.Contains(got, spec.InGoKo) || !strings.Contains(got, spec.PythonKo) {
				t.Errorf("learner note = %q, want the Korean note beside the Python", got)
			}
			if got := b.text("#run"); got != "실행" {
				t.Errorf("Run button = %q, want 실행", got)
			}
			if got := b.text(`label[for="knob-buffer"]`); got != "버퍼" {
				t.Errorf("buffer knob label = %q, want 버퍼", got)
			}
			// The slow-motion select's "off" is a word, so it is Korean;
			// its value stays the URL's.
			if got := eval[[]string](b, `(() => { const o = document.querySelector("#knob-slowmo option"); return [o.value, o.textContent]; })()`); got[0] != "off" || got[1] != "끔" {
				t.Errorf("slow motion's first option: value %q, text %q; want off, 끔", got[0], got[1])
			}
			if got := eval[string](b, `document.getElementById("lang").value`); got != "ko" {
				t.Errorf("the switch shows %q, want ko", got)
			}
			if got := eval[string](b, `document.title`); !strings.HasPrefix(got, spec.TitleKo) {
				t.Errorf("title = %q", got)
			}

			b.watchRun()
			b.do(chromedp.Click(chromedp.ID("run")))
			if state, status := b.waitRunEnd(); state != "done" || !strings.Contains(status, "끝났습니다") {
				t.Fatalf("the run ended %s: %q, want done, in Korean", state, status)
			}
			produced := b.text(`[data-metric="produced"] dd`)
			consumed := b.text(`[data-metric="consumed"] dd`)
			if produced == "0" || produced != consumed {
				t.Errorf("produced %s, consumed %s: want equal and non-zero", produced, consumed)
			}
			if got := b.text(`[data-metric="produced"] dt`); got != "생산한 항목" {
				t.Errorf("metric label = %q, want 생산한 항목", got)
			}
			if got := b.text(`[data-stat="produced"] .stat-value`); got != produced {
				t.Errorf("timings show %s put, the result %s produced", got, produced)
			}
			if got := b.text(`[data-stat="produced"] .stat-label`); got != "put한 항목" {
				t.Errorf("timings label = %q, want put한 항목", got)
			}
			for css, want := range map[string]string{".result h2": "결과", ".queues h2": "큐", ".goroutines h2": "고루틴", ".lanes h2": "고루틴 레인"} {
				if got := b.text(css); got != want {
					t.Errorf("%s = %q, want %q", css, got, want)
				}
			}
			eval[bool](b, `(document.querySelectorAll("details").forEach((d) => d.open = true), true)`)
			b.checkAxe(src, "korean")
			if w := eval[int](b, `document.documentElement.scrollWidth`); w > int(width) {
				t.Errorf("the page is %d px wide in a %d px window", w, width)
			}
			b.screenshot(fmt.Sprintf("korean-%d", width))
			b.checkClean()
		})
	}
}

// TestBrowserKoreanBrowser opens a page without lang= in a browser whose
// preferred languages are Korean: the page is Korean, its address bar
// stays without lang= (the browser chose), and its share link carries
// lang=ko.
func TestBrowserKoreanBrowser(t *testing.T) {
	b := newBrowser(t)
	ua := eval[string](b, `navigator.userAgent`)
	if _, err := chromedp.Call(b.ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: "ko-KR,ko;q=0.9,en;q=0.5"}); err != nil {
		t.Fatalf("setting the browser's languages: %v", err)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "ko-KR"}); err != nil {
		t.Fatalf("setting the browser's locale: %v", err)
	}
	b.open("/queues")
	if got := eval[[]string](b, `[...navigator.languages]`); len(got) == 0 || got[0] != "ko-KR" {
		t.Fatalf("navigator.languages = %q: the emulation did not take", got)
	}
	spec, _ := patterns.Lookup("queues")
	if got := b.text("h1"); got != spec.TitleKo {
		t.Errorf("h1 = %q, want %q", got, spec.TitleKo)
	}
	if got := eval[string](b, `document.documentElement.lang`); got != "ko" {
		t.Errorf("<html lang> = %q, want ko", got)
	}
	if got := eval[string](b, `location.search`); strings.Contains(got, "lang") {
		t.Errorf("address bar %q: the browser's language is not the link's", got)
	}
	if got := eval[string](b, `document.getElementById("share-link").value`); !strings.Contains(got, "lang=ko") {
		t.Errorf("share link %q, want lang=ko in it", got)
	}
	b.checkClean()
}

// TestBrowserLangSwitch switches an English page to Korean with the
// topbar's switch and back with the keyboard: texts, <html lang>, the URL
// (its knobs kept) and the share and embed links follow, and a knob's
// message is translated.
func TestBrowserLangSwitch(t *testing.T) {
	b := newBrowser(t)
	b.open("/prodcons?buffer=1&consumers=x")
	spec, _ := patterns.Lookup("prodcons")
	if got := eval[string](b, `document.documentElement.lang`); got != "en" {
		t.Errorf("<html lang> = %q, want en", got)
	}
	if got := b.text("#knob-consumers-error"); !strings.Contains(got, "not a whole number") {
		t.Errorf("knob message = %q", got)
	}
	b.do(chromedp.SetValue(chromedp.ID("lang"), "ko"))
	waitFor(b, "the Korean title", `document.querySelector("h1").textContent === `+strconv.Quote(spec.TitleKo))
	if got := eval[string](b, `document.documentElement.lang`); got != "ko" {
		t.Errorf("<html lang> = %q after the switch, want ko", got)
	}
	if got := eval[string](b, `location.search`); !strings.Contains(got, "lang=ko") || !strings.Contains(got, "buffer=1") {
		t.Errorf("URL query = %q, want lang=ko and the knobs", got)
	}
	if got := b.text("#knob-consumers-error"); !strings.Contains(got, "정수가 아닙니다") || !strings.Contains(got, "소비자") {
		t.Errorf("knob message after the switch = %q, want Korean", got)
	}
	if got := b.text(".notice"); !strings.Contains(got, "링크의 일부 값을 쓸 수 없었습니다") {
		t.Errorf("link notes after the switch = %q", got)
	}
	if got := eval[string](b, `document.getElementById("embed-snippet").value`); !strings.Contains(got, "lang=ko") {
		t.Errorf("embed snippet %q, want lang=ko", got)
	}
	b.screenshot("lang-switch-ko")

	// Back with the keyboard: the switch is a select in the tab order.
	eval[bool](b, focusJS)
	b.tabTo("#lang")
	b.press(kb.ArrowUp)
	waitFor(b, "the English title", `document.querySelector("h1").textContent === `+strconv.Quote(spec.Title))
	if got := eval[string](b, `location.search`); !strings.Contains(got, "lang=en") {
		t.Errorf("URL query = %q after switching back, want lang=en", got)
	}
	if got := b.text("#run"); got != "Run" {
		t.Errorf("Run button = %q", got)
	}
	b.checkClean()
}

// TestBrowserBadLang: a lang= chanlab does not have gets a note, like any
// bad parameter, and the page falls back to English (this browser's).
func TestBrowserBadLang(t *testing.T) {
	b := newBrowser(t)
	b.open("/prodcons?lang=xx")
	if got := b.text(".notice"); !strings.Contains(got, `lang="xx"`) {
		t.Errorf("notice = %q, want a note on lang=xx", got)
	}
	if got := eval[string](b, `document.documentElement.lang`); got != "en" {
		t.Errorf("<html lang> = %q, want en", got)
	}
	if got := b.text("#run"); got != "Run" {
		t.Errorf("Run button = %q", got)
	}
	b.checkClean()
}

// TestBrowserKoreanPrerender: the server's pre-rendered page, which the
// browser shows before the wasm starts, is Korean for lang=ko already,
// <html lang> included; the embed follows lang= too. (The not-found page,
// a static host's, is checked in package app.)
func TestBrowserKoreanPrerender(t *testing.T) {
	b := newBrowser(t)
	spec, _ := patterns.Lookup("prodcons")
	get := func(path string) string {
		resp, err := http.Get(b.base.String() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	html := get("/prodcons?lang=ko")
	if !strings.Contains(html, `<html lang="ko"`) || !strings.Contains(html, spec.TitleKo) {
		t.Errorf("pre-rendered /prodcons?lang=ko: want <html lang=\"ko\"> and the Korean title")
	}
	if html := get("/prodcons"); !strings.Contains(html, `<html lang="en"`) || !strings.Contains(html, spec.Title) {
		t.Errorf("pre-rendered /prodcons: want English")
	}
	b.open("/embed/prodcons?lang=ko")
	if got := b.text("#open-in-chanlab"); !strings.Contains(got, "chanlab에서 열기") {
		t.Errorf("embed link = %q", got)
	}
	if got := eval[string](b, `document.getElementById("open-in-chanlab").href`); !strings.Contains(got, "lang=ko") {
		t.Errorf("the embed's way out %q loses the language", got)
	}
	b.checkClean()
}

// TestBrowserKoreanDeadlock: the deadlock lesson's report, which the run's
// watchdog writes in the worker, reaches a Korean page in Korean.
func TestBrowserKoreanDeadlock(t *testing.T) {
	b := newBrowser(t)
	b.open("/deadlock?items=2&lang=ko")
	b.watchRun()
	b.do(chromedp.Click(chromedp.ID("run")))
	state, status := b.waitRunEnd()
	if state != "failed" || !strings.Contains(status, "교착 상태: consumer-0 — get(queue)에서 대기, 생산자 없음") || !strings.Contains(status, "멈췄습니다") {
		t.Errorf("the run ended %s: %q; want the deadlock in Korean", state, status)
	}
	if got := b.text(`[data-metric="consumed"] dd`); got != "2개 중 0개" {
		t.Errorf("items handed over = %q, want 2개 중 0개", got)
	}
	b.checkClean()
}
