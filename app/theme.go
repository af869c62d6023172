package app

import (
	"fmt"
	"net/url"
	"strings"
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
var themeChoices = []struct{ Value, Label string }{
	{themeAuto, "Auto"},
	{themeLight, "Light"},
	{themeDark, "Dark"},
}

// parseTheme reads a theme as given in a link or by an embedding page:
// light or dark, in any case; auto or nothing for the system's. Anything
// else is auto too, with a note saying why it was not used.
func parseTheme(raw string) (theme, note string) {
	switch v := strings.ToLower(strings.TrimSpace(raw)); v {
	case themeLight, themeDark:
		return v, ""
	case "", "auto":
		return themeAuto, ""
	}
	return themeAuto, fmt.Sprintf("Ignored theme %q: the theme is light or dark; without one, chanlab follows the system's.", raw)
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
