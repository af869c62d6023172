//go:build !(js && wasm)

package app

// growHeap grows the page's heap ahead of its first run in the browser;
// natively the heap grows as Go pleases.
func growHeap() {}
