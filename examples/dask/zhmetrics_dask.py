#!/usr/bin/env python3
"""Run zhmetrics over a corpus on a Dask distributed cluster.

The corpus is split into records {"doc": PATH, "text": TEXT}, one per
document, in the order `zhmetrics extract` reads it (directories walked in
lexical order). Batches of records go to the workers, and each worker pipes
its batch through

    zhmetrics extract --input-format jsonl --format jsonl

which writes every record's rows in input order. The batches' rows, joined
in batch order, are the rows for the whole corpus. Unless --no-compare is
given, they are checked row for row against a single-process run,
`zhmetrics extract CORPUS --format jsonl`, and the script exits 1 when they
differ.

    zhmetrics_dask.py testdata/corpus/docs                  # LocalCluster, 2 workers
    zhmetrics_dask.py --scheduler tcp://sched:8786 --ship reports/ -o rows.jsonl

With --scheduler the workers need zhmetrics on their PATH (or at
--zhmetrics), or --ship, which sends this machine's binary to each worker
once (same OS and architecture; zhmetrics is a single static file).
Documents are read here and must be UTF-8 (a byte order mark is dropped);
convert others first, e.g. with iconv.
"""

import argparse
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time

# Records are made as examples/records.py makes them (imported without
# leaving a __pycache__ in the checkout).
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from records import DEFAULT_GLOBS, corpus_paths, read_record  # noqa: E402


def batches_of(records, size):
    batch = []
    for r in records:
        batch.append(r)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------------------
# What runs on a worker. Only the standard library: a worker needs nothing
# installed but Python, dask and zhmetrics (or --ship).


def worker_binary(exe, shipped, digest):
    """The zhmetrics to run on this worker: exe, or the shipped bytes written
    once to a file named after their hash."""
    if shipped is None:
        return exe
    path = os.path.join(tempfile.gettempdir(), f"zhmetrics-{digest[:16]}")
    if not os.path.exists(path):
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".zhmetrics-")
        with os.fdopen(fd, "wb") as f:
            f.write(shipped)
        os.chmod(tmp, 0o755)
        os.replace(tmp, path)
    return path


def extract_batch(index, records, exe, flags, shipped=None, digest=""):
    """Pipes records through the streaming mode and returns its output: the
    rows as JSON Lines text, exactly as zhmetrics wrote them."""
    import socket

    start = time.monotonic()
    payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    cmd = [worker_binary(exe, shipped, digest), "extract", "--input-format", "jsonl", "--format", "jsonl", "--quiet"]
    proc = subprocess.run(cmd + list(flags), input=payload, capture_output=True)
    return {
        "index": index,
        "jsonl": proc.stdout.decode("utf-8"),
        "code": proc.returncode,
        "stderr": proc.stderr.decode("utf-8", "replace"),
        "docs": len(records),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "seconds": time.monotonic() - start,
    }


# ---------------------------------------------------------------------------
# The driver.


def check_streaming_mode(exe):
    """Fails clearly when this zhmetrics has no streaming mode, by sending it
    one record."""
    probe = json.dumps({"doc": "probe.txt", "text": "学生1200人。"}, ensure_ascii=False) + "\n"
    cmd = [exe, "extract", "--input-format", "jsonl", "--format", "jsonl", "--quiet"]
    try:
        proc = subprocess.run(cmd, input=probe.encode("utf-8"), capture_output=True)
    except OSError as e:
        raise SystemExit(f"zhmetrics_dask: cannot run {exe}: {e.strerror}")
    docs = {json.loads(line).get("doc") for line in proc.stdout.decode("utf-8", "replace").splitlines() if line}
    if proc.returncode != 0 or docs - {"probe.txt"}:
        reason = proc.stderr.decode("utf-8", "replace").strip() or f"exit {proc.returncode}, rows for {sorted(docs)}"
        raise SystemExit(
            f"zhmetrics_dask: {exe} has no streaming mode (extract --input-format jsonl): {reason}"
        )


def run_on_cluster(client, batches, exe, flags, ship):
    """Submits the batches, keeping a few per worker thread in flight, and
    yields their results in batch order."""
    shipped, digest = None, ""
    if ship:
        with open(exe, "rb") as f:
            data = f.read()
        digest = hashlib.sha256(data).hexdigest()
        [shipped] = client.scatter([data], broadcast=True)
    threads = max(1, sum(client.nthreads().values()))
    window = 2 * threads
    pending, ready, next_out = {}, {}, 0
    from distributed import as_completed

    done = as_completed()
    batches = iter(enumerate(batches))
    exhausted = False

    def submit_more():
        nonlocal exhausted
        # Results waiting for an earlier batch count too, so that one slow
        # batch cannot make the others pile up here.
        while not exhausted and len(pending) + len(ready) < window:
            try:
                i, b = next(batches)
            except StopIteration:
                exhausted = True
                return
            fut = client.submit(extract_batch, i, b, exe, flags, shipped, digest, pure=False)
            pending[fut] = i
            done.add(fut)

    # The earliest batch not yet yielded is always pending or ready, so
    # this ends only when every batch has been yielded.
    submit_more()
    while pending:
        fut = next(done)
        ready[pending.pop(fut)] = fut.result()
        while next_out in ready:
            yield ready.pop(next_out)
            next_out += 1
        submit_more()


def single_process(exe, paths, flags):
    start = time.monotonic()
    proc = subprocess.run(
        [exe, "extract", "--format", "jsonl", "--quiet", *flags, *paths], capture_output=True
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"zhmetrics_dask: single-process run failed: {proc.stderr.decode()}")
    rows = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line]
    return rows, time.monotonic() - start


def compare(got, want):
    """Returns a list of differences between two row lists, in order."""
    problems = []
    if len(got) != len(want):
        problems.append(f"cluster gave {len(got)} rows, single process {len(want)}")
    for i, (g, w) in enumerate(zip(got, want), start=1):
        if g != w:
            keys = [k for k in w if g.get(k) != w.get(k)] or sorted(set(g) ^ set(w))
            problems.append(
                f"row {i} ({w.get('doc')} {w.get('start')}-{w.get('end')}) differs in {', '.join(keys)}: "
                f"cluster {json.dumps({k: g.get(k) for k in keys}, ensure_ascii=False)}, "
                f"single process {json.dumps({k: w.get(k) for k in keys}, ensure_ascii=False)}"
            )
    return problems


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories, as for zhmetrics extract")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    p.add_argument("--zhmetrics", default=shutil.which("zhmetrics") or "zhmetrics", help="the zhmetrics binary")
    p.add_argument("--ship", action="store_true", help="send this zhmetrics binary to the workers")
    p.add_argument("--batch", type=int, default=0, help="documents per task (default: about 4 tasks per worker thread)")
    p.add_argument("--jobs", type=int, default=1, help="zhmetrics --jobs in each task (default 1: one task per core)")
    p.add_argument("--glob", default=DEFAULT_GLOBS, help=f"file patterns read from directories ({DEFAULT_GLOBS})")
    p.add_argument("--kinds", help="passed to zhmetrics extract --kinds")
    p.add_argument("-o", "--output", help="write the rows as JSON Lines to this file")
    p.add_argument("--no-compare", action="store_true", help="skip the single-process comparison")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    exe = args.zhmetrics
    if os.sep in exe or os.path.exists(exe):
        exe = os.path.abspath(exe)
    check_streaming_mode(exe)
    # Flags both runs share; each task also gets --jobs.
    flags = ["--kinds", args.kinds] if args.kinds else []

    paths = list(corpus_paths(args.paths, args.glob))
    if not paths:
        raise SystemExit("zhmetrics_dask: no documents found")

    from distributed import Client, LocalCluster

    if args.scheduler:
        cluster, client = None, Client(args.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True,
            host="127.0.0.1", dashboard_address=":0", silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        workers = client.scheduler_info()["workers"]
        threads = max(1, sum(client.nthreads().values()))
        batch = args.batch or max(1, -(-len(paths) // (4 * threads)))
        print(
            f"dask: {len(workers)} workers, {threads} threads at {client.scheduler.address}; "
            f"{len(paths)} documents in batches of {batch}",
            file=sys.stderr,
        )

        start = time.monotonic()
        records = (read_record(p) for p in paths)
        rows, count, failed, tasks, hosts = [], 0, 0, 0, set()
        out = open(args.output, "w", encoding="utf-8") if args.output else None
        try:
            task_flags = flags + ["--jobs", str(args.jobs)]
            for res in run_on_cluster(client, batches_of(records, batch), exe, task_flags, args.ship):
                tasks += 1
                hosts.add((res["host"], res["pid"]))
                if res["stderr"]:
                    sys.stderr.write(res["stderr"])
                if res["code"] not in (0, 1):
                    raise SystemExit(f"zhmetrics_dask: batch {res['index']} failed with exit {res['code']}")
                failed += res["code"] == 1
                lines = res["jsonl"].splitlines()
                count += len(lines)
                if out:
                    out.write(res["jsonl"])
                if not args.no_compare:
                    rows.extend(json.loads(line) for line in lines)
        finally:
            if out:
                out.close()
        cluster_seconds = time.monotonic() - start
        print(
            f"dask: {tasks} tasks on {len(hosts)} worker processes, {count} rows "
            f"in {cluster_seconds:.2f}s",
            file=sys.stderr,
        )
    finally:
        # A loaded machine can take longer to stop worker processes than
        # the nanny waits; that says nothing about the rows, so keep quiet.
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        client.close()
        if cluster is not None:
            cluster.close()

    status = 1 if failed else 0
    if not args.no_compare:
        want, single_seconds = single_process(exe, args.paths, flags + ["--glob", args.glob])
        problems = compare(rows, want)
        for p in problems[:20]:
            print("MISMATCH", p, file=sys.stderr)
        verdict = "equal row for row" if not problems else f"{len(problems)} differences"
        print(
            f"dask: {len(rows)} rows from the cluster, {len(want)} from one process "
            f"({single_seconds:.2f}s): {verdict}"
        )
        if problems:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
