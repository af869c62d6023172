//go:build js && wasm

package app

import "github.com/hack-pad/safejs"

// replaceURL puts path (with its query) in the address bar without a new
// history entry, so a reload or a copied link restores the same knobs. It
// goes through safejs: a browser that refuses (a sandboxed frame may) costs
// the permalink, not the app.
func replaceURL(path string) {
	history, err := safejs.Global().Get("history")
	if err != nil {
		return
	}
	_, _ = history.Call("replaceState", safejs.Null(), "", path)
}

// browserLangs are the browser's preferred languages, navigator.languages,
// best first; none when the browser does not say.
func browserLangs() []string {
	nav, err := safejs.Global().Get("navigator")
	if err != nil {
		return nil
	}
	langs, err := nav.Get("languages")
	if err != nil {
		return nil
	}
	n, err := langs.Length()
	if err != nil {
		return nil
	}
	tags := make([]string, 0, n)
	for i := range n {
		v, err := langs.Index(i)
		if err != nil {
			break
		}
		if s, err := v.String(); err == nil {
			tags = append(tags, s)
		}
	}
	return tags
}
