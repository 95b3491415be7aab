package solver

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRespondRepairsAgentsAtOnce starts from an empty roster, where every agent breaks its
// minimum minutes, and re-plans each agent by the programme: each comes out keeping every limit the
// programme models (runs, rotation, weekends, minutes, shifts per template), and the incremental
// scores still equal a full re-read.
func TestRespondRepairsAgentsAtOnce(t *testing.T) {
	m, err := compile(limitsProblem(t))
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	p := newDP(m)
	var j journal
	for a := range m.A {
		if st.agent[a].hard == 0 {
			t.Fatalf("agent %s keeps its limits with no shift at all; the test needs a broken start", m.agents[a].id)
		}
		j.reset()
		if !p.respond(st, &j, rand.New(rand.NewPCG(uint64(a), 1)), a, 1000) {
			t.Fatalf("agent %s: nothing changed", m.agents[a].id)
		}
		if h := st.agent[a].hard; h > 1e-9 {
			t.Errorf("agent %s still breaks its limits by %.2f after its best response", m.agents[a].id, h)
		}
		want := m.evalAgent(a, st.x[a*m.D:(a+1)*m.D], st.scratch)
		if got := st.agent[a]; math.Abs(got.hard-want.hard) > 1e-6 || math.Abs(got.soft-want.soft) > 1e-6 {
			t.Fatalf("agent %s: incremental %+v, full %+v", m.agents[a].id, got, want)
		}
	}
	soft, hard := st.soft(), st.hard()
	st.recompute()
	if math.Abs(soft-st.soft()) > 1e-6 || math.Abs(hard-st.hard()) > 1e-6 {
		t.Fatalf("totals drifted: %v %v vs %v %v", soft, hard, st.soft(), st.hard())
	}
}

// TestRespondStepKeepsTheChainConsistent runs the annealing with frequent best responses and
// checks the chain's state against a full recomputation.
func TestRespondStepKeepsTheChainConsistent(t *testing.T) {
	p := smallCentre(t, 14, 16, 7)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	init := newState(m)
	rng := rand.New(rand.NewPCG(3, 3))
	construct(init, rng)
	c := newChain(init, 5, 100)
	c.every = 50
	c.run(5000, 10)
	soft, hard := c.st.soft(), c.st.hard()
	c.st.recompute()
	if math.Abs(soft-c.st.soft()) > 1e-6 || math.Abs(hard-c.st.hard()) > 1e-6 {
		t.Fatalf("after best responses: incremental %v %v, recomputed %v %v", soft, hard, c.st.soft(), c.st.hard())
	}
}
