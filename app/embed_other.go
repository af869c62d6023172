//go:build !(js && wasm)

package app

import "errors"

// parentLink is an embed's connection to the page that frames it: natively
// there is none.
type parentLink struct{}

func openParentLink(func([]byte)) (*parentLink, error) { return nil, errors.New("not in a browser") }

func (l *parentLink) post(map[string]any) {}
func (l *parentLink) close()              {}
