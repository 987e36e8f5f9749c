package plan

import (
	"math/rand/v2"
	"testing"
)

// TestMidSizeNetworksAreCertifiedOptimal solves mid-size review, liaison and
// rotation networks and checks the flow certificate on each: no augmenting
// path and no negative cycle left in the residual graph.
func TestMidSizeNetworksAreCertifiedOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	for _, opts := range []ReviewOptions{{}, {BalanceLoad: true, BalanceWeight: 2}, {RequireSenior: true, AvoidSameCounty: true}, {DistinctCounties: true}} {
		p := bigReview(150, 40, false)
		p.Options = opts
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		net := buildReviewNetwork(newReviewIndex(p))
		res, err := net.g.MinCostMaxFlow(net.s, net.t)
		if err != nil {
			t.Fatal(err)
		}
		if err := net.g.Certify(net.s, net.t, res.Flow); err != nil {
			t.Fatalf("review %+v: %v", opts, err)
		}
	}
	lia := randomLiaison(rng, 40, 90)
	lnet, err := buildLiaisonNetwork(lia)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := lnet.g.MinCostMaxFlow(0, 1)
	if err := lnet.g.Certify(0, 1, res.Flow); err != nil {
		t.Fatalf("liaison: %v", err)
	}
	rot := bigRotation(30, 100, 4)
	rnet := buildRotationNetwork(rot)
	res, _ = rnet.g.MinCostMaxFlow(0, 1)
	if err := rnet.g.Certify(0, 1, res.Flow); err != nil {
		t.Fatalf("rotation: %v", err)
	}
}
