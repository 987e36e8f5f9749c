// Package plan solves the region's three assignment problems optimally with
// min-cost flow: experts to submissions (评审分配, with 回避 rules), researchers
// to liaison schools (联系学校), and researchers to one school per term (蹲点视导
// 轮换). Each problem is read from JSON or xlsx, validated with Chinese
// messages, solved deterministically, and every gap in the result is explained
// in plain Chinese. RunCLI is the `jiaoyan plan` command line.
package plan

// Limits keep every cost computation far from int64 overflow and every input
// within what one machine solves in seconds.
const (
	maxItems    = 100_000 // submissions, experts, researchers or schools
	maxK        = 10      // reviewers per submission
	maxLoad     = 1_000   // reviews per expert
	maxScore    = 1_000   // explicit affinity score
	maxWeight   = 1_000   // balance weight and cost weights
	maxTerms    = 12      // terms in a rotation
	maxCapacity = 20      // liaison schools per researcher
)

// interner numbers distinct strings in order of first appearance, so equal
// strings compare as equal small integers. The empty string is always -1.
type interner map[string]int32

func (in interner) id(s string) int32 {
	if s == "" {
		return -1
	}
	if v, ok := in[s]; ok {
		return v
	}
	v := int32(len(in))
	in[s] = v
	return v
}

func (in interner) ids(ss []string) []int32 {
	out := make([]int32, 0, len(ss))
	for _, s := range ss {
		if v := in.id(s); v >= 0 {
			out = append(out, v)
		}
	}
	return out
}

func containsID(list []int32, v int32) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
