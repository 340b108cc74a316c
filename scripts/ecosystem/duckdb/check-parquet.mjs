// Reads a Parquet file written by `zhmetrics extract -o rows.parquet` with
// DuckDB and compares it with the JSON Lines output of the same run:
// column names and types, row count, the sum of value, and every row.
// Exits 1 on any mismatch, 2 on a usage error.
//
//   node check-parquet.mjs rows.parquet rows.jsonl
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

// The Parquet schema as DuckDB reads it, in column order.
const wantTypes = [
  ["doc", "VARCHAR"],
  ["line", "BIGINT"],
  ["start", "BIGINT"],
  ["end", "BIGINT"],
  ["kind", "VARCHAR"],
  ["metric", "VARCHAR"],
  ["canonical", "VARCHAR"],
  ["value", "DOUBLE"],
  ["unit", "VARCHAR"],
  ["qualifier", "VARCHAR"],
  ["masked", "BOOLEAN"],
  ["raw", "VARCHAR"],
  ["sentence", "VARCHAR"],
  ["page", "BIGINT"],
];

const [parquetPath, jsonlPath] = process.argv.slice(2);
if (!parquetPath || !jsonlPath) {
  console.error("usage: node check-parquet.mjs ROWS.parquet ROWS.jsonl");
  process.exit(2);
}

const problems = [];
const fail = (msg) => {
  if (problems.length < 20) console.error("MISMATCH", msg);
  problems.push(msg);
};

// Values are compared as the JSON Lines text gives them; a double written
// as a shortest decimal and read back is the same double.
const sameValue = (a, b) => a === b || (a !== null && b !== null && Number(a) === Number(b));

const want = readFileSync(jsonlPath, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line));

const instance = await DuckDBInstance.create(":memory:");
const conn = await instance.connect();
const quoted = "'" + parquetPath.replaceAll("'", "''") + "'";

const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoted})`)).getRowObjects();
const gotTypes = described.map((r) => [r.column_name, r.column_type]);
if (JSON.stringify(gotTypes) !== JSON.stringify(wantTypes)) {
  fail(`columns: got ${JSON.stringify(gotTypes)}, want ${JSON.stringify(wantTypes)}`);
}

const agg = (
  await conn.runAndReadAll(
    `SELECT count(*) AS n, count(value) AS n_value, sum(value) AS sum_value,
            count(*) FILTER (WHERE masked) AS n_masked
     FROM read_parquet(${quoted})`,
  )
).getRowObjects()[0];
const n = Number(agg.n);
const nValue = Number(agg.n_value);
const nMasked = Number(agg.n_masked);
const sumValue = agg.sum_value === null ? 0 : Number(agg.sum_value);

const wantValues = want.filter((r) => r.value !== null).map((r) => r.value);
const wantSum = wantValues.reduce((s, v) => s + v, 0);
const wantMasked = want.filter((r) => r.masked).length;
if (n !== want.length) fail(`row count: parquet ${n}, jsonl ${want.length}`);
if (nValue !== wantValues.length) fail(`rows with a value: parquet ${nValue}, jsonl ${wantValues.length}`);
if (nMasked !== wantMasked) fail(`masked rows: parquet ${nMasked}, jsonl ${wantMasked}`);
// The sums add the same doubles in different orders.
if (Math.abs(sumValue - wantSum) > 1e-12 * Math.max(1, Math.abs(wantSum))) {
  fail(`sum(value): parquet ${sumValue}, jsonl ${wantSum}`);
}

// Row for row, in file order.
const rows = (
  await conn.runAndReadAll(`SELECT * FROM read_parquet(${quoted}, file_row_number = true) ORDER BY file_row_number`)
).getRowObjects();
const columns = wantTypes.map(([name]) => name);
for (let i = 0; i < Math.min(rows.length, want.length); i++) {
  const got = rows[i];
  for (const col of columns) {
    let g = got[col];
    if (typeof g === "bigint") g = Number(g);
    const w = want[i][col];
    const same = col === "value" ? sameValue(g, w) : g === w;
    if (!same) fail(`row ${i + 1} ${col}: parquet ${JSON.stringify(g)}, jsonl ${JSON.stringify(w)}`);
  }
}

conn.closeSync?.();
console.log(
  `duckdb: ${n} rows (${nValue} with a value, ${nMasked} masked), sum(value) ${sumValue}, ` +
    `${gotTypes.length} columns: ${gotTypes.map(([c, t]) => `${c} ${t}`).join(", ")}`,
);
if (problems.length > 0) {
  console.error(`duckdb: ${problems.length} mismatches between ${parquetPath} and ${jsonlPath}`);
  process.exit(1);
}
console.log(`duckdb: ${parquetPath} matches ${jsonlPath} row for row`);
