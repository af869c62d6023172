package app

import (
	"net/url"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
)

func TestParseTheme(t *testing.T) {
	for _, tc := range []struct {
		raw, want string
		note      bool
	}{
		{"", themeAuto, false},
		{"auto", themeAuto, false},
		{"light", themeLight, false},
		{"dark", themeDark, false},
		{" Dark ", themeDark, false},
		{"LIGHT", themeLight, false},
		{"blue", themeAuto, true},
		{"dark;light", themeAuto, true},
		{"42", themeAuto, true},
	} {
		got, ok := parseTheme(tc.raw)
		if got != tc.want || ok == tc.note {
			t.Errorf("parseTheme(%q) = %q, %v; want %q and a note: %v", tc.raw, got, ok, tc.want, tc.note)
		}
		for _, l := range i18n.All {
			if note := themeNote(l, tc.raw); !strings.Contains(note, tc.raw) {
				t.Errorf("the %s note %q does not quote %q", l, note, tc.raw)
			}
		}
	}
}

func TestWithTheme(t *testing.T) {
	for _, tc := range []struct{ link, theme, want string }{
		{"/prodcons", themeAuto, "/prodcons"},
		{"/prodcons", themeDark, "/prodcons?theme=dark"},
		{"/prodcons?buffer=1", themeLight, "/prodcons?buffer=1&theme=light"},
		{"http://h:1/chanlab/embed/prodcons?buffer=1&theme=light", themeDark, "http://h:1/chanlab/embed/prodcons?buffer=1&theme=dark"},
	} {
		if got := withTheme(tc.link, tc.theme); got != tc.want {
			t.Errorf("withTheme(%q, %q) = %q, want %q", tc.link, tc.theme, got, tc.want)
		}
	}
}

// TestThemeIsNoKnob checks that no pattern has a knob named like the theme
// parameter: the link could not hold both.
func TestThemeIsNoKnob(t *testing.T) {
	for _, s := range patterns.All() {
		for _, p := range s.Params {
			if p.Name == themeParam {
				t.Errorf("%s has a knob named %q, the theme's URL parameter", s.ID, p.Name)
			}
		}
	}
}

// TestPageTheme opens pages with themes in their links, good and bad, and
// checks the links the page builds keep the theme.
func TestPageTheme(t *testing.T) {
	for _, tc := range []struct {
		url, want, note string
	}{
		{"/prodcons", themeAuto, ""},
		{"/prodcons?theme=dark&buffer=1", themeDark, ""},
		{"/embed/prodcons?theme=light", themeLight, ""},
		{"/prodcons?theme=purple", themeAuto, `"purple"`},
	} {
		t.Run(tc.url, func(t *testing.T) {
			p := &page{}
			disp := app.NewClientTester(p)
			defer disp.Close()
			u, _ := url.Parse(tc.url)
			disp.Nav(u)
			disp.Consume()
			if p.theme != tc.want {
				t.Errorf("theme = %q, want %q", p.theme, tc.want)
			}
			notes := strings.Join(p.urlNotes, "\n")
			if tc.note == "" && notes != "" {
				t.Errorf("notes = %q, want none", notes)
			}
			if tc.note != "" && !strings.Contains(notes, tc.note) {
				t.Errorf("notes = %q, want one about %s", notes, tc.note)
			}
			link, _ := url.Parse(p.permalink())
			if got := link.Query().Get(themeParam); got != tc.want {
				t.Errorf("permalink %s has theme %q, want %q", link, got, tc.want)
			}
			page, embed := p.links()
			if got := mustQuery(t, page).Get(themeParam); got != tc.want {
				t.Errorf("page link %s has theme %q, want %q", page, got, tc.want)
			}
			if got := mustQuery(t, embed).Get(themeParam); got != "" {
				t.Errorf("embed link %s has theme %q: the Embed dialog adds it", embed, got)
			}
		})
	}
}

// TestThemeSwitch changes the theme as the switch does, and checks that
// the page's link and the embed snippet follow, and that the dialog's own
// choice wins for the snippet.
func TestThemeSwitch(t *testing.T) {
	p := &page{}
	disp := app.NewClientTester(p)
	defer disp.Close()
	disp.Nav(&url.URL{Path: "/prodcons", RawQuery: "buffer=2"})
	disp.Consume()
	p.onTheme(nil, themeDark)
	if got := p.permalink(); got != "/prodcons?buffer=2&theme=dark" {
		t.Errorf("permalink = %q", got)
	}
	page, embed := p.links()
	s := &share{Link: page, Embed: embed, Theme: p.theme}
	if !strings.Contains(s.snippet(), "/embed/prodcons?buffer=2&amp;theme=dark") {
		t.Errorf("snippet %s does not keep the page's dark theme", s.snippet())
	}
	s.onEmbedTheme(nil, themeLight)
	if !strings.Contains(s.snippet(), "theme=light") {
		t.Errorf("snippet %s does not take the dialog's light theme", s.snippet())
	}
	s.onEmbedTheme(nil, themeAuto)
	if strings.Contains(s.snippet(), "theme=") {
		t.Errorf("snippet %s has a theme: auto follows the course reader's system", s.snippet())
	}
	p.onTheme(nil, themeAuto)
	if got := p.permalink(); got != "/prodcons?buffer=2" {
		t.Errorf("permalink after auto = %q", got)
	}
}

// TestSetTheme sends the embed's set command with a theme, alone, with
// knobs, during a run and with bad values.
func TestSetTheme(t *testing.T) {
	p := &page{}
	disp := app.NewClientTester(p)
	defer disp.Close()
	disp.Nav(&url.URL{Path: "/embed/prodcons"})
	disp.Consume()
	set := func(data string) {
		t.Helper()
		cmd, ok := parseCommand([]byte(data))
		if !ok {
			t.Fatalf("parseCommand(%s) refused it", data)
		}
		p.onParent(nil, cmd)
	}
	set(`{"type":"chanlab:set","theme":"dark"}`)
	if p.theme != themeDark {
		t.Errorf("theme = %q after setting dark", p.theme)
	}
	set(`{"type":"chanlab:set","knobs":{"buffer":3}}`)
	if p.theme != themeDark || p.values.Int("buffer") != 3 {
		t.Errorf("knobs alone: theme %q, buffer %d; want dark kept, 3", p.theme, p.values.Int("buffer"))
	}
	set(`{"type":"chanlab:set","theme":"light","knobs":{"buffer":4}}`)
	if p.theme != themeLight || p.values.Int("buffer") != 4 {
		t.Errorf("both: theme %q, buffer %d", p.theme, p.values.Int("buffer"))
	}
	p.running = true // a run going on: the theme may change, the knobs not
	set(`{"type":"chanlab:set","theme":"dark","knobs":{"buffer":5}}`)
	p.running = false
	if p.theme != themeDark || p.values.Int("buffer") != 4 {
		t.Errorf("during a run: theme %q, buffer %d; want dark, 4", p.theme, p.values.Int("buffer"))
	}
	for _, bad := range []string{`"neon"`, `42`} {
		cmd, ok := parseCommand([]byte(`{"type":"chanlab:set","theme":` + bad + `}`))
		if raw, has := cmd.theme(); !ok || !has {
			t.Fatalf("theme %s: command %v, theme %q %v", bad, ok, raw, has)
		}
		p.onParent(nil, cmd)
		if p.theme != themeAuto {
			t.Errorf("theme %s gave %q, want auto", bad, p.theme)
		}
	}
}

func mustQuery(t *testing.T, link string) url.Values {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// TestNotFoundTheme checks that the not-found page's links keep the theme
// of the address that led there.
func TestNotFoundTheme(t *testing.T) {
	n := &notFound{}
	disp := app.NewClientTester(n)
	defer disp.Close()
	disp.Nav(&url.URL{Path: "/nope", RawQuery: "theme=dark"})
	disp.Consume()
	html := app.HTMLString(n)
	if !strings.Contains(html, `href="/prodcons?theme=dark"`) || !strings.Contains(html, `href="/?theme=dark"`) {
		t.Errorf("the not-found page's links drop the theme: %s", html)
	}
}
