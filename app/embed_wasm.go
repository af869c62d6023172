//go:build js && wasm

package app

import (
	"errors"
	"math"
	"net/url"

	"github.com/hack-pad/safejs"
)

// parentLink is an embed's connection to the page that frames it.
type parentLink struct {
	parent   safejs.Value
	origin   string // the parent's origin: the only one heard, the only one posted to
	onMsg    safejs.Func
	onResize safejs.Func
	observer safejs.Value
	window   safejs.Value
	height   int
}

// openParentLink listens to the parent page's commands, passing each to
// handle as JSON on a JavaScript callback (handle must not block), and
// reports the content's height as it changes. There is none when the page
// is not in a frame.
func openParentLink(handle func(data []byte)) (*parentLink, error) {
	window := safejs.Global()
	parent, err := window.Get("parent")
	if err != nil {
		return nil, err
	}
	self, err := window.Get("self")
	if err != nil {
		return nil, err
	}
	if parent.Equal(self) {
		return nil, errors.New("not in a frame")
	}
	origin, err := parentOrigin(window)
	if err != nil {
		return nil, err
	}
	l := &parentLink{parent: parent, origin: origin, window: window}
	jsonType, err := window.Get("JSON")
	if err != nil {
		return nil, err
	}
	l.onMsg, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ev := arg(args)
		src, err := ev.Get("source")
		if err != nil || !src.Equal(parent) {
			return nil
		}
		from, err := ev.Get("origin")
		if err != nil {
			return nil
		}
		if o, err := from.String(); err != nil || o != origin {
			return nil
		}
		data, err := ev.Get("data")
		if err != nil {
			return nil
		}
		text, err := jsonType.Call("stringify", data)
		if err != nil || text.IsUndefined() {
			return nil
		}
		s, err := text.String()
		if err != nil {
			return nil
		}
		handle([]byte(s))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := window.Call("addEventListener", "message", l.onMsg); err != nil {
		l.onMsg.Release()
		return nil, err
	}
	l.watchHeight()
	return l, nil
}

// parentOrigin is the framing page's origin: the browser's own record of
// it (location.ancestorOrigins) where there is one, else the referrer's.
func parentOrigin(window safejs.Value) (string, error) {
	if loc, err := window.Get("location"); err == nil {
		if ao, err := loc.Get("ancestorOrigins"); err == nil && !ao.IsUndefined() {
			if n, err := ao.Length(); err == nil && n > 0 {
				if first, err := ao.Index(0); err == nil {
					if s, err := first.String(); err == nil && s != "" && s != "null" {
						return s, nil
					}
				}
			}
		}
	}
	doc, err := window.Get("document")
	if err != nil {
		return "", err
	}
	ref, err := doc.Get("referrer")
	if err != nil {
		return "", err
	}
	s, err := ref.String()
	if err != nil {
		return "", err
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", errors.New("the parent page's origin is unknown: it sent no referrer")
	}
	return u.Scheme + "://" + u.Host, nil
}

// watchHeight posts the content's height whenever it changes, so that the
// parent can size the iframe.
func (l *parentLink) watchHeight() {
	doc, err := l.window.Get("document")
	if err != nil {
		return
	}
	root, err := doc.Get("documentElement")
	if err != nil {
		return
	}
	ro, err := l.window.Get("ResizeObserver")
	if err != nil || ro.IsUndefined() {
		return
	}
	body, err := doc.Get("body")
	if err != nil {
		return
	}
	l.onResize, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		// The root's box, not its scrollHeight, which is at least the
		// frame's own height: a frame sized to a longer content would
		// never be told to shrink.
		box, err := root.Call("getBoundingClientRect")
		if err != nil {
			return nil
		}
		h, err := box.Get("height")
		if err != nil {
			return nil
		}
		f, err := h.Float()
		if err != nil {
			return nil
		}
		px := int(math.Ceil(f))
		if px == l.height {
			return nil
		}
		l.height = px
		l.post(message(msgHeight, map[string]any{"height": float64(px)}))
		return nil
	})
	if err != nil {
		return
	}
	if l.observer, err = ro.New(l.onResize); err != nil {
		l.onResize.Release()
		return
	}
	_, _ = l.observer.Call("observe", body)
}

// post sends a message to the parent, at its origin only.
func (l *parentLink) post(m map[string]any) {
	if l == nil {
		return
	}
	_, _ = l.parent.Call("postMessage", m, l.origin)
}

func (l *parentLink) close() {
	if l == nil {
		return
	}
	_, _ = l.window.Call("removeEventListener", "message", l.onMsg)
	l.onMsg.Release()
	if !l.observer.IsUndefined() {
		_, _ = l.observer.Call("disconnect")
		l.onResize.Release()
	}
}
