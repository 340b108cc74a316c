package pipeline

import (
	"context"
	"sync"
)

// Run processes n items with up to jobs workers and hands every result to
// emit in item order, whatever order the workers finish in. At most
// 2×jobs results wait in memory for their turn, so memory stays bounded
// however many items there are. Run stops early when emit fails or ctx is
// done, and returns that error.
func Run[T any](ctx context.Context, n, jobs int, work func(i int) T, emit func(i int, r T) error) error {
	if jobs < 1 {
		jobs = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type done struct {
		i int
		r T
	}
	indexes := make(chan int)
	results := make(chan done, jobs)
	// window bounds how far workers may run ahead of the item emit waits for.
	window := make(chan struct{}, 2*jobs)

	go func() {
		defer close(indexes)
		for i := 0; i < n; i++ {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case indexes <- i:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range indexes {
				r := work(i)
				select {
				case results <- done{i, r}:
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

	pending := map[int]T{}
	next := 0
	for d := range results {
		pending[d.i] = d.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if err := emit(next, r); err != nil {
				cancel()
				for range results {
				}
				return err
			}
			next++
			<-window
		}
	}
	if next < n {
		return ctx.Err()
	}
	return nil
}
