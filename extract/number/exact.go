package number

import (
	"math"
	"math/big"
)

// maxExactFloat is 2^53: every integer up to it is exact in a float64.
const maxExactFloat = 1 << 53

// exactInteger returns the decimal digits of an integer amount too large
// for a float64 to hold exactly (12345678901234567890, 九千零七万亿零三), read
// again from the folded text c with exact arithmetic. It returns "" when
// the text holds anything but digits, separators, scale words and a sign
// before a currency or the end, or when the exact reading does not agree
// with value.
func exactInteger(c []rune, value float64) string {
	var total, section, pending big.Int
	var lastBig int64
	hasPending, digitRun, lastWasBig := false, false, false
	neg := false
	ten := big.NewInt(10)
	k := 0
	if k < len(c) && (c[k] == '负' || c[k] == '-') {
		neg = true
		k++
	}
	for ; k < len(c); k++ {
		r := c[k]
		switch d, isDigit := digitValue(r); {
		case r == ' ' || r == ',':
			continue
		case isASCIIDigit(r) || isDigit || r == 'O':
			v := int64(r - '0')
			if !isASCIIDigit(r) {
				v = int64(d)
			}
			if hasPending && digitRun {
				pending.Mul(&pending, ten)
				pending.Add(&pending, big.NewInt(v))
			} else {
				pending.SetInt64(v)
			}
			hasPending, digitRun, lastWasBig = true, true, false
		case smallUnit(r) > 0:
			u := big.NewInt(int64(smallUnit(r)))
			if !hasPending {
				pending.SetInt64(1)
			}
			section.Add(&section, pending.Mul(&pending, u))
			hasPending, digitRun, lastWasBig = false, false, false
		case bigUnit(r) > 0:
			u := int64(bigUnit(r))
			bu := big.NewInt(u)
			switch {
			case lastWasBig: // 万亿
				total.Mul(&total, bu)
				lastBig *= u
			case lastBig != 0 && u > lastBig: // 三万五千亿
				total.Add(&total, &section)
				total.Add(&total, &pending)
				total.Mul(&total, bu)
				lastBig = u
			default:
				section.Add(&section, &pending)
				total.Add(&total, section.Mul(&section, bu))
				lastBig = u
			}
			section.SetInt64(0)
			pending.SetInt64(0)
			hasPending, digitRun, lastWasBig = false, false, true
		default:
			if _, _, ok := (&scanner{c: c}).currencyAt(k); ok && k > 0 {
				k = len(c) // the rest names the currency
				continue
			}
			return ""
		}
	}
	total.Add(&total, &section)
	total.Add(&total, &pending)
	if neg {
		total.Neg(&total)
	}
	f, _ := new(big.Float).SetInt(&total).Float64()
	if f != value && math.Abs(f-value) > 1e-12*math.Abs(value) {
		return ""
	}
	return total.String()
}
