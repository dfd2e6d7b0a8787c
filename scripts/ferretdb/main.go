// Command trailmark-store runs FerretDB (MongoDB wire protocol over SQLite) as
// Trailmark's embedded default store. scripts/store.mjs builds and supervises it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", ".data/ferretdb", "directory for the SQLite files")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin closes, so the store never outlives its parent")
	flag.Parse()

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail(err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		fail(err)
	}

	// FerretDB logs every connection at info level; only errors help an operator.
	logger := slog.New(newLazyHandler(os.Stderr, slog.LevelError))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		// WAL with synchronous=NORMAL: a commit is safe from a crash of this
		// process without an fsync each; only a power cut can lose the last
		// commits (the same bound as the ingest log, see README).
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)",
	})
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		// A parent killed with SIGKILL cannot stop us; its closed pipe can.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	fmt.Fprintf(os.Stderr, "trailmark-store: listening on %s, data in %s\n", *listen, abs)
	f.Run(ctx)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "trailmark-store:", err)
	os.Exit(1)
}
