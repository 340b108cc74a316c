#!/usr/bin/env python3
"""Write the prediction files under preds/ from the corpus gold.

  python3 make_preds.py GOLD.jsonl DOCS_DIR OUT_DIR

perfect.csv     every gold fact as zhmetrics would write it (BOM, CRLF line ends)
perturbed.csv   facts dropped, shifted and altered, spurious rows and odd fields
perturbed.tsv   the same rows as zhmetrics TSV (tab-separated, no quoting); score.py cannot
                read it, the Go reader must read it as perturbed.csv
perturbed.jsonl the same kind of changes as JSON Lines, with odd JSON types

The changes follow the position of each fact, so the files are reproducible.
"""
import csv
import json
import os
import sys

sys.dont_write_bytecode = True  # keep testdata free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import resolve  # noqa: E402

COLUMNS = ["doc", "line", "start", "end", "kind", "metric", "canonical",
           "value", "unit", "qualifier", "masked", "raw", "sentence"]
SWAP = {"count": "measure", "measure": "count", "percent": "count", "money": "count", "program": "count"}


def num(v):
    return "" if v is None else repr(v)


def base_row(f):
    return {"doc": "corpus/docs/" + f["doc"], "line": 0, "start": f["start"], "end": f["end"],
            "kind": f["kind"], "metric": f.get("metric") or "", "canonical": "",
            "value": f.get("value"), "unit": f.get("unit") or "", "qualifier": f.get("qualifier") or "",
            "masked": bool(f.get("masked")), "raw": f["text"], "sentence": ""}


def perturb(facts):
    """Rows with typed values; shared by the CSV, TSV and JSON Lines files."""
    rows = []
    for i, f in enumerate(facts):
        if "start" not in f or i % 10 == 3:
            continue
        r = base_row(f)
        if i % 6 == 0:  # a worse duplicate first: matching must prefer the better rank
            bad = dict(r, value=(r["value"] or 0) + 1)
            rows.append(bad)
        if i % 12 == 5:
            r["value"] = r["value"] * 10 if r["value"] is not None else 1.0
        if i % 9 == 2:
            r["unit"] += "个"
        if i % 14 == 6:
            r["qualifier"] = "" if r["qualifier"] == "approx" else "approx"
        if i % 8 == 1:
            r["metric"] = r["metric"][: len(r["metric"]) // 2]
        if i % 15 == 7:
            r["metric"] = ""
        if i % 16 == 9:
            r["metric"] += "率"
        if i % 13 == 4:
            r["masked"] = not r["masked"]
        if i % 17 == 8:
            r["kind"] = SWAP[r["kind"]]
        if i % 7 == 0:
            r["start"] += 1
        if i % 11 == 10:
            r["end"] += 3
        if i % 19 == 11:
            r["start"] -= 2
        if i % 23 == 12:
            r["kind"] = " " + r["kind"] + " "
        rows.append(r)
        if i % 5 == 0:  # a spurious row just after the fact
            rows.append(dict(r, start=f["end"] + 2, end=f["end"] + 4, kind="count", value=7, unit="个"))
        if i % 20 == 13:
            rows.append(dict(r, kind="program", value=None))
        if i % 21 == 14:
            rows.append(dict(r, kind="date"))
        if i % 25 == 0:
            rows.append(dict(r, doc="elsewhere/unknown.txt"))
            rows.append(dict(r, doc=".\\" + f["doc"]))
    last = facts[-1]
    d = "docs/" + last["doc"]
    for start, end, kind in [(-6, -1, "percent"), (-6, -1, "count"), (-3, 0, "money"),
                             (30, 20, "count"), (10**20, 10**20 + 5, "percent"), (0, 10**20, "measure")]:
        rows.append(dict(base_row(last), doc=d, start=start, end=end, kind=kind, value=None))
    return rows


def cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return "" if v is None else str(v)


# Odd CSV fields: (start, end, value, masked), each read by Python's int(), float() and str().lower().
CSV_ODDITIES = [
    (" {s} ", "+{e}", "1e3", "YES"), ("{s}.0", "{e}", "1", "1"), ("{s}", "{e}", " 1.5 ", " true"),
    ("１{s}", "{e}", "inf", "True"), ("{s}", "{e}_0", "nan", "no"), ("", "{e}", "1_000", "0"),
    ("abc", "{e}", "", "true"), ("{s}", "{e}", "abc", "yes"), ("{s}", "{e}", "-0", "false"),
    ("1__2", "{e}", "1.", "1"), ("-{s}", "{e}", ".5e1", "TRUE"), ("0_{s}", " {e}\t", "١٢", ""),
]


def odd_csv_rows(facts):
    rows = []
    for n, (s, e, v, m) in enumerate(CSV_ODDITIES):
        f = facts[(n * 37 + 11) % len(facts)]
        r = {k: cell(x) for k, x in base_row(f).items()}
        r.update(start=s.format(s=f["start"], e=f["end"]), end=e.format(s=f["start"], e=f["end"]),
                 value=v, masked=m)
        rows.append(r)
    return rows


def write_delimited(path, rows, extra_lines=()):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([cell(r[c]) for c in COLUMNS])
        for line in extra_lines:
            fh.write(line + "\n")


def write_tsv(path, rows, extra_lines=()):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(cell(r[c]).replace("\t", " ").replace("\n", " ") for c in COLUMNS) + "\n")
        for line in extra_lines:
            fh.write(line.replace(",", "\t") + "\n")


def write_jsonl(path, facts, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for n, r in enumerate(rows):
            r = dict(r)
            if n % 9 == 4:
                r["start"] = str(r["start"])
            if n % 11 == 6:
                r["end"] = r["end"] + 0.7
            if n % 13 == 2 and r["value"] is not None:
                r["value"] = str(r["value"])
            if n % 17 == 3:
                r["masked"] = 1 if r["masked"] else "no"
            if n % 19 == 5:
                r["metric"] = None
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            if n % 40 == 7:
                fh.write("  \n")
        f = facts[5]
        odd = [
            {"doc": f["doc"], "start": True, "end": f["end"], "kind": "count", "value": True},
            {"doc": f["doc"], "start": f["start"], "end": f["end"], "kind": None, "masked": 1.0},
            {"doc": f["doc"], "start": f["start"], "end": f["end"]},
            {"doc": 12, "start": f["start"], "end": f["end"], "kind": "count"},
            {"doc": f["doc"], "start": None, "end": f["end"], "kind": "count"},
            {"doc": f["doc"], "start": "1e2", "end": f["end"], "kind": "count"},
            {"doc": f["doc"], "start": f["start"], "end": f["end"] + 1, "kind": "percent", "unit": 0,
             "metric": 0, "qualifier": False, "value": 1.5e-7},
        ]
        for r in odd:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        fh.write('[1, 2]\n"x"\n3\nnull\n')


def main(gold_path, docs_dir, out_dir):
    facts, texts, errors = resolve(gold_path, docs_dir)
    if errors:
        sys.exit("gold does not resolve: %s" % errors[:3])
    with open(os.path.join(out_dir, "perfect.csv"), "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)  # CRLF line ends
        w.writerow(COLUMNS)
        for f in facts:
            w.writerow([cell(v) for v in base_row(f).values()])
    rows = perturb(facts)
    short = ["%s,0,%d" % (facts[40]["doc"], facts[40]["start"]),
             "%s,0,%d,%d" % (facts[41]["doc"], facts[41]["start"], facts[41]["end"])]
    write_delimited(os.path.join(out_dir, "perturbed.csv"), rows + odd_csv_rows(facts), short)
    write_tsv(os.path.join(out_dir, "perturbed.tsv"), rows + odd_csv_rows(facts), short)
    write_jsonl(os.path.join(out_dir, "perturbed.jsonl"), facts, rows)


if __name__ == "__main__":
    main(*sys.argv[1:])
