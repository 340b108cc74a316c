package pipeline

import (
	"context"
	"errors"
	"io"
	"math/rand"
	"sync/atomic"
	"testing"
	"time"
)

// counter yields 0, 1, …, n-1 and then the end of the stream (or err).
func counter(n int, err error) func() (int, bool, error) {
	i := 0
	return func() (int, bool, error) {
		if i == n {
			return 0, false, err
		}
		i++
		return i - 1, true, nil
	}
}

func TestRunStreamKeepsInputOrder(t *testing.T) {
	for _, jobs := range []int{0, 1, 2, 4, 16} {
		rng := rand.New(rand.NewSource(int64(jobs)))
		delays := make([]time.Duration, 300)
		for i := range delays {
			delays[i] = time.Duration(rng.Intn(200)) * time.Microsecond
		}
		var got []int
		err := RunStream(context.Background(), jobs, counter(len(delays), nil),
			func(i int) int { time.Sleep(delays[i]); return i * 10 },
			func(r int) error { got = append(got, r); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(delays) {
			t.Fatalf("jobs=%d: %d results, want %d", jobs, len(got), len(delays))
		}
		for i, r := range got {
			if r != i*10 {
				t.Fatalf("jobs=%d: position %d holds %d, want %d", jobs, i, r, i*10)
			}
		}
	}
}

func TestRunStreamEmpty(t *testing.T) {
	called := false
	err := RunStream(context.Background(), 3, counter(0, nil),
		func(i int) int { return i },
		func(int) error { called = true; return nil })
	if err != nil || called {
		t.Fatalf("err=%v called=%v, want nil and no emit", err, called)
	}
}

// TestRunStreamBoundsReadAhead checks that next never runs more than
// 2×jobs items ahead of emit, however slow emit is.
func TestRunStreamBoundsReadAhead(t *testing.T) {
	const jobs = 3
	var read, emitted atomic.Int64
	maxAhead := int64(0)
	next := func() (int, bool, error) {
		n := read.Add(1)
		if ahead := n - emitted.Load(); ahead > maxAhead {
			maxAhead = ahead // next runs on one goroutine at a time
		}
		return int(n), n <= 200, nil
	}
	err := RunStream(context.Background(), jobs, next,
		func(i int) int { return i },
		func(int) error { time.Sleep(50 * time.Microsecond); emitted.Add(1); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if emitted.Load() != 200 {
		t.Fatalf("%d emitted, want 200", emitted.Load())
	}
	if maxAhead > 2*jobs {
		t.Fatalf("next ran %d items ahead of emit, want at most %d", maxAhead, 2*jobs)
	}
}

func TestRunStreamEmitsItemsReadBeforeAFailure(t *testing.T) {
	broken := errors.New("broken pipe")
	var got []int
	err := RunStream(context.Background(), 4, counter(25, broken),
		func(i int) int { return i },
		func(r int) error { got = append(got, r); return nil })
	if !errors.Is(err, broken) {
		t.Fatalf("err=%v, want the read error", err)
	}
	if len(got) != 25 || got[24] != 24 {
		t.Fatalf("emitted %v, want the 25 items read before the failure", got)
	}
}

func TestRunStreamStopsOnEmitError(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	err := RunStream(context.Background(), 3, counter(1000, nil),
		func(i int) int { return i },
		func(r int) error {
			n++
			if r == 5 {
				return boom
			}
			return nil
		})
	if !errors.Is(err, boom) || n != 6 {
		t.Fatalf("err=%v after %d emits, want boom after 6", err, n)
	}
}

// TestRunStreamReturnsWhileNextBlocks: an interrupt must not wait for a
// read from a pipe that never delivers.
func TestRunStreamReturnsWhileNextBlocks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	defer pw.Close()
	emitted := 0
	next := func() (int, bool, error) {
		var b [1]byte
		if _, err := pr.Read(b[:]); err != nil {
			return 0, false, err
		}
		return int(b[0]), true, nil
	}
	errc := make(chan error, 1)
	go func() {
		errc <- RunStream(ctx, 2, next, func(i int) int { return i },
			func(r int) error {
				emitted++
				cancel()
				return nil
			})
	}()
	if _, err := pw.Write([]byte{7}); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("err=%v, want context.Canceled", err)
	}
	if emitted != 1 {
		t.Fatalf("%d emitted, want 1", emitted)
	}
}

// TestRunStreamCallsNextOneAtATime: workers take items themselves, so next
// must still never run on two goroutines at once.
func TestRunStreamCallsNextOneAtATime(t *testing.T) {
	var inside, overlaps atomic.Int64
	i := 0
	next := func() (int, bool, error) {
		if inside.Add(1) > 1 {
			overlaps.Add(1)
		}
		defer inside.Add(-1)
		time.Sleep(20 * time.Microsecond)
		i++
		return i, i <= 500, nil
	}
	n := 0
	err := RunStream(context.Background(), 8, next,
		func(i int) int { return i },
		func(r int) error {
			n++
			if r != n {
				t.Fatalf("emitted %d at position %d", r, n)
			}
			return nil
		})
	if err != nil || n != 500 {
		t.Fatalf("err=%v after %d items, want 500", err, n)
	}
	if overlaps.Load() != 0 {
		t.Fatalf("next ran concurrently %d times", overlaps.Load())
	}
}
