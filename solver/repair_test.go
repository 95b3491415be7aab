package solver

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestAccompanyKeepsTheTraineesWeek: a trainee works Saturday while its mentor is off, and both
// work four shifts, inside their band of 32–40 h only with four (a shift pays 8 h 40 min), so
// neither the trainee off nor the mentor on that day keeps every rule. accompany must find a pair
// (the trainee off on Saturday and on with its mentor on Thursday, or the mentor on on Saturday
// and off on Thursday) and leave the trainee accompanied without breaking either agent's rules.
func TestAccompanyKeepsTheTraineesWeek(t *testing.T) {
	p := smallCentre(t, 7, 12, 1)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	a, mt := agentIndex(p, "A02"), agentIndex(p, "A01")
	const d09 = 1
	for d := range 4 { // the mentor works Monday to Thursday
		st.set(mt, d, d09, 0)
	}
	for _, d := range []int{0, 1, 2, 5} { // the trainee Monday to Wednesday and Saturday
		st.set(a, d, d09, 0)
	}
	if !st.traineeAlone(a, 5) || st.agent[a].hard > 1e-9 || st.agent[mt].hard > 1e-9 {
		t.Fatalf("set-up: alone on Saturday %v, own HARD measures %v and %v, want alone and 0, 0",
			st.traineeAlone(a, 5), st.agent[a].hard, st.agent[mt].hard)
	}
	before := st.hard()
	if !accompany(st, rand.New(rand.NewPCG(1, 2)), a, 5) {
		t.Fatal("accompany found nothing")
	}
	for d := range m.D {
		if st.traineeAlone(a, d) {
			t.Errorf("trainee alone on day %d after accompany", d)
		}
	}
	if st.agent[a].hard > 1e-9 || st.agent[mt].hard > 1e-9 {
		t.Errorf("own HARD measures after accompany: trainee %v, mentor %v, want 0", st.agent[a].hard, st.agent[mt].hard)
	}
	if st.hard() > before-1+1e-9 {
		t.Errorf("HARD measure %v after accompany, want at most %v", st.hard(), before-1)
	}
	fresh := newState(m) // the running tallies agree with a recount
	fresh.copyFrom(st)
	fresh.recompute()
	if d := fresh.hard() - st.hard(); d > 1e-6 || d < -1e-6 {
		t.Errorf("HARD measure %v, recounted %v", st.hard(), fresh.hard())
	}
}

// TestAgentSetFollowsPuts checks the set's members and positions against a map after random
// insertions and removals, and a copy against its original.
func TestAgentSetFollowsPuts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	s, want := newAgentSet(50), map[int]bool{}
	for range 2000 {
		a, in := rng.IntN(50), rng.IntN(3) > 0
		s.put(a, in)
		if in {
			want[a] = true
		} else {
			delete(want, a)
		}
	}
	c := newAgentSet(50)
	c.copyFrom(&s)
	for _, set := range []*agentSet{&s, &c} {
		if len(set.list) != len(want) {
			t.Fatalf("%d members, want %d", len(set.list), len(want))
		}
		for k, a := range set.list {
			if !want[int(a)] || set.pos[a] != int32(k) {
				t.Errorf("member %d at %d: wanted %v, position %d", a, k, want[int(a)], set.pos[a])
			}
		}
		for a := range 50 {
			if !want[a] && set.pos[a] >= 0 {
				t.Errorf("agent %d has position %d but is not a member", a, set.pos[a])
			}
		}
	}
}

// TestDescendNeverWorsens: the descent before the annealing keeps a feasible roster feasible,
// never raises its objective, stops on its own (a stall) within a move budget, and leaves every
// chain on the same roster, the best kept as the chains' best.
func TestDescendNeverWorsens(t *testing.T) {
	p := smallCentre(t, 14, 24, 4)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	rng := rand.New(rand.NewPCG(5, 6))
	if !first(st, rng, unlimited()) || !st.feasible() {
		t.Fatalf("set-up: no feasible first roster (HARD %v)", st.hard())
	}
	before := st.soft()
	pc := unlimited()
	pc.b.moves = 1 << 40 // far more than a stall needs
	chains := []*chain{newChain(st, 1, 1), newChain(st, 2, 1)}
	start := time.Now()
	descend(chains, pc, start)
	for k, c := range chains {
		if !c.st.feasible() {
			t.Errorf("chain %d infeasible after the descent (HARD %v)", k, c.st.hard())
		}
		if c.st.soft() > before+1e-9 || c.bestCost > c.st.soft()+1e-9 {
			t.Errorf("chain %d: objective %v from %v, best kept %v", k, c.st.soft(), before, c.bestCost)
		}
		if !slices.Equal(c.st.x, chains[0].st.x) {
			t.Errorf("chain %d is not on the best chain's roster", k)
		}
	}
	if chains[0].st.soft() > before*0.99 {
		t.Errorf("the descent gained less than 1 %%: %v from %v", chains[0].st.soft(), before)
	}
	fresh := newState(m)
	fresh.copyFrom(chains[0].st)
	fresh.recompute()
	if d := fresh.soft() - chains[0].st.soft(); math.Abs(d) > 1e-6*max(1, fresh.soft()) {
		t.Errorf("objective %v, recounted %v", chains[0].st.soft(), fresh.soft())
	}
}

// TestRepairReplansAnAgentTheMovesCannotMend: with random moves that change nothing, only the
// repair's last step acts, the best response over the whole horizon with the others fixed. An
// agent of a narrow band of minutes left with no shift at all breaks its minimum (R3) by the
// whole band; after the repair it keeps every HARD rule, the others' rows are unchanged, and the
// roster passes the independent checker.
func TestRepairReplansAnAgentTheMovesCannotMend(t *testing.T) {
	p := narrowBandProblem(t, 4, 6, 2)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	if !constructByResponse(st, rand.New(rand.NewPCG(1, 2)), unlimited()) || !st.feasible() {
		t.Fatal("set-up: the construction left a HARD rule broken")
	}
	const a = 3
	for d := range m.D {
		if m.fixed[a*m.D+d] == free {
			st.set(a, d, off, 0)
		}
	}
	if st.agent[a].hard < 1 {
		t.Fatalf("set-up: agent %d breaks its rules by %v with no shift, want at least 1", a, st.agent[a].hard)
	}
	others := slices.Clone(st.x)
	nothing := func(*state, *journal, *rand.Rand) bool { return false }
	if !repair(st, rand.New(rand.NewPCG(3, 4)), []move{nothing}, unlimited()) {
		t.Fatal("the repair stopped without a budget")
	}
	if !st.feasible() {
		t.Fatalf("agent %d still breaks its rules by %v after the repair", a, st.agent[a].hard)
	}
	for i, s := range st.x {
		if i/m.D != a && s != others[i] {
			t.Fatalf("the repair changed agent %d's day %d", i/m.D, i%m.D)
		}
	}
	checkRoster(t, p, st.roster())
}
