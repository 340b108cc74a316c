package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// input is one document to read: a file, or standard input.
type input struct {
	name  string // the path as given or found, or "-" for standard input
	doc   string // name as shown in rows and messages; see docName
	stdin bool
	err   error // a problem found while listing inputs, reported in order
}

func newInput(path string, err error) input {
	return input{name: path, doc: docName(path), err: err}
}

var stdinInput = input{name: "-", doc: "-", stdin: true}

// docName is how a path is shown in the doc column and on stderr. A path
// that is not valid UTF-8 (GBK names unpacked from archives made on Chinese
// Windows) or holds control or invisible characters (a line break, a
// right-to-left override) is written Go-quoted, "odd/a\nb.txt", so that
// every output format shows the same valid text, a report stays on one
// line, and strconv.Unquote gives the path back. Other paths are shown as
// they are.
func docName(path string) string {
	if !utf8.ValidString(path) {
		return strconv.Quote(path)
	}
	for _, r := range path {
		if !unicode.IsGraphic(r) {
			return strconv.Quote(path)
		}
	}
	return path
}

// defaultGlobs pick the files read from a directory.
var defaultGlobs = []string{"*.txt", "*.md", "*.text", "*.html", "*.htm", "*.docx", "*.doc", "*.pdf", "*.mht", "*.mhtml"}

// collectInputs expands the arguments into documents: files as given,
// directories walked recursively in lexical order with files filtered by
// globs, and "-" (or no argument) for standard input. Problems with a path
// become inputs carrying the error, so that they are reported in order and
// the batch goes on.
//
// In a directory, symbolic links to files are read like files, broken
// links and link loops are reported, and anything else that is not a
// regular file (links to directories, FIFOs, sockets, devices) is passed
// over, as directories are not followed through links.
func collectInputs(args, globs []string) []input {
	if len(args) == 0 {
		return []input{stdinInput}
	}
	var out []input
	for _, arg := range args {
		if arg == "-" {
			out = append(out, stdinInput)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			out = append(out, newInput(arg, describeStatError(arg, err)))
			continue
		}
		if !info.IsDir() {
			out = append(out, newInput(arg, nil))
			continue
		}
		found := len(out)
		walkErr := filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, newInput(path, describePathError(err)))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !matchesAny(d.Name(), globs) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				target, err := os.Stat(path)
				if err != nil {
					out = append(out, newInput(path, describeStatError(path, err)))
					return nil
				}
				if !target.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			out = append(out, newInput(path, nil))
			return nil
		})
		if walkErr != nil {
			out = append(out, newInput(arg, walkErr))
		}
		if len(out) == found {
			// A mis-named corpus must not pass for an empty one.
			out = append(out, newInput(arg, fmt.Errorf("no files to read (looked for %s)", strings.Join(globs, ", "))))
		}
	}
	return out
}

func matchesAny(name string, globs []string) bool {
	for _, g := range globs {
		if ok, _ := filepath.Match(g, name); ok {
			return true
		}
	}
	return false
}

// describePathError drops the path from an fs error, since reports name
// the file themselves.
func describePathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// describeStatError explains why path could not be followed: a symbolic
// link to nothing and a link loop are named as such.
func describeStatError(path string, err error) error {
	if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		reason := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err
		}
		target, _ := os.Readlink(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("broken symbolic link to %s: %w", docName(target), reason)
		case errors.Is(err, syscall.ELOOP):
			return fmt.Errorf("symbolic link loop: %w", reason)
		}
	}
	return describePathError(err)
}

// openInput opens a document for reading and returns its size when known
// (-1 for standard input and for files that are not regular, such as pipes).
// The caller closes the reader.
func openInput(in input, stdin io.Reader) (io.ReadCloser, int64, error) {
	if in.err != nil {
		return nil, 0, in.err
	}
	if in.stdin {
		return io.NopCloser(stdin), -1, nil
	}
	f, err := os.Open(in.name)
	if err != nil {
		err = describePathError(err)
		if errors.Is(err, fs.ErrNotExist) {
			// Listed a moment ago: the file was removed or renamed since.
			return nil, 0, fmt.Errorf("%w (removed after it was listed)", err)
		}
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, describePathError(err)
	}
	switch {
	case info.IsDir():
		f.Close()
		return nil, 0, errors.New("is a directory")
	case info.Mode().IsRegular():
		return f, info.Size(), nil
	}
	return f, -1, nil
}

// readInput reads a whole document.
func readInput(in input, stdin io.Reader) ([]byte, error) {
	r, size, err := openInput(in, stdin)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readOpened(r, size)
}

// readOpened reads what openInput opened; size is the file's size, or -1.
func readOpened(r io.Reader, size int64) ([]byte, error) {
	// For a file, one allocation of its size (plus room to see the end, in
	// case it grew) rather than a buffer doubled again and again.
	data := make([]byte, 0, max(size, 0)+512)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, describePathError(err)
		}
	}
}

// splitList splits comma-separated flag values.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
