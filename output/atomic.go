package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// ErrAborted is returned by Commit and Write after Abort.
var ErrAborted = errors.New("output file aborted")

// AtomicFile is an output file that appears under its final name only when
// complete. It is written to a hidden temporary file in the same directory
// (".NAME.tmpNNNN"), which Commit renames into place and Abort removes, so
// readers of the final path see either the old file or the whole new one.
//
// A path naming a device or a named pipe (/dev/stdout, a shell's process
// substitution) cannot be replaced; it is written directly, and Commit and
// Abort only close it.
//
// Write is meant for one goroutine; Abort may be called from any goroutine,
// any number of times, for example from a signal handler, and Commit and
// Abort are serialised so exactly one of them takes effect.
type AtomicFile struct {
	path   string // final path
	tmp    string // temporary path; "" when writing directly
	direct bool   // a device or pipe, written in place

	mu   sync.Mutex
	file *os.File
	done error // nil while open; ErrAborted or errCommitted afterwards

	written int64 // bytes written so far
	flushed int64 // bytes handed to startWriteback
}

// writebackEvery is how many written bytes make the kernel start writing
// them out, so that a large output is on its way to disk by Commit.
const writebackEvery = 4 << 20

var errCommitted = errors.New("output file already committed")

// CreateAtomic starts writing path. The file gets the mode of the file it
// replaces, or 0644 for a new file. When path is a symbolic link, the file
// it points to is replaced and the link kept.
//
// A link that the kernel's protected-symlinks rule would not follow (see
// UnsafeLinkError) is refused.
func CreateAtomic(path string) (*AtomicFile, error) {
	if err := checkLinks(path); err != nil {
		return nil, err
	}
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(target); err == nil {
		switch {
		case info.Mode()&streamModes != 0:
			f, err := os.OpenFile(target, os.O_WRONLY, 0)
			if err != nil {
				return nil, err
			}
			return &AtomicFile{path: target, file: f, direct: true}, nil
		case !info.Mode().IsRegular():
			return nil, &fs.PathError{Op: "create", Path: path, Err: errors.New("not a regular file")}
		}
		mode = info.Mode().Perm()
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	// Registered while the temporary file is made, so that AbortAll,
	// from a signal handler, never misses one.
	unfinished.Lock()
	defer unfinished.Unlock()
	if unfinished.closed {
		return nil, ErrAborted
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	a := &AtomicFile{path: target, tmp: f.Name(), file: f}
	unfinished.files[a] = struct{}{}
	return a, nil
}

// unfinished holds the files neither committed nor aborted, for AbortAll.
var unfinished = struct {
	sync.Mutex
	files  map[*AtomicFile]struct{}
	closed bool // set by AbortAll: no file can be started any more
}{files: map[*AtomicFile]struct{}{}}

func forget(a *AtomicFile) {
	unfinished.Lock()
	delete(unfinished.files, a)
	unfinished.Unlock()
}

// AbortAll aborts every file neither committed nor aborted, and makes
// CreateAtomic fail from then on. A process calls it on its way out (a
// signal, a fatal error) so that no temporary file is left behind; a
// Commit already under way finishes first.
func AbortAll() {
	unfinished.Lock()
	unfinished.closed = true
	files := make([]*AtomicFile, 0, len(unfinished.files))
	for a := range unfinished.files {
		files = append(files, a)
	}
	unfinished.Unlock()
	for _, a := range files {
		a.Abort()
	}
}

// streamModes are the kinds of file written in place: devices and named
// pipes cannot be replaced by a rename.
const streamModes = fs.ModeDevice | fs.ModeCharDevice | fs.ModeNamedPipe

// IsStream reports whether path names an existing device or named pipe,
// which CreateAtomic writes in place.
func IsStream(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode()&streamModes != 0
}

// Name returns the final path.
func (a *AtomicFile) Name() string { return a.path }

// TempName returns the temporary path written until Commit, or "" for a
// device or pipe written directly.
func (a *AtomicFile) TempName() string { return a.tmp }

// Write writes to the temporary file.
func (a *AtomicFile) Write(p []byte) (int, error) {
	a.mu.Lock()
	f, done := a.file, a.done
	a.mu.Unlock()
	if done != nil {
		return 0, done
	}
	// Not under the lock, so that Abort is never kept waiting by a slow
	// disk; a write racing Abort fails on the closed file.
	n, err := f.Write(p)
	a.written += int64(n)
	if !a.direct && a.written-a.flushed >= writebackEvery {
		startWriteback(f, a.flushed, a.written-a.flushed)
		a.flushed = a.written
	}
	return n, err
}

// Commit flushes the temporary file to disk, closes it and renames it over
// the final path. On failure the temporary file is removed.
func (a *AtomicFile) Commit() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done != nil {
		return a.done
	}
	a.done = errCommitted
	defer forget(a)
	if a.direct {
		return a.file.Close()
	}
	err := a.file.Sync()
	if cerr := a.file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.tmp, a.path)
	}
	if err != nil {
		os.Remove(a.tmp)
		return err
	}
	syncDir(filepath.Dir(a.path))
	return nil
}

// Abort closes and removes the temporary file, leaving any file already at
// the final path untouched. It is safe to call from any goroutine, more than
// once, and after Commit (when it does nothing).
func (a *AtomicFile) Abort() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done != nil {
		return nil
	}
	a.done = ErrAborted
	defer forget(a)
	a.file.Close()
	if a.direct {
		return nil // what was written is gone already
	}
	if err := os.Remove(a.tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// syncDir makes a rename durable where the system allows it; failure only
// weakens durability, not correctness, so it is ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
