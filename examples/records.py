#!/usr/bin/env python3
"""Print a corpus as zhmetrics streaming records, one JSON object a line:

    {"doc": "reports/a.txt", "text": "…the whole document…"}

    records.py PATH... | zhmetrics extract --input-format jsonl --format jsonl

Directories are walked as `zhmetrics extract` walks them (entries in
lexical order, files matching --glob), so the rows come out in the same
order as from `zhmetrics extract PATH...`. Documents must be UTF-8; a byte
order mark is dropped. Standard library only.
"""

import argparse
import fnmatch
import json
import os
import posixpath
import sys

DEFAULT_GLOBS = "*.txt,*.md,*.text"


def walk(root, globs):
    """Yields the files under root that match globs, as Go's filepath.WalkDir
    visits them: each directory's entries sorted by name, subdirectories
    entered where they sort."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as e:
        raise SystemExit(f"records: {root}: {e.strerror}")
    for entry in entries:
        path = posixpath.normpath(posixpath.join(root, entry.name))
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path, globs)
        elif any(fnmatch.fnmatchcase(entry.name, g) for g in globs) and entry.is_file():
            yield path


def corpus_paths(args, globs=DEFAULT_GLOBS):
    """The documents named by args: files as given, directories walked."""
    patterns = [g for g in globs.split(",") if g]
    for arg in args:
        if os.path.isdir(arg):
            yield from walk(arg, patterns)
        else:
            yield arg


def read_record(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SystemExit(f"records: {path}: not UTF-8 ({e.reason} at byte {e.start}); convert it first, e.g. with iconv")
    return {"doc": path, "text": text}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--glob", default=DEFAULT_GLOBS, help=f"file patterns read from directories ({DEFAULT_GLOBS})")
    args = p.parse_args(argv)
    out = sys.stdout
    for path in corpus_paths(args.paths, args.glob):
        out.write(json.dumps(read_record(path), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.exit(1)
