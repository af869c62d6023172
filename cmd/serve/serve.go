//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// serve is the native program: the local web server; with -precompress
// the build step that writes web/app.wasm.br and .gz; with -static the
// export of a folder that static hosts serve (static.go).
func serve() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	webDir := flags.String("web", "web", "the static `dir`ectory holding app.wasm, relative to the working directory")
	pre := flags.Bool("precompress", false, "write app.wasm.br (brotli -q11) and app.wasm.gz (gzip -9) next to app.wasm, skipping up-to-date ones, then exit")
	frameAncestors := flags.String("frame-ancestors", "*", "CSP frame-ancestors: the `origins` allowed to embed chanlab in a frame (\"'none'\", \"https://course.example\" …); 'self' is always added, for the first visit's warm-up")
	static := flags.String("static", "", "write a static site into `dir` (new or empty) for a static host, then exit")
	base := flags.String("base", "", "with -static: the `path` the site will be served under, e.g. /chanlab for https://you.github.io/chanlab/ (default: the host's root)")
	flags.Usage = func() {
		fmt.Fprintf(stderr, "usage: serve [-addr host:port] [-web dir] [-frame-ancestors sources]\n       serve -precompress [-web dir]\n       serve -static dir [-base /path] [-web dir] [-frame-ancestors sources]\n\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\n", flags.Arg(0))
		flags.Usage()
		return 2
	}
	logger := log.New(stderr, "", log.LstdFlags)
	if *base != "" && *static == "" {
		fmt.Fprintf(stderr, "serve: -base is for -static: this server serves at its host's root\n")
		return 2
	}

	if *pre {
		results, err := precompress(*webDir)
		for _, r := range results {
			if r.path != "" {
				fmt.Fprintf(stderr, "serve -precompress: %v\n", r)
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "serve -precompress: %v\n", err)
			return 1
		}
		return 0
	}

	if *static != "" {
		files, err := exportStatic(staticOptions{webDir: *webDir, out: *static, base: *base, frameAncestors: *frameAncestors, logf: logger.Printf})
		if err != nil {
			fmt.Fprintf(stderr, "serve -static: %v\n", err)
			return 1
		}
		var total int64
		for _, f := range files {
			total += f.size
		}
		fmt.Fprintf(stderr, "serve -static: wrote %d files, %d bytes, into %s\n", len(files), total, *static)
		return 0
	}

	handler, err := newHandler(options{webDir: *webDir, frameAncestors: *frameAncestors, logf: logger.Printf})
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := listenAndServe(ctx, ln, handler, logger, filepath.Clean(*webDir)); err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	return 0
}

// listenAndServe serves on ln until ctx is cancelled, then shuts down
// gracefully, giving requests in flight up to 10 seconds.
func listenAndServe(ctx context.Context, ln net.Listener, handler http.Handler, logger *log.Logger, webDir string) error {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second, // GET only: no bodies to wait for
		// No server-wide WriteTimeout: it would bound the whole response,
		// and app.wasm (8 MB raw for a client without compression) can
		// take minutes on a slow link. The handler sets a write deadline
		// per request instead: 1 minute, 10 for the wasm.
		WriteTimeout:   0,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       logger,
	}
	logger.Printf("chanlab: serving %s on %s (Ctrl-C to stop)", webDir, displayURL(ln.Addr()))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Printf("chanlab: shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayURL is the URL to open for a listening address; an unspecified
// host (":8080", "0.0.0.0") is shown as localhost.
func displayURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port)) + "/"
}
