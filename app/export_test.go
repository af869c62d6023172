//go:build !(js && wasm)

package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"chanlab/patterns/prodcons"
)

// TestExportFiles writes a real run in each export format and checks each
// parses.
func TestExportFiles(t *testing.T) {
	v, res := runProdcons(t, prodcons.Config{Buffer: 2, Producers: 1, Consumers: 1, Duration: 30 * time.Millisecond, ConsumerDelay: time.Millisecond})
	for _, kind := range []string{"json", "trace", "csv"} {
		data, name, mime, err := exportFile(v, kind)
		if err != nil || len(data) == 0 || !strings.HasPrefix(name, "chanlab-prodcons-") || mime == "" {
			t.Fatalf("%s: %d bytes, %q, %q, %v", kind, len(data), name, mime, err)
		}
		if kind == "csv" {
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil || len(rows) < 2 {
				t.Errorf("csv: %d rows, %v", len(rows), err)
			}
			continue
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}
	if err := exportRun(v, "export-csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(lastDownload.data)).ReadAll()
	if err != nil || !strings.HasSuffix(lastDownload.name, ".csv") {
		t.Fatalf("download %q: %v", lastDownload.name, err)
	}
	got := ""
	for _, r := range rows {
		if r[0] == "stage" && r[1] == "consumer" && r[2] == "got" {
			got = r[3]
		}
	}
	if got != fmt.Sprint(res.Consumed) {
		t.Errorf("download %q: the consumers got %q items, the run consumed %d", lastDownload.name, got, res.Consumed)
	}
}
