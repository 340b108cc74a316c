"""Compares an XLSX workbook, converted to CSV by LibreOffice, with the CSV
output of the same run.

    compare_xlsx_csv.py ROWS.csv SHEETS_PREFIX

SHEETS_PREFIX-metrics.csv, -programs.csv (and -metrics_2.csv … when a
sheet overflowed), -documents.csv and -summary.csv are LibreOffice's
exports of the workbook's sheets, one file a sheet, values unformatted.
The metrics and programs sheets must hold the CSV's rows, quantities and
programs apart, in order, cell for cell (numbers compared as numbers, to
the 15 significant digits a spreadsheet keeps; booleans ignoring case); the summary sheet must count the CSV's rows per
document and kind, and the documents sheet must list every document with
its row count. Exits 1 on any mismatch. Standard library only.
"""

import csv
import glob
import os
import re
import sys
from collections import Counter

COLUMNS = ["doc", "line", "start", "end", "kind", "metric", "canonical",
           "value", "unit", "qualifier", "masked", "raw", "sentence", "page"]
INTEGER = {"line", "start", "end"}
KINDS = ["count", "percent", "money", "measure", "program"]
MAX_REPORTED = 20


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def sheet_rows(prefix, base):
    """The header and data rows of base, base_2, base_3 … in order."""
    paths = [f"{prefix}-{base}.csv"]
    more = glob.glob(f"{glob.escape(prefix)}-{base}_*.csv")
    numbered = [(int(m.group(1)), p) for p in more
                if (m := re.search(rf"-{base}_(\d+)\.csv$", p))]
    paths += [p for _, p in sorted(numbered)]
    header, rows = None, []
    for p in paths:
        if not os.path.exists(p):
            raise SystemExit(f"compare: {p} missing: LibreOffice wrote no such sheet")
        table = read_csv(p)
        if header is None:
            header = table[0]
        elif table[0] != header:
            raise SystemExit(f"compare: {p} header {table[0]} differs from {header}")
        rows += table[1:]
    return header, rows


def same_cell(col, want, got):
    if col == "value":
        if want == "" or got == "":
            return want == got
        # A spreadsheet keeps 15 significant digits.
        return float(want) == float(got) or f"{float(want):.15g}" == f"{float(got):.15g}"
    if col in INTEGER:
        return int(want) == int(float(got))
    if col == "page":  # empty for documents without pages
        return want == got or want != "" and got != "" and int(want) == int(float(got))
    if col == "masked":
        return want.lower() == got.lower()
    return want == got


class Report:
    def __init__(self):
        self.problems = 0

    def mismatch(self, msg):
        self.problems += 1
        if self.problems <= MAX_REPORTED:
            print("MISMATCH", msg, file=sys.stderr)


def compare_rows(report, sheet, want_rows, header, got_rows):
    if header != COLUMNS:
        report.mismatch(f"{sheet}: header {header}")
    if len(got_rows) != len(want_rows):
        report.mismatch(f"{sheet}: {len(got_rows)} rows, csv has {len(want_rows)}")
    cells = 0
    for i, (want, got) in enumerate(zip(want_rows, got_rows), start=2):
        got = got + [""] * (len(COLUMNS) - len(got))  # trailing empty cells
        for col, w, g in zip(COLUMNS, want, got):
            cells += 1
            try:
                same = same_cell(col, w, g)
            except ValueError:
                same = False
            if not same:
                report.mismatch(f"{sheet} row {i} {col}: xlsx {g!r}, csv {w!r}")
    return cells


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    table = read_csv(argv[1])
    prefix = argv[2]
    if table[0] != COLUMNS:
        raise SystemExit(f"compare: {argv[1]} header {table[0]}, want {COLUMNS}")
    rows = table[1:]
    kind = COLUMNS.index("kind")
    quantities = [r for r in rows if r[kind] != "program"]
    programs = [r for r in rows if r[kind] == "program"]
    report = Report()

    cells = 0
    for sheet, want in (("metrics", quantities), ("programs", programs)):
        header, got = sheet_rows(prefix, sheet)
        cells += compare_rows(report, sheet, want, header, got)

    # summary: rows per document and kind, documents in order of appearance.
    docs = list(dict.fromkeys(r[0] for r in rows))
    counts = Counter((r[0], r[kind]) for r in rows)
    header, summary = sheet_rows(prefix, "summary")
    if header != ["doc"] + KINDS + ["total"]:
        report.mismatch(f"summary: header {header}")
    summary_docs = [s[0] for s in summary]
    # Documents without rows are listed too; those with rows come in order.
    if [d for d in summary_docs if d in docs] != docs:
        report.mismatch(f"summary: documents {summary_docs}, csv has {docs}")
    for s in summary:
        want = [counts[(s[0], k)] for k in KINDS]
        want.append(sum(want))
        got = [int(float(x or 0)) for x in s[1:]]
        if got != want:
            report.mismatch(f"summary {s[0]}: {got}, csv gives {want}")

    # documents: every document with rows, and its row count.
    header, documents = sheet_rows(prefix, "documents")
    at = {name: i for i, name in enumerate(header)}
    per_doc = Counter(r[0] for r in rows)
    listed = set()
    for d in documents:
        listed.add(d[at["doc"]])
        if int(float(d[at["rows"]] or 0)) != per_doc[d[at["doc"]]]:
            report.mismatch(f"documents {d[at['doc']]}: rows {d[at['rows']]}, csv has {per_doc[d[at['doc']]]}")
    for doc in docs:
        if doc not in listed:
            report.mismatch(f"documents: {doc} missing")

    print(f"libreoffice: {len(rows)} csv rows = {len(quantities)} on metrics + {len(programs)} on programs, "
          f"{cells} cells compared; summary {len(summary)} documents, totals {sum(per_doc.values())}; "
          f"documents sheet {len(documents)} rows")
    if report.problems:
        print(f"libreoffice: {report.problems} mismatches", file=sys.stderr)
        return 1
    print("libreoffice: the workbook matches the csv output")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
