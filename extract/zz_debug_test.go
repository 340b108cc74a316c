package extract
import ("fmt";"os";"testing";"github.com/zhmetrics/zhmetrics/segment")
func TestZZDebug(t *testing.T){ s := os.Getenv("S"); if s=="" {return}
 fmt.Println(segment.Default().CutPos(s))
 for _, f := range New(Options{Segmenter: segment.Default(), Lexicon: DefaultLexicon()}).Extract([]rune(s)) { fmt.Println(f.Kind, string([]rune(s)[f.Start:f.End]), f.Metric, f.Canonical) } }
