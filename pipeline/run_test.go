package pipeline

import (
	"context"
	"errors"
	"math/rand"
	"testing"
	"time"
)

func TestRunKeepsInputOrder(t *testing.T) {
	for _, jobs := range []int{1, 2, 4, 16} {
		var got []int
		rng := rand.New(rand.NewSource(int64(jobs)))
		delays := make([]time.Duration, 200)
		for i := range delays {
			delays[i] = time.Duration(rng.Intn(200)) * time.Microsecond
		}
		err := Run(context.Background(), len(delays), jobs,
			func(i int) int { time.Sleep(delays[i]); return i * 10 },
			func(i, r int) error {
				if r != i*10 {
					t.Fatalf("result %d for item %d", r, i)
				}
				got = append(got, i)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(delays) {
			t.Fatalf("jobs=%d: %d results, want %d", jobs, len(got), len(delays))
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("jobs=%d: position %d holds item %d", jobs, i, v)
			}
		}
	}
}

func TestRunStopsOnEmitError(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	err := Run(context.Background(), 1000, 3, func(i int) int { return i },
		func(i, r int) error {
			n++
			if i == 5 {
				return boom
			}
			return nil
		})
	if !errors.Is(err, boom) || n != 6 {
		t.Fatalf("err=%v after %d emits, want boom after 6", err, n)
	}
}

func TestRunHonoursCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	err := Run(ctx, 1000, 2, func(i int) int {
		if i == 10 {
			cancel()
		}
		return i
	}, func(i, r int) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestRunZeroItems(t *testing.T) {
	if err := Run(context.Background(), 0, 4, func(i int) int { return i }, func(i, r int) error { return nil }); err != nil {
		t.Fatal(err)
	}
}
