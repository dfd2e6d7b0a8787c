package main

import (
	"context"
	"io"
	"log/slog"
	"slices"
)

// lazyHandler defers WithAttrs until a record is actually written.
//
// FerretDB's SQL wrapper (internal/util/fsql) calls logger.With("args", args)
// twice per statement before a Debug call, and slog's TextHandler formats
// those attributes eagerly, whatever the level: every document inserted or
// updated was quoted into a throwaway string (a fifth of the store's CPU on an
// insertMany of pageviews). Only errors are written here, so formatting waits
// for Handle, which the level filter almost never reaches.
type lazyHandler struct {
	inner slog.Handler
	attrs []slog.Attr
}

func newLazyHandler(w io.Writer, level slog.Level) slog.Handler {
	return lazyHandler{inner: slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})}
}

func (h lazyHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.inner.Enabled(ctx, level)
}

func (h lazyHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	// Clip: two loggers derived from one must not share the appended tail.
	return lazyHandler{inner: h.inner, attrs: append(slices.Clip(h.attrs), attrs...)}
}

func (h lazyHandler) WithGroup(name string) slog.Handler {
	// Attributes given before the group belong outside it.
	return lazyHandler{inner: h.inner.WithAttrs(h.attrs).WithGroup(name)}
}

func (h lazyHandler) Handle(ctx context.Context, r slog.Record) error {
	return h.inner.WithAttrs(h.attrs).Handle(ctx, r)
}
