"""Reads zhmetrics output with pandas as the README shows and checks dtypes.

    check_pandas.py ROWS.csv ROWS.jsonl [ROWS.parquet]

The CSV and JSON Lines files (and the Parquet file, when pandas has a
Parquet engine) must come from the same run. Checks that value is float64
with NaN where it is empty, masked is bool, line/start/end are int64, text
stays text (an empty canonical is "", not NaN), and that every reading gives
the same rows. Exits 1 on a mismatch.
"""

import sys

import pandas as pd

# The README's reading of each format; keep the two in step.
CSV_DTYPES = {
    "doc": "string",
    "line": "int64",
    "start": "int64",
    "end": "int64",
    "kind": "category",
    "metric": "string",
    "canonical": "string",
    "value": "float64",
    "unit": "string",
    "qualifier": "string",
    "masked": "bool",
    "raw": "string",
    "sentence": "string",
    "page": "Int64",
}


TEXT_COLUMNS = [c for c, t in CSV_DTYPES.items() if t == "string"]


def read_csv(path):
    # Only an empty value is missing; "NA" or "" in a text column is text.
    df = pd.read_csv(path, dtype=CSV_DTYPES, keep_default_na=False, na_values={"value": [""], "page": [""]})
    # A text cell that would start a formula (= + - @ tab CR) is written
    # with a leading ' (README, Outputs); JSON Lines is never escaped.
    for col in TEXT_COLUMNS:
        df[col] = df[col].str.replace(r"^'(?=[=+\-@\t\r])", "", regex=True)
    return df


def read_jsonl(path):
    df = pd.read_json(path, lines=True, dtype=False, convert_dates=False, precise_float=True)
    return df.astype({**CSV_DTYPES, "value": "float64"})


def read_parquet(path):
    df = pd.read_parquet(path)
    return df.astype(CSV_DTYPES)


def check(name, df, problems):
    want_kinds = {
        "line": "int64",
        "start": "int64",
        "end": "int64",
        "value": "float64",
        "masked": "bool",
        "doc": "string",
        "metric": "string",
        "canonical": "string",
        "raw": "string",
        "kind": "category",
        "page": "Int64",
    }
    for col, want in want_kinds.items():
        got = str(df[col].dtype)
        if got != want:
            problems.append(f"{name}: {col} is {got}, want {want}")
    if list(df.columns) != list(CSV_DTYPES):
        problems.append(f"{name}: columns {list(df.columns)}")
    text_nulls = int(df[["metric", "canonical", "unit", "qualifier", "raw"]].isna().sum().sum())
    if text_nulls:
        problems.append(f"{name}: {text_nulls} missing text cells, want empty strings")
    masked_with_value = int((df["masked"] & df["value"].notna()).sum())
    if masked_with_value:
        problems.append(f"{name}: {masked_with_value} masked rows have a value")


def same_rows(a_name, a, b_name, b, problems):
    """Compares two readings cell by cell; NaN equals NaN."""
    if len(a) != len(b):
        problems.append(f"{a_name} has {len(a)} rows, {b_name} {len(b)}")
        return False
    same = True
    for col in CSV_DTYPES:
        # Missing cells (NaN, pd.NA) become None, so that they compare alike.
        x = a[col].astype(object).where(a[col].notna(), None).reset_index(drop=True)
        y = b[col].astype(object).where(b[col].notna(), None).reset_index(drop=True)
        differs = ~((x == y) | (x.isna() & y.isna()))
        if differs.any():
            i = int(differs.idxmax())
            problems.append(
                f"{a_name} and {b_name} differ in {col} on {int(differs.sum())} rows, "
                f"first row {i + 1}: {x[i]!r} and {y[i]!r}"
            )
            same = False
    return same


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = []
    csv_df = read_csv(argv[1])
    check("csv", csv_df, problems)
    jsonl_df = read_jsonl(argv[2])
    check("jsonl", jsonl_df, problems)
    jsonl_note = "csv and jsonl same rows" if same_rows("csv", csv_df, "jsonl", jsonl_df, problems) else "csv and jsonl DIFFER"

    parquet_note = "no parquet file given"
    if len(argv) == 4:
        try:
            pq_df = read_parquet(argv[3])
        except ImportError as e:  # pandas without pyarrow or fastparquet
            parquet_note = f"parquet not read: {str(e).splitlines()[0]}"
        else:
            check("parquet", pq_df, problems)
            if same_rows("csv", csv_df, "parquet", pq_df, problems):
                parquet_note = "parquet read, same rows"
            else:
                parquet_note = "parquet DIFFERS"

    v = csv_df["value"]
    print(
        f"pandas {pd.__version__}: {len(csv_df)} rows; value {v.dtype} "
        f"({v.notna().sum()} numbers, {v.isna().sum()} NaN, sum {v.sum():.2f}); "
        f"masked {csv_df['masked'].dtype} ({int(csv_df['masked'].sum())} true); "
        f"line/start/end {csv_df['start'].dtype}; {jsonl_note}; {parquet_note}"
    )
    for p in problems:
        print("MISMATCH", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
