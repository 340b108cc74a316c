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

	type done struct {
		seq int
		r   R
	}
	// window holds a slot for every item read and not yet emitted. results
	// can hold as many, so a worker never waits to hand a result over.
	window := make(chan struct{}, 2*jobs)
	results := make(chan done, 2*jobs)
	// Workers call next themselves, one at a time, rather than wait for a
	// reading goroutine to be scheduled: on a busy machine that hand-off
	// left workers idle between documents.
	var (
		mu      sync.Mutex
		seq     int
		ended   bool
		readErr error // written under mu; read after every worker is done
	)
	take := func() (v T, n int, ok bool) {
		select {
		case window <- struct{}{}:
		case <-ctx.Done():
			return v, 0, false
		}
		mu.Lock()
		defer mu.Unlock()
		if !ended && ctx.Err() == nil {
			var err error
			v, ok, err = next()
			if err != nil {
				readErr, ok = err, false
			}
			ended = !ok
		}
		if !ok {
			<-window
			return v, 0, false
		}
		seq++
		return v, seq - 1, true
	}

	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				v, n, ok := take()
				if !ok {
					return
				}
				results <- done{n, work(v)}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int]R{}
	want := 0
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
				r, ok := pending[want]
				if !ok {
					break
				}
				delete(pending, want)
				if err := emit(r); err != nil {
					return err
				}
				want++
				<-window
			}
		}
	}
}
