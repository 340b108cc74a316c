package pipeline

import "context"

// Run processes n items with up to jobs workers and hands every result to
// emit in item order, whatever order the workers finish in. At most
// 2×jobs results wait in memory for their turn, so memory stays bounded
// however many items there are. Run stops early when emit fails or ctx is
// done, and returns that error.
func Run[T any](ctx context.Context, n, jobs int, work func(i int) T, emit func(i int, r T) error) error {
	type indexed struct {
		i int
		r T
	}
	next := 0
	return RunStream(ctx, jobs,
		func() (int, bool, error) {
			if next >= n {
				return 0, false, nil
			}
			next++
			return next - 1, true, nil
		},
		func(i int) indexed { return indexed{i, work(i)} },
		func(x indexed) error { return emit(x.i, x.r) })
}
