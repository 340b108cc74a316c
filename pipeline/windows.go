package pipeline

import (
	"context"
	"io"
)

// EachWindow reads one document from r, decodes it as extraction does and
// calls each with consecutive windows of its decoded text (about 1 MiB,
// cut where no fact can span the cut) and the code point offset of each
// window's start, so that a command showing a stage of the pipeline needs
// bounded memory however long the document is. It stops when ctx is done.
// The Result describes the document (its Err is why it could not be read);
// the error is each's, or ctx's.
func EachWindow(ctx context.Context, name string, r io.Reader, cfg Config, each func(window string, base int) error) (Result, error) {
	ex := newWindowExtractor(name, cfg, nil)
	ex.each = func(window string, base int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return each(window, base)
	}
	return readWindows(ex, r)
}
