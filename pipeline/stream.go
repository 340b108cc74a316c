package pipeline

import (
	"context"
	"sync"
)

// RunStream is Run for a stream whose length is not known in advance: it
// calls next for items until next reports the end (ok false) or fails,
// processes them with up to jobs workers and hands every result to emit in
// the order next produced the items. next is called from one goroutine at a
// time and never runs more than 2×jobs items ahead of emit, so memory stays
// bounded however long the stream is.
//
// When next fails, the items read before are still processed and emitted,
// and then RunStream returns next's error. RunStream stops early when emit
// fails or ctx is done, and returns that error; it then returns at once,
// even while a call to next is blocked reading, whose item is dropped.
func RunStream[T, R any](ctx context.Context, jobs int, next func() (T, bool, error), work func(T) R, emit func(R) error) error {
	if jobs < 1 {
		jobs = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type item struct {
		seq int
		v   T
	}
	type done struct {
		seq int
		r   R
	}
	items := make(chan item)
	results := make(chan done, jobs)
	// window bounds how far reading may run ahead of the item emit waits for.
	window := make(chan struct{}, 2*jobs)
	// readErr is written before items is closed and read after results is
	// closed, which happens after every worker saw items closed.
	var readErr error

	go func() {
		defer close(items)
		for seq := 0; ; seq++ {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			v, ok, err := next()
			if err != nil {
				readErr = err
				return
			}
			if !ok {
				return
			}
			select {
			case items <- item{seq, v}:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				r := work(it.v)
				select {
				case results <- done{it.seq, r}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int]R{}
	seq := 0
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case d, ok := <-results:
			if !ok {
				if err := ctx.Err(); err != nil {
					return err
				}
				return readErr
			}
			pending[d.seq] = d.r
			for {
				r, ok := pending[seq]
				if !ok {
					break
				}
				delete(pending, seq)
				if err := emit(r); err != nil {
					return err
				}
				seq++
				<-window
			}
		}
	}
}
