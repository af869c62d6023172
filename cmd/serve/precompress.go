//go:build !wasm

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// precompressed is what precompress did with one copy.
type precompressed struct {
	path    string
	skipped bool // already newer than app.wasm
	size    int64
	took    time.Duration
}

func (p precompressed) String() string {
	if p.skipped {
		return fmt.Sprintf("%s: up to date", p.path)
	}
	return fmt.Sprintf("%s: %d bytes in %v", p.path, p.size, p.took.Round(time.Millisecond))
}

// precompress writes <name>.br (brotli, quality 11) and <name>.gz (gzip
// -9) next to each wasm in webDir: app.wasm, which must exist, and
// runner.wasm if it was built. It skips each copy that is already newer
// than its wasm. The copies are made in parallel; each is written to a
// temporary dotfile (never served) and renamed into place, so a running
// server or a browser never sees half a file.
func precompress(webDir string) ([]precompressed, error) {
	var all []precompressed
	for _, name := range []string{"app.wasm", "runner.wasm"} {
		res, err := precompressFile(filepath.Join(webDir, name))
		if errors.Is(err, fs.ErrNotExist) && name != "app.wasm" {
			continue
		}
		all = append(all, res...)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

func precompressFile(wasmPath string) ([]precompressed, error) {
	st, err := os.Stat(wasmPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s does not exist: build it first (make build): %w", wasmPath, err)
	}
	if err != nil {
		return nil, err
	}
	var raw []byte // read once, only if a copy is stale

	results := make([]precompressed, len(compressions))
	errs := make([]error, len(compressions))
	var wg sync.WaitGroup
	for i, c := range compressions {
		out := wasmPath + c.ext
		results[i].path = out
		if ost, err := os.Stat(out); err == nil && ost.ModTime().After(st.ModTime()) {
			results[i].skipped = true
			continue
		}
		if raw == nil {
			if raw, err = os.ReadFile(wasmPath); err != nil {
				return nil, err
			}
		}
		wg.Go(func() {
			start := time.Now()
			size, err := writeAtomically(out, func(w *bufio.Writer) error { return c.compress(w, raw) })
			results[i].size, results[i].took, errs[i] = size, time.Since(start), err
		})
	}
	wg.Wait()
	return results, errors.Join(errs...)
}

// writeAtomically writes path through a temporary file in the same
// directory and renames it into place.
func writeAtomically(path string, write func(*bufio.Writer) error) (int64, error) {
	dir, base := filepath.Split(path)
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	bw := bufio.NewWriterSize(tmp, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	st, err := os.Stat(tmp.Name())
	if err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, err
	}
	return st.Size(), nil
}
