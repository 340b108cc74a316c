package score

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Summary is score.py's --json object. Scores are rounded to 4 places as
// Python's round() does.
type Summary struct {
	Quantities      QuantityScores
	MetricNameRight float64 // share of found quantities whose metric name has F1 >= 0.6
	MetricNameExact float64 // share whose metric name is exactly the gold one
	ByKind          []KindScores
}

// QuantityScores are the scores of all quantity kinds together; rows of
// OtherKind count as predicted quantities.
type QuantityScores struct {
	Gold, Pred, Correct   int
	Precision, Recall, F1 float64
	FullF1                float64 // F1 counting only fully correct quantities
}

// KindScores are the scores of one kind.
type KindScores struct {
	Kind                  string
	Gold, Pred, Correct   int
	Full                  int
	Precision, Recall, F1 float64
}

// Summary computes the --json figures.
func (res Result) Summary() Summary {
	var s Summary
	for _, k := range res.ByKind {
		p, r, f := prf(k.Correct, k.Pred, k.Gold)
		s.ByKind = append(s.ByKind, KindScores{
			Kind: k.Kind, Gold: k.Gold, Pred: k.Pred, Correct: k.Correct, Full: k.Full,
			Precision: pyRound(p, 4), Recall: pyRound(r, 4), F1: pyRound(f, 4),
		})
	}
	q := res.quantityCounts()
	p, r, f := prf(q.Correct, q.Pred, q.Gold)
	_, _, ff := prf(q.Full, q.Pred, q.Gold)
	s.Quantities = QuantityScores{
		Gold: q.Gold, Pred: q.Pred, Correct: q.Correct,
		Precision: pyRound(p, 4), Recall: pyRound(r, 4), F1: pyRound(f, 4), FullF1: pyRound(ff, 4),
	}
	if len(res.Names) > 0 {
		right, exact := 0, 0
		for _, n := range res.Names {
			if n.F1 >= 0.6 {
				right++
			}
			if !n.goldNone && n.Pred == n.Gold {
				exact++
			}
		}
		s.MetricNameRight = pyRound(float64(right)/float64(len(res.Names)), 4)
		s.MetricNameExact = pyRound(float64(exact)/float64(len(res.Names)), 4)
	}
	return s
}

// quantityCounts adds up the quantity kinds, with rows of other kinds as
// predicted quantities.
func (res Result) quantityCounts() Counts {
	var q Counts
	for _, k := range res.ByKind {
		switch {
		case k.Kind == OtherKind:
			q.Pred += k.Pred
		case k.Kind != "program":
			q.Gold += k.Gold
			q.Pred += k.Pred
			q.Correct += k.Correct
			q.Full += k.Full
		}
	}
	return q
}

// WriteJSON writes the summary exactly as score.py --json prints it
// (json.dumps with indent=1, then a line end).
func WriteJSON(w io.Writer, res Result) error {
	s := res.Summary()
	bw := bufio.NewWriter(w)
	q := s.Quantities
	fmt.Fprintf(bw, "{\n \"quantities\": {\n")
	writeFields(bw, "  ", []field{
		{"gold", strconv.Itoa(q.Gold)}, {"pred", strconv.Itoa(q.Pred)}, {"correct", strconv.Itoa(q.Correct)},
		{"precision", pyFloatRepr(q.Precision)}, {"recall", pyFloatRepr(q.Recall)},
		{"f1", pyFloatRepr(q.F1)}, {"full_f1", pyFloatRepr(q.FullF1)},
	})
	fmt.Fprintf(bw, " },\n \"metric_name_right\": %s,\n \"metric_name_exact\": %s,\n \"by_kind\": {\n",
		pyFloatRepr(s.MetricNameRight), pyFloatRepr(s.MetricNameExact))
	for i, k := range s.ByKind {
		fmt.Fprintf(bw, "  %s: {\n", pyJSONString(k.Kind))
		writeFields(bw, "   ", []field{
			{"gold", strconv.Itoa(k.Gold)}, {"pred", strconv.Itoa(k.Pred)}, {"correct", strconv.Itoa(k.Correct)},
			{"full", strconv.Itoa(k.Full)}, {"precision", pyFloatRepr(k.Precision)},
			{"recall", pyFloatRepr(k.Recall)}, {"f1", pyFloatRepr(k.F1)},
		})
		if i < len(s.ByKind)-1 {
			bw.WriteString("  },\n")
		} else {
			bw.WriteString("  }\n")
		}
	}
	bw.WriteString(" }\n}\n")
	return bw.Flush()
}

type field struct{ key, value string }

func writeFields(w *bufio.Writer, indent string, fields []field) {
	for i, f := range fields {
		sep := ","
		if i == len(fields)-1 {
			sep = ""
		}
		fmt.Fprintf(w, "%s%s: %s%s\n", indent, pyJSONString(f.key), f.value, sep)
	}
}

// WriteTable writes score.py's text report: the table and the two summary
// lines to w, and the misses (see WriteMisses) to missesTo between them, as
// score.py --misses N prints them to stderr.
func WriteTable(w io.Writer, res Result, misses int, missesTo io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%-9s %5s %5s %5s %5s %6s %6s %6s\n", "kind", "gold", "pred", "ok", "full", "P", "R", "F1")
	s := res.Summary()
	for _, k := range s.ByKind {
		fmt.Fprintf(bw, "%-9s %5d %5d %5d %5d %6.3f %6.3f %6.3f\n",
			k.Kind, k.Gold, k.Pred, k.Correct, k.Full, k.Precision, k.Recall, k.F1)
	}
	// score.py writes the table before the misses; keep that order when
	// both go to one terminal.
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := WriteMisses(missesTo, res, misses); err != nil {
		return err
	}

	q := res.quantityCounts()
	p, r, f := prf(q.Correct, q.Pred, q.Gold)
	_, _, ff := prf(q.Full, q.Pred, q.Gold)
	fmt.Fprintf(bw, "metric names right %.3f exact %.3f\n", s.MetricNameRight, s.MetricNameExact)
	fmt.Fprintf(bw, "quantities P %.3f R %.3f F1 %.3f full-F1 %.3f\n", p, r, f, ff)
	return bw.Flush()
}

// WriteMisses writes up to n lines each of MISS (gold facts no row
// overlapped), WRONG (wrong kind or value) and NAME (metric names of found
// quantities, the worst first), worded as score.py --misses n prints them.
// A negative n leaves that many off the end, as a Python slice does; 0
// writes nothing.
func WriteMisses(w io.Writer, res Result, n int) error {
	if n == 0 {
		return nil
	}
	ew := bufio.NewWriter(w)
	for _, g := range res.Misses[:pySliceEnd(n, len(res.Misses))] {
		fmt.Fprintln(ew, "MISS", g.Doc, g.Start, g.Text, g.Kind, g.valueRepr)
	}
	for _, m := range res.Wrong[:pySliceEnd(n, len(res.Wrong))] {
		fmt.Fprintln(ew, "WRONG", m.Gold.Doc, m.Gold.Text, m.Gold.Kind, m.Gold.valueRepr,
			"got", m.Pred.Kind, valueRepr(m.Pred.Value))
	}
	names := append([]NameScore(nil), res.Names...)
	sort.SliceStable(names, func(i, j int) bool {
		a, b := names[i], names[j]
		if a.F1 != b.F1 {
			return a.F1 < b.F1
		}
		if a.Pred != b.Pred {
			return a.Pred < b.Pred
		}
		if a.Gold != b.Gold {
			return a.Gold < b.Gold
		}
		return a.Doc < b.Doc
	})
	for _, ns := range names[:pySliceEnd(n, len(names))] {
		gold := ns.Gold
		if ns.goldNone {
			gold = "None"
		}
		fmt.Fprintln(ew, "NAME", pyFloatRepr(pyRound(ns.F1, 2)), ns.Doc, "got", ns.Pred, "gold", gold)
	}
	return ew.Flush()
}

// pySliceEnd is the end index of Python's x[:n] for a list of length l.
func pySliceEnd(n, l int) int {
	if n < 0 {
		n += l
	}
	return max(0, min(l, n))
}

func valueRepr(v *float64) string {
	if v == nil {
		return "None"
	}
	return pyFloatRepr(*v)
}

// pyRound is Python's round(x, digits): the decimal nearest to the exact
// binary value, ties to even, read back as a float.
func pyRound(x float64, digits int) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', digits, 64), 64)
	return r
}

// pyFloatRepr is Python's repr of a float: the shortest string that reads
// back the same, in positional notation with at least one decimal when the
// exponent is from -4 to 15, else in scientific notation.
func pyFloatRepr(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	sci := strconv.FormatFloat(x, 'e', -1, 64)
	exp, _ := strconv.Atoi(sci[strings.IndexByte(sci, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return sci
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// pyJSONString quotes s as Python's json.dumps(ensure_ascii=False) does.
func pyJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pyStrRepr is Python's repr of a str: single quotes unless the text holds
// a single quote and no double quote, backslash escapes for the quote,
// backslash and non-printable characters.
func pyStrRepr(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == quote || r == '\\':
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteRune(quote)
	return b.String()
}

// DocGroup returns the group a document belongs to in the per-group name
// report: the letters its file name starts with (fi01_scspc.txt → fi,
// gwr1957.txt → gwr, lower-cased). A name that starts with a digit is one of a
// numbered series: its leading digits with the last written x (000_a.txt to
// 009_b.txt → 00x). A name with neither is its own group up to the first _.
func DocGroup(doc string) string {
	rs := []rune(doc)
	n := 0
	for n < len(rs) && unicode.IsLetter(rs[n]) && rs[n] < 0x80 {
		n++
	}
	if n > 0 {
		return strings.ToLower(string(rs[:n]))
	}
	for n < len(rs) && '0' <= rs[n] && rs[n] <= '9' {
		n++
	}
	if n > 0 {
		return string(rs[:n-1]) + "x"
	}
	if i := strings.IndexAny(doc, "_."); i > 0 {
		return doc[:i]
	}
	return doc
}

// GroupNames tallies the metric names of one document group.
type GroupNames struct {
	Group               string
	Names, Right, Exact int
}

// NamesByGroup tallies metric names by DocGroup, groups in name order. A
// name is right and exact as in Summary.
func (res Result) NamesByGroup() []GroupNames {
	by := map[string]*GroupNames{}
	var order []string
	for _, n := range res.Names {
		g := DocGroup(n.Doc)
		t, ok := by[g]
		if !ok {
			t = &GroupNames{Group: g}
			by[g] = t
			order = append(order, g)
		}
		t.Names++
		if n.F1 >= 0.6 {
			t.Right++
		}
		if n.Pred == n.Gold && !n.goldNone {
			t.Exact++
		}
	}
	sort.Strings(order)
	out := make([]GroupNames, 0, len(order))
	for _, g := range order {
		out = append(out, *by[g])
	}
	return out
}

// CanonicalAgreement counts the found quantities whose row carries a
// canonical name, and those whose canonical name is the gold's: the gold
// fact's own canonical when the gold file gives one, else canon of the
// gold metric (the lexicon's reading of the right name).
func (res Result) CanonicalAgreement(canon func(string) string) (carried, agree int) {
	for _, n := range res.Names {
		if n.PredCanonical == "" {
			continue
		}
		carried++
		want := n.GoldCanonical
		if want == "" && canon != nil {
			want = canon(n.Gold)
		}
		if want == n.PredCanonical {
			agree++
		}
	}
	return carried, agree
}

// WriteGroups writes metric name accuracy per document group and the
// canonical-name agreement, so that a user scoring their own gold sees
// where names are weak.
func WriteGroups(w io.Writer, res Result, canon func(string) string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%-9s %5s %6s %6s\n", "group", "names", "right", "exact")
	for _, g := range res.NamesByGroup() {
		fmt.Fprintf(bw, "%-9s %5d %6.3f %6.3f\n", g.Group, g.Names,
			float64(g.Right)/float64(g.Names), float64(g.Exact)/float64(g.Names))
	}
	carried, agree := res.CanonicalAgreement(canon)
	share := 0.0
	if carried > 0 {
		share = float64(agree) / float64(carried)
	}
	fmt.Fprintf(bw, "canonical names on %d of %d found quantities, agreeing with the gold's %.3f\n", carried, len(res.Names), share)
	return bw.Flush()
}
