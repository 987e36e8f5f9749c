package plan

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestSameProblemSamePlan solves each random problem twice, the second time
// with the explicit affinity list shuffled, and expects byte-identical JSON.
func TestSameProblemSamePlan(t *testing.T) {
	for seed := range uint64(50) {
		rng := rand.New(rand.NewPCG(seed, 9))
		p := randomReview(rng, 20, 8)
		a, err := SolveReview(p)
		if err != nil {
			t.Fatal(err)
		}
		rng.Shuffle(len(p.Affinities), func(i, j int) { p.Affinities[i], p.Affinities[j] = p.Affinities[j], p.Affinities[i] })
		b, _ := SolveReview(p)
		var ja, jb bytes.Buffer
		encodeJSON(&ja, a)
		encodeJSON(&jb, b)
		if !bytes.Equal(ja.Bytes(), jb.Bytes()) {
			t.Fatalf("seed %d: the same problem gave two different plans", seed)
		}
	}
}
