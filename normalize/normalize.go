package normalize

import "fmt"

// Options choose how text is normalised.
type Options struct {
	// Script is "auto" (convert only text detected as traditional), "none",
	// or a gocc conversion: "t2s", "tw2s", "hk2s".
	Script string
}

// Result is the clean text and what was learnt on the way.
type Result struct {
	Text      *Text
	Script    string // ScriptSimplified, ScriptTraditional or ScriptNone, as detected
	Converted bool   // traditional characters were converted
}

// Normalize cleans original text for extraction: width folding, script
// conversion, boilerplate removal, rejoining broken lines and repairing
// decimal points. base is the code point offset of original within the
// whole document, so that windows of a large document map back correctly.
func Normalize(original string, base int, opts Options) (*Result, error) {
	// Every text from here on is this function's own, so each step may
	// build into the buffers of the text two steps back (see pass).
	t := pass(FoldWidth, NewText(original, base))
	res := &Result{Script: DetectScript(t.Runes)}
	conversion := opts.Script
	switch conversion {
	case "", "auto":
		conversion = ""
		if res.Script == ScriptTraditional {
			// hk2s is t2s after Hong Kong's variant forms (衞 for 衛)
			// are read as standard traditional; t2s alone leaves them.
			// On Taiwan and mainland traditional text the two agree.
			conversion = "hk2s"
		}
	case "none":
		conversion = ""
	}
	if conversion != "" {
		if !ValidScript(conversion) {
			return nil, fmt.Errorf("unknown script conversion %q (want auto, t2s, tw2s, hk2s or none)", opts.Script)
		}
		simplify, err := Simplify(conversion)
		if err != nil {
			return nil, err
		}
		t = pass(simplify, t)
		res.Converted = true
	}
	for _, step := range cleaningSteps {
		t = pass(step, t)
	}
	if t.spare != nil { // not kept alive with the result
		recycle(t.spare)
		t.spare = nil
	}
	res.Text = t
	return res, nil
}

// cleaningSteps follow width folding and script conversion, in order: site
// boilerplate first, then page furniture, so that the lines it cut can be
// joined, then spaces (which letter spacing puts inside pinyin too), pinyin,
// punctuation and decimal points inside the joined sentences.
var cleaningSteps = []Step{
	DropBoilerplate, DropPageFurniture, JoinBrokenLines, JoinWrappedLines,
	CloseLayoutSpaces, DropPinyin, ChinesePunctuation, RepairDecimalStops,
}

// ValidEncoding reports an error for an --encoding value Decode does not
// know, so that a run can refuse it before reading anything.
func ValidEncoding(name string) error {
	_, _, err := Decode(nil, name)
	return err
}
