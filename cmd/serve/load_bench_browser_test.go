//go:build browser

package main

import (
	"fmt"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// liveJS, run in every new document before its scripts, notes when the
// wasm app takes over the pre-rendered page (the shell says data-live):
// from then on the page answers its controls. A MutationObserver, not a
// poll, so the moment is exact.
const liveJS = `(() => {
	const seen = () => {
		if (!window.__live && document.querySelector('.shell[data-live="true"]')) {
			window.__live = performance.now();
		}
	};
	new MutationObserver(seen).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ["data-live"]});
})()`

// loadProfile is a network the page loads over.
type loadProfile struct {
	name    string
	latency float64 // ms, request to response headers
	bytesPS float64 // download and upload, bytes/s; 0: loopback, unthrottled
}

// throttled is the profile: 10 Mbit/s, 40 ms round trip.
var throttled = loadProfile{name: "10Mbit-40ms", latency: 40, bytesPS: 10e6 / 8}

// loadVisit is what one visit of a page cost.
type loadVisit struct {
	interactive float64 // ms from navigation to the app live
	paint       float64 // ms to the first contentful paint (the pre-rendered page)
	bytes       int64   // body bytes the server sent, compressed, the service worker's fetches included
	requests    int     // requests that reached the server
}

// sent counts what a server sends: responses and body bytes (compressed
// as sent), whoever asked, the page or its service worker.
type sent struct {
	next     http.Handler
	requests atomic.Int64
	bytes    atomic.Int64
}

func (s *sent) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.next.ServeHTTP(countingWriter{w, &s.bytes}, r)
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n.Add(int64(n))
	return n, err
}

// visit loads the page at path, waits until the app is live and, for
// settle, for what follows (the service worker's pre-caching), and says
// what it cost: the server's count s tells what crossed the network.
// reload reloads the current page instead.
func (br *browser) visit(s *sent, path string, reload bool, settle time.Duration) loadVisit {
	br.t.Helper()
	var v loadVisit
	bytes0, requests0 := s.bytes.Load(), s.requests.Load()

	if reload {
		br.do(chromedp.Reload())
	} else {
		br.do(chromedp.Navigate(br.base.String() + path))
	}
	live, err := chromedp.Run(br.ctx, chromedp.Poll[float64](`window.__live`, chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		br.t.Fatalf("waiting for the app to take over: %v", err)
	}
	v.interactive = live
	v.paint = eval[float64](br, `(performance.getEntriesByName("first-contentful-paint")[0] || {startTime: 0}).startTime`)
	time.Sleep(settle)
	v.bytes, v.requests = s.bytes.Load()-bytes0, int(s.requests.Load()-requests0)
	return v
}

// BenchmarkBrowserLoad loads the main page and an embed, from the server
// (brotli) and from the static export (a host that serves its precompressed
// wasm), on loopback and over the throttled network, in a fresh
// browser each: a first visit, then a repeat visit (a reload, with the
// service worker installed). It reports the time until the app is live,
// the first paint, and the bytes that crossed the network.
// The reference, a go-app hello with brotli on this machine: about 0.4 s
// on loopback and 2.1 s throttled.
func BenchmarkBrowserLoad(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if _, err := exportStatic(staticOptions{webDir: filepath.Join("..", "..", "web"), out: dir, base: "/chanlab", frameAncestors: "*", logf: b.Logf}); err != nil {
		b.Fatalf("the export failed: %v (run make build first)", err)
	}
	for _, site := range []struct {
		name   string
		static *exportedSite
		pages  map[string]string
	}{
		{"server", nil, map[string]string{"main": "/prodcons", "embed": "/embed/prodcons"}},
		// The export's pages with their slash: a plain file server would
		// first redirect /prodcons to it.
		{"static", &exportedSite{dir: dir, base: "/chanlab", brotli: true}, map[string]string{"main": "/prodcons/", "embed": "/embed/prodcons/"}},
	} {
		for _, pg := range []string{"main", "embed"} {
			for _, prof := range []loadProfile{{name: "loopback"}, throttled} {
				b.Run(fmt.Sprintf("%s/%s/%s", site.name, pg, prof.name), func(b *testing.B) {
					var first, repeat loadVisit
					for b.Loop() {
						var h http.Handler
						prefix := ""
						if site.static != nil {
							h, prefix = site.static.host(b), site.static.base
						} else {
							var err error
							if h, err = newHandler(options{webDir: filepath.Join("..", "..", "web"), frameAncestors: "*"}); err != nil {
								b.Fatal(err)
							}
						}
						s := &sent{next: h}
						br := newBrowserAt(b, s, prefix)
						if prof.bytesPS > 0 {
							_, err := chromedp.Call(br.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
								MatchedNetworkConditions: []*network.Conditions{{Latency: prof.latency, DownloadThroughput: prof.bytesPS, UploadThroughput: prof.bytesPS}},
							})
							if err != nil {
								b.Fatalf("throttling: %v", err)
							}
						}
						if _, err := chromedp.Call(br.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: liveJS}); err != nil {
							b.Fatalf("adding the script: %v", err)
						}
						// Long enough for the service worker to pre-cache
						// the wasm on the throttled network.
						settle := 3 * time.Second
						if prof.bytesPS > 0 {
							settle = 12 * time.Second
						}
						first = br.visit(s, site.pages[pg], false, settle)
						repeat = br.visit(s, "", true, 2*time.Second)
						br.checkClean()
					}
					b.Logf("%s %s %s: first visit live at %.0f ms (first paint %.0f ms), %.1f KB in %d requests; repeat visit live at %.0f ms, %.1f KB in %d requests",
						site.name, pg, prof.name, first.interactive, first.paint, float64(first.bytes)/1e3, first.requests, repeat.interactive, float64(repeat.bytes)/1e3, repeat.requests)
					b.ReportMetric(first.interactive, "ms-live-first")
					b.ReportMetric(first.paint, "ms-paint-first")
					b.ReportMetric(float64(first.bytes)/1e3, "KB-first")
					b.ReportMetric(repeat.interactive, "ms-live-repeat")
					b.ReportMetric(float64(repeat.bytes)/1e3, "KB-repeat")
				})
			}
		}
	}
}
