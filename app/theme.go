package app

import (
	"net/url"
	"strings"

	"chanlab/i18n"
	"chanlab/patterns"
)

// A page's theme picks one of chanlab.css's two palettes. Auto, the
// default, follows the reader's system (prefers-color-scheme), so an
// embed matches a course page that does the same; the URL parameter
// theme=light or theme=dark fixes it, and is kept in the links the page
// builds. web/theme.js puts the link's theme on the document's root before
// the page paints; showTheme keeps it there when the page changes it.
const (
	themeAuto  = ""
	themeLight = "light"
	themeDark  = "dark"
)

// themeParam is the theme's URL query key. No pattern has a knob of that
// name (TestThemeIsNoKnob).
const themeParam = "theme"

// themeChoices are the themes, in the order the switches offer them.
var themeChoices = []string{themeAuto, themeLight, themeDark}

// themeLabel is how a switch names theme, in language l.
func themeLabel(l i18n.Lang, theme string) string {
	switch theme {
	case themeLight:
		return tr(l, "Light")
	case themeDark:
		return tr(l, "Dark")
	}
	return tr(l, "Auto")
}

// parseTheme reads a theme as given in a link or by an embedding page:
// light or dark, in any case; auto or nothing for the system's. Anything
// else is auto too, and not ok: themeNote says why it was not used.
func parseTheme(raw string) (theme string, ok bool) {
	switch v := strings.ToLower(strings.TrimSpace(raw)); v {
	case themeLight, themeDark:
		return v, true
	case "", "auto":
		return themeAuto, true
	}
	return themeAuto, false
}

// themeNote says, in language l, why the theme raw was not used.
func themeNote(l i18n.Lang, raw string) string {
	return trf(l, "Ignored theme %q: the theme is light or dark; without one, chanlab follows the system's.", patterns.Brief(raw))
}

// themeName is how messages to an embedding page name a theme.
func themeName(theme string) string {
	if theme == themeAuto {
		return "auto"
	}
	return theme
}

// withTheme is link (a path or an absolute URL, with or without a query)
// with theme in its query; auto leaves the link as it is.
func withTheme(link, theme string) string {
	if theme == themeAuto {
		return link
	}
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	q := u.Query()
	q.Set(themeParam, theme)
	u.RawQuery = q.Encode()
	return u.String()
}
