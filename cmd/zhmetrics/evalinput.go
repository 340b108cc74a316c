package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/zhmetrics/zhmetrics/output"
)

// rowsFormatError refuses a file that is not CSV, TSV or JSON Lines by
// its extension (a workbook, a Parquet file), naming the command.
func rowsFormatError(path, command string) error {
	if format, err := output.FormatFromPath(path); err == nil && format != "csv" && format != "tsv" && format != "jsonl" {
		return fmt.Errorf("%s: %s reads CSV, TSV or JSON Lines, not %s", path, command, format)
	}
	return nil
}

// predictionColumns are the columns without which no row can be scored.
var predictionColumns = []string{"doc", "start", "end"}

// englishHeader checks the columns of prediction rows and gives a CSV or
// TSV header written with --header zh its English names, which the scorer
// reads. A column extract never writes, or a missing one, is an error: a
// file of something else would otherwise score 0 without a word.
func englishHeader(data []byte) ([]byte, error) {
	body := bytes.TrimPrefix(data, []byte("\uFEFF"))
	if first := bytes.TrimLeft(body, " \t\r\n"); len(first) > 0 && first[0] == '{' {
		return data, checkJSONLinesKeys(first)
	}
	line, rest, _ := bytes.Cut(body, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	sep := ","
	if bytes.Contains(line, []byte("\t")) && !bytes.Contains(line, []byte(",")) {
		sep = "\t"
	}
	var names []string
	if sep == "\t" {
		names = strings.Split(string(line), "\t")
	} else {
		r := csv.NewReader(bytes.NewReader(line))
		r.LazyQuotes = true
		var err error
		if names, err = r.Read(); err != nil {
			return nil, errors.New("no header row")
		}
	}
	english := make([]string, len(names))
	for i, name := range names {
		col, ok := output.ColumnName(name)
		if !ok {
			return nil, fmt.Errorf("unknown column %q (want the columns extract writes)", name)
		}
		english[i] = col
	}
	if err := checkPredictionColumns(english); err != nil {
		return nil, err
	}
	return append([]byte(strings.Join(english, sep)+"\n"), rest...), nil
}

// checkJSONLinesKeys checks the keys of the first record.
func checkJSONLinesKeys(data []byte) error {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	var rec map[string]json.RawMessage
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil // the scorer names the bad line
	}
	keys := make([]string, 0, len(rec))
	for k := range rec {
		if col, ok := output.ColumnName(k); !ok || col != k {
			return fmt.Errorf("unknown key %q (want the keys extract writes)", k)
		}
		keys = append(keys, k)
	}
	return checkPredictionColumns(keys)
}

func checkPredictionColumns(have []string) error {
	var missing []string
	for _, want := range predictionColumns {
		found := false
		for _, h := range have {
			found = found || h == want
		}
		if !found {
			missing = append(missing, want)
		}
	}
	if missing != nil {
		return fmt.Errorf("no column %s: not rows written by extract", strings.Join(missing, ", "))
	}
	return nil
}
