package number
import ("testing";"strings";"time";"fmt")
func TestPatho(t *testing.T){
 for _, unit := range []string{"九","一二","1","1,","x","*","多","十余","百分之","1.","一点","万","近万","3-","1/","分之","又","负","-1-","1 ","七成","人民币","九九折","x.x","_","n","十","零","亿万","1万","百 ","3 -", "２７，"} {
  s := strings.Repeat(unit, 200000/len([]rune(unit)))
  st := time.Now(); ms := Find(s); d := time.Since(st)
  st = time.Now(); findPlain(s); d2 := time.Since(st)
  fmt.Printf("%-8q n=%d matches=%d %v %v\n", unit, len([]rune(s)), len(ms), d, d2)
 }
}
