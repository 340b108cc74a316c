//go:build torture

// Package torture runs the zhmetrics binary, built once, on generated bad
// input: binary files under a .txt name, every Chinese encoding, broken
// bytes, odd line ends, empty, unreadable and vanishing files, odd names, one
// huge line, a directory of 100,000 files, and interrupts. It checks exit
// statuses, stderr lines, rows and peak memory. Run it with `make torture`;
// the 1 GB case runs only with ZHMETRICS_TORTURE_BIG=1.
package torture

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zhmetrics/zhmetrics/internal/badinput"
)

// maxPeakRSS is the memory a run may take, whatever its input.
const maxPeakRSS = 400 << 20

// Limits past which the watchdog kills a run, so that a regression fails
// the test instead of exhausting the machine.
const (
	killRSS        = 3 << 30
	killOutputSize = 4 << 30
)

// zhmetrics is the binary under test, built by TestMain; fixtures is a
// folder for inputs shared by several tests, removed at the end.
var zhmetrics, fixtures string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zhmetrics-torture-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// Readable by all, so that a run as an unprivileged user can start it.
	os.Chmod(dir, 0o755)
	zhmetrics = filepath.Join(dir, "zhmetrics")
	build := exec.Command(goTool(), "build", "-trimpath", "-o", zhmetrics, "../cmd/zhmetrics")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if prebuilt := os.Getenv("ZHMETRICS_TORTURE_BIN"); prebuilt != "" {
		// Another build, e.g. an older one to compare figures with.
		zhmetrics, build = prebuilt, exec.Command("true")
	}
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building zhmetrics:", err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	fixtures = filepath.Join(dir, "fixtures")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func goTool() string {
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	return "go"
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// runSpec describes one run of the binary.
type runSpec struct {
	args    []string
	dir     string              // working directory
	env     []string            // added to the environment
	timeout time.Duration       // default 5 minutes
	watch   string              // a directory whose size the watchdog caps
	user    *syscall.Credential // run as this user
	stdout  io.Writer           // receives standard output as it comes, instead of keeping it
	// started is called once the process runs, e.g. to signal it.
	started func(p *os.Process)
}

// runResult is what a run did.
type runResult struct {
	code   int
	stdout string
	stderr string
	// peakRSS is the process's own peak resident memory (VmHWM), read from
	// /proc every few milliseconds while it runs. The kernel's account at
	// exit (rusage maxrss) is kept as rusageMaxRSS, but it is only an upper
	// bound: os/exec starts children with vfork, and a vforked child's
	// maxrss starts at its parent's peak, here that of the test process.
	peakRSS      int64
	rusageMaxRSS int64
	elapsed      time.Duration
	killed       string // why the watchdog killed the run, or ""
}

func (r runResult) stderrLines() []string { return badinput.StderrLines(r.stderr) }

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// run starts zhmetrics and waits for it, killing it when it outgrows the
// watchdog's limits or the timeout.
func run(t *testing.T, spec runSpec) runResult {
	t.Helper()
	if spec.timeout == 0 {
		spec.timeout = 5 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), spec.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, zhmetrics, spec.args...)
	cmd.Dir = spec.dir
	cmd.Env = append(os.Environ(), spec.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if spec.stdout != nil {
		cmd.Stdout = spec.stdout
	}
	if spec.user != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: spec.user}
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &watchdog{p: cmd.Process, watch: spec.watch, stop: make(chan struct{}), done: make(chan struct{})}
	go w.run()
	if spec.started != nil {
		spec.started(cmd.Process)
	}
	err := cmd.Wait()
	close(w.stop)
	<-w.done
	res := runResult{stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start),
		peakRSS: w.peak, killed: w.killed}
	if res.killed == "" && ctx.Err() != nil {
		res.killed = fmt.Sprintf("still running after %v", spec.timeout)
	}
	if res.killed != "" {
		t.Errorf("zhmetrics %s: killed: %s", strings.Join(spec.args, " "), res.killed)
	}
	if ps := cmd.ProcessState; ps != nil {
		res.code = ps.ExitCode()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			res.rusageMaxRSS = ru.Maxrss * 1024 // kilobytes on Linux
		}
	} else if err != nil {
		t.Fatal(err)
	}
	if res.rusageMaxRSS > 0 && (res.peakRSS == 0 || res.peakRSS > res.rusageMaxRSS) {
		res.peakRSS = res.rusageMaxRSS // too short to be sampled
	}
	return res
}

// watchdog samples a process's peak memory and kills it when its resident
// memory or the size of the watched directory passes the kill limits.
type watchdog struct {
	p      *os.Process
	watch  string
	stop   chan struct{}
	done   chan struct{}
	peak   int64  // highest VmHWM read
	killed string // why it killed the process
}

func (w *watchdog) run() {
	defer close(w.done)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for n := 0; ; n++ {
		select {
		case <-w.stop:
			return
		case <-tick.C:
		}
		rss, hwm := memoryOf(w.p.Pid)
		w.peak = max(w.peak, hwm)
		if rss > killRSS {
			w.kill("resident memory " + mib(rss))
			return
		}
		if w.watch != "" && n%100 == 0 {
			if size := dirSize(w.watch); size > killOutputSize {
				w.kill("output grew to " + mib(size))
				return
			}
		}
	}
}

func (w *watchdog) kill(why string) {
	w.killed = why
	w.p.Kill()
}

// memoryOf reads a process's resident set size and its peak (VmRSS and
// VmHWM) from /proc, or zeros once it has exited.
func memoryOf(pid int) (rss, hwm int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || name != "VmRSS" && name != "VmHWM" {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "kB")), 10, 64)
		if name == "VmRSS" {
			rss = kb * 1024
		} else {
			hwm = kb * 1024
		}
	}
	return rss, hwm
}

func dirSize(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// checkPeak fails when a run took more than maxPeakRSS, and logs the figure.
func checkPeak(t *testing.T, label string, res runResult) {
	t.Helper()
	t.Logf("%s: peak RSS %s (rusage bound %s), %.1fs", label, mib(res.peakRSS), mib(res.rusageMaxRSS), res.elapsed.Seconds())
	if res.peakRSS > maxPeakRSS {
		t.Errorf("%s: peak RSS %s is over %s", label, mib(res.peakRSS), mib(maxPeakRSS))
	}
}

// expectStderr checks that standard error has exactly one line naming each
// file in reasons and holding its reason, and no other line but the count
// of failed inputs.
func expectStderr(t *testing.T, res runResult, reasons map[string]string) {
	t.Helper()
	badinput.ExpectStderr(t, res.stderr, reasons)
}

// lineCount counts an output file's lines without holding them.
func lineCount(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}
