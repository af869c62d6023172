//go:build !wasm

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"

	"chanlab/app"
)

// offlineFiles sets up the service worker's cache list for what this
// server has, and returns the version of the deploy.
//
// The list keeps only the files the server can serve: the worker's install
// caches them all or nothing, so one missing file (runner.wasm not built)
// would cost offline use altogether.
//
// The version is a hash of app.wasm, runner.wasm, the loader, the worker's
// own template and every other /web/ file the worker caches. The worker's script carries it, and
// browsers compare that script on each visit: a new version is how they
// learn of a new deploy, so it must change when any cached file does (a
// stylesheet fix, a new runner.wasm with the same app.wasm). Static files
// are hashed once, at start: restart the server after changing web/.
func offlineFiles(h *goapp.Handler, webDir string, wasm, runner *wasmFile, logf func(string, ...any)) string {
	var kept []string
	for _, r := range h.CacheableResources {
		if r == app.RunnerWasm && runner == nil || r != app.RunnerWasm && isWebPath(r) && !isFile(webDir, r) {
			logf("serve: %s is missing; browsers will not have it offline", r)
			continue
		}
		kept = append(kept, r)
	}
	h.CacheableResources = kept

	sum := sha256.New()
	io.WriteString(sum, wasm.version)
	if runner != nil {
		io.WriteString(sum, runner.version)
	}
	sum.Write(wasmExecJS)
	// A new worker must also cache anew: its cache is named for the version.
	io.WriteString(sum, h.ServiceWorkerTemplate)
	static := append([]string{h.Icon.Default, h.Icon.Large, h.Icon.SVG, h.Icon.AppleTouch}, h.Styles...)
	static = append(static, h.Scripts...)
	for _, r := range append(static, kept...) {
		if !isWebPath(r) || r == app.RunnerWasm {
			continue
		}
		io.WriteString(sum, r)
		if f, err := os.OpenInRoot(webDir, filepath.FromSlash(strings.TrimPrefix(r, "/web/"))); err == nil {
			io.Copy(sum, f)
			f.Close()
		}
	}
	return hex.EncodeToString(sum.Sum(nil))[:16]
}

func isWebPath(p string) bool { return strings.HasPrefix(p, "/web/") }

// isFile reports whether the /web/ path p names a regular file in webDir.
func isFile(webDir, p string) bool {
	f, err := os.OpenInRoot(webDir, filepath.FromSlash(strings.TrimPrefix(p, "/web/")))
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	return err == nil && st.Mode().IsRegular()
}
