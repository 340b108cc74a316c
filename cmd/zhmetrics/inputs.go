package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// input is one document to read: a file, or standard input.
type input struct {
	name  string // the path as given or found, or "-" for standard input
	stdin bool
	err   error // a problem found while listing inputs, reported in order
}

// defaultGlobs pick the files read from a directory.
var defaultGlobs = []string{"*.txt", "*.md", "*.text"}

// collectInputs expands the arguments into documents: files as given,
// directories walked recursively in lexical order with files filtered by
// globs, and "-" (or no argument) for standard input. Problems with a path
// become inputs carrying the error, so that they are reported in order and
// the batch goes on.
func collectInputs(args, globs []string) []input {
	if len(args) == 0 {
		return []input{{name: "-", stdin: true}}
	}
	var out []input
	for _, arg := range args {
		if arg == "-" {
			out = append(out, input{name: "-", stdin: true})
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			out = append(out, input{name: arg, err: describePathError(err)})
			continue
		}
		if !info.IsDir() {
			out = append(out, input{name: arg})
			continue
		}
		walkErr := filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, input{name: path, err: describePathError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !matchesAny(d.Name(), globs) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if _, err := os.Stat(path); err != nil {
					out = append(out, input{name: path, err: describePathError(err)})
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			out = append(out, input{name: path})
			return nil
		})
		if walkErr != nil {
			out = append(out, input{name: arg, err: walkErr})
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
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// readInput reads a whole document.
func readInput(in input, stdin io.Reader) ([]byte, error) {
	if in.err != nil {
		return nil, in.err
	}
	if in.stdin {
		return io.ReadAll(stdin)
	}
	f, err := os.Open(in.name)
	if err != nil {
		return nil, describePathError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, describePathError(err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("is a directory")
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, describePathError(err)
	}
	return data, nil
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
