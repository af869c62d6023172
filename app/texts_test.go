package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/i18n"
	"chanlab/patterns"
	"chanlab/patterns/timeline"
)

// verbs finds a format's verbs, with or without an explicit index.
var verbs = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// uiMethods are the go-app calls whose string argument the learner reads
// or hears, and which argument it is.
var uiMethods = map[string]int{"Text": 0, "Textf": 0, "Title": 0, "Placeholder": 0, "Alt": 0, "Label": 0}

// notWords are literals shown as they are in every language: the name, the
// runs' letters, statistics' names and a search example made of log words.
var notWords = map[string]bool{"chanlab": true, "A": true, "B": true, "p50": true, "p95": true, "put, blocked, 42…": true, "embed/<pattern>": true}

// words reports whether s has words beyond its format verbs.
func words(s string) bool {
	return strings.ContainsFunc(verbs.ReplaceAllString(s, ""), unicode.IsLetter)
}

// TestUITextsKorean reads the package's source: every text given to tr or
// trf must have its Korean in the table, with the same number of format
// verbs, every entry of the table must be used, and no English may reach
// the page without passing through tr (a literal given to Text, Title,
// Aria("label"), and the like).
func TestUITextsKorean(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	used := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			lit := func(i int) (string, bool) {
				if i >= len(call.Args) {
					return "", false
				}
				b, ok := call.Args[i].(*ast.BasicLit)
				if !ok || b.Kind != token.STRING {
					return "", false
				}
				s, err := strconv.Unquote(b.Value)
				return s, err == nil
			}
			at := fset.Position(call.Pos())
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				if fn.Name == "tr" || fn.Name == "trf" || fn.Name == "withCode" {
					en, ok := lit(1)
					if !ok {
						if fn.Name != "tr" {
							t.Errorf("%s: %s's text is not a literal: the test cannot check it", at, fn.Name)
						}
						return true // tr(l, e.why): a literal passed elsewhere
					}
					used[en] = true
					ko, has := korean[en]
					switch {
					case !has:
						t.Errorf("%s: %q has no Korean", at, en)
					case len(verbs.FindAllString(ko, -1)) != len(verbs.FindAllString(en, -1)):
						t.Errorf("%s: %q and its Korean %q have different verbs", at, en, ko)
					}
				}
				if fn.Name == "stat" || fn.Name == "figure" {
					if s, ok := lit(1); ok && !notWords[s] {
						t.Errorf("%s: %s label %q does not pass through tr", at, fn.Name, s)
					}
				}
			case *ast.SelectorExpr:
				i, shown := uiMethods[fn.Sel.Name]
				if fn.Sel.Name == "Aria" {
					if attr, _ := lit(0); attr == "label" || attr == "valuetext" {
						i, shown = 1, true
					}
				}
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "app" && fn.Sel.Name == "Text" {
					shown = true // app.Text("…")
				}
				if s, ok := lit(i); shown && ok && words(s) && !notWords[s] {
					t.Errorf("%s: %s(%q) shows English that does not pass through tr", at, fn.Sel.Name, s)
				}
			}
			return true
		})
	}
	for en, ko := range korean {
		if !used[en] && !strings.Contains(strings.Join([]string{"the runner did not start (Run tries again)", "the runner is gone"}, "\n"), en) {
			t.Errorf("%q is in the table but no tr uses it", en)
		}
		if words(en) && !strings.ContainsFunc(ko, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) {
			t.Errorf("the Korean of %q is %q: no Korean in it", en, ko)
		}
	}
}

// TestStateNames: the English names are timeline's own, so the Korean
// table's keys follow them.
func TestStateNames(t *testing.T) {
	for s := timeline.Running; s <= timeline.Done; s++ {
		if got := stateName(i18n.En, s); got != s.String() {
			t.Errorf("stateName(En, %d) = %q, want %q", s, got, s.String())
		}
		if got := stateName(i18n.Ko, s); korean[s.String()] != got {
			t.Errorf("stateName(Ko, %v) = %q", s, got)
		}
	}
}

// TestPageLang opens pages in go-app's client tester: lang= picks the
// language, a bad one gets a note and English, the switch changes every
// text and the knobs' messages, and links keep the language.
func TestPageLang(t *testing.T) {
	var disp app.ClientDispatcher
	open := func(t *testing.T, link string) *page {
		p := &page{}
		disp = app.NewClientTester(p)
		t.Cleanup(disp.Close)
		u, _ := url.Parse(link)
		disp.Nav(u)
		disp.Consume()
		return p
	}
	ko := open(t, "/prodcons?lang=ko&buffer=x")
	spec, _ := patterns.Lookup("prodcons")
	if ko.lang != i18n.Ko || !ko.langSet || ko.spec.Title != spec.TitleKo {
		t.Errorf("?lang=ko: lang %q, title %q", ko.lang, ko.spec.Title)
	}
	if len(ko.urlNotes) != 1 || !strings.Contains(ko.urlNotes[0], "버퍼") || !strings.Contains(ko.problems["buffer"], "정수가 아닙니다") {
		t.Errorf("Korean notes %q, problems %q", ko.urlNotes, ko.problems)
	}
	if ko.statusText() != "준비됨." {
		t.Errorf("status %q", ko.statusText())
	}
	page, embed := ko.links()
	if !strings.Contains(page, "lang=ko") || !strings.Contains(embed, "lang=ko") || !strings.Contains(ko.permalink(), "lang=ko") {
		t.Errorf("links %q, %q, permalink %q: want lang=ko in each", page, embed, ko.permalink())
	}

	bad := open(t, "/prodcons?lang=fr")
	if bad.lang != i18n.En || bad.langSet || len(bad.urlNotes) != 1 || !strings.Contains(bad.urlNotes[0], `lang="fr"`) {
		t.Errorf("?lang=fr: lang %q, notes %q; want English and a note", bad.lang, bad.urlNotes)
	}
	if strings.Contains(bad.permalink(), "lang") {
		t.Errorf("permalink %q keeps a language nobody chose", bad.permalink())
	}

	en := open(t, "/prodcons?buffer=x")
	if en.lang != i18n.En || en.spec.Title != spec.Title || !strings.Contains(en.problems["buffer"], "not a whole number") {
		t.Errorf("no lang=: %q, %q", en.lang, en.problems["buffer"])
	}
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: en, Function: func(ctx app.Context) { en.setLang(ctx, i18n.Ko) }})
	disp.Consume()
	if en.spec.Title != spec.TitleKo || !strings.Contains(en.problems["buffer"], "정수가 아닙니다") || !strings.Contains(en.permalink(), "lang=ko") {
		t.Errorf("after the switch: title %q, problem %q, permalink %q", en.spec.Title, en.problems["buffer"], en.permalink())
	}
	if en.raw["buffer"] != "10" {
		t.Errorf("the switch changed the input: %q, want the safe value 10 as before", en.raw["buffer"])
	}
}

// TestEmbedSetLang: the embed's chanlab:set takes lang like a knob.
func TestEmbedSetLang(t *testing.T) {
	p := &page{}
	disp := app.NewClientTester(p)
	defer disp.Close()
	disp.Nav(&url.URL{Path: "/embed/prodcons"})
	disp.Consume()
	set := func(knobs map[string]any) {
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: p, Function: func(ctx app.Context) {
			p.onParent(ctx, parentCommand{Type: msgSet, Knobs: knobs})
		}})
		disp.Consume()
	}
	set(map[string]any{"lang": "ko", "buffer": 3})
	if p.lang != i18n.Ko || p.values["buffer"] != 3 || !strings.Contains(p.permalink(), "lang=ko") {
		t.Errorf("after set lang=ko, buffer=3: lang %q, buffer %d, permalink %q", p.lang, p.values["buffer"], p.permalink())
	}
	set(map[string]any{"lang": "xx"})
	if p.lang != i18n.Ko {
		t.Errorf("a bad lang changed the language to %q", p.lang)
	}
	set(map[string]any{"lang": "en"})
	if p.lang != i18n.En || p.spec.Title == p.spec.TitleKo {
		t.Errorf("set lang=en: %q, %q", p.lang, p.spec.Title)
	}
}

// TestNotFoundLang: the not-found page, which a static host serves for
// any missing path, takes lang= too.
func TestNotFoundLang(t *testing.T) {
	n := &notFound{}
	disp := app.NewClientTester(n)
	defer disp.Close()
	disp.Nav(&url.URL{Path: "/no/such/page", RawQuery: "lang=ko"})
	disp.Consume()
	if n.lang != i18n.Ko || n.path != "/no/such/page" {
		t.Errorf("lang %q, path %q", n.lang, n.path)
	}
}

// TestLinksLang: links carry the language when it was chosen or is not
// the fallback, and leave an unchosen English to the reader's browser.
func TestLinksLang(t *testing.T) {
	spec, _ := patterns.Lookup("prodcons")
	for _, tt := range []struct {
		lang    i18n.Lang
		set     bool
		want    string
		wantURL string
	}{
		{i18n.En, false, "/prodcons", "/prodcons"},
		{i18n.En, true, "/prodcons?lang=en", "/prodcons?lang=en"},
		{i18n.Ko, false, "/prodcons?lang=ko", "/prodcons"}, // the browser's Korean
		{i18n.Ko, true, "/prodcons?lang=ko", "/prodcons?lang=ko"},
	} {
		p := &page{spec: spec.In(tt.lang), values: spec.Defaults(), lang: tt.lang, langSet: tt.set}
		if page, _ := p.links(); page != tt.want {
			t.Errorf("lang %s chosen %v: link %q, want %q", tt.lang, tt.set, page, tt.want)
		}
		if got := p.permalink(); got != tt.wantURL {
			t.Errorf("lang %s chosen %v: address %q, want %q", tt.lang, tt.set, got, tt.wantURL)
		}
	}
}

// TestShareRow checks that shares compare in percentage points: busy 15%
// against 18% is 3 points more, not "+20%".
func TestShareRow(t *testing.T) {
	for _, c := range []struct {
		a, b      float64
		lang      i18n.Lang
		want      string
		wantA, wB string
	}{
		{0.15, 0.18, i18n.En, "+3 pts", "15%", "18%"},
		{0.99, 0.40, i18n.Ko, "-59포인트", "99%", "40%"},
		{0.501, 0.499, i18n.En, "same", "50%", "50%"},
	} {
		r := shareRow(c.lang, "busy-x", "x: busy", c.a, c.b)
		if r.delta != c.want || r.a != c.wantA || r.b != c.wB {
			t.Errorf("shareRow(%v, %v) in %s: %s → %s, %q; want %s → %s, %q", c.a, c.b, c.lang, r.a, r.b, r.delta, c.wantA, c.wB, c.want)
		}
	}
}

// TestWordIn checks the words the code writes as values: Korean for off,
// on, same and new, and anything else as it is.
func TestWordIn(t *testing.T) {
	for w, want := range map[string]string{"off": "끔", "on": "켬", "same": korean["same"], "new": korean["new"], "+3 pts": "+3 pts", "polling": "polling"} {
		if got := wordIn(i18n.Ko, w); got != want || want == "" {
			t.Errorf("wordIn(ko, %q) = %q, want %q", w, got, want)
		}
		if got := wordIn(i18n.En, w); got != w {
			t.Errorf("wordIn(en, %q) = %q", w, got)
		}
	}
}
