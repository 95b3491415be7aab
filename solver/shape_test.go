package solver

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"wfm"
	"wfm/solver/validate"
)

// TestShapeTermsAgreeWithChecker is the property test of the roster-shape terms: on random
// rosters (HARD rules broken or not) of centres with history before the horizon and partial weeks
// at both ends, under random shape parameters, the solver's incremental score, its full re-read
// and the independent checker give every shape term the same penalty and amount.
func TestShapeTermsAgreeWithChecker(t *testing.T) {
	for seed := range uint64(8) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 21))
			p := edgeCentre(t, 14+rng.IntN(20), 12, seed, seed%2 == 0)
			r := &p.Rules
			r.StartToleranceMinutes = []int{0, 60, 120, 180, 300}[rng.IntN(5)]
			r.MinDaysOffBlock = rng.IntN(4)
			r.MinFullWeekendsOff = rng.IntN(4)
			r.Weights.StartChange, r.Weights.DaysOffBlock = float64(rng.IntN(3))*7, float64(rng.IntN(3))*11
			r.Weights.SingleDay, r.Weights.WeekendsOff = float64(rng.IntN(3))*13, float64(rng.IntN(3))*17
			m, err := compile(p)
			if err != nil {
				t.Fatal(err)
			}
			st := newState(m)
			for range 3 * m.A * m.D {
				a, d := rng.IntN(m.A), rng.IntN(m.D)
				al := m.agents[a].allowed
				if !m.freeCell(a, d) || len(al) == 0 {
					continue
				}
				s := off
				if k := rng.IntN(len(al) + 1); k < len(al) {
					s = int(al[k])
				}
				b := 0
				if s >= 0 {
					b = randomOption(m, rng, s)
				}
				st.set(a, d, s, b)
			}
			soft := st.soft()
			st.recompute()
			if math.Abs(soft-st.soft()) > 1e-6 {
				t.Fatalf("incremental SOFT %.6f, recomputed %.6f", soft, st.soft())
			}
			ro := st.roster()
			got := validate.Check(p, ro).Objective
			for _, name := range []string{wfm.TermStartChange, wfm.TermDaysOffBlock, wfm.TermSingleDay, wfm.TermWeekendsOff} {
				s, c := ro.Objective.Term(name), got.Term(name)
				if math.Abs(s.Penalty-c.Penalty) > 1e-6 || math.Abs(s.Amount-c.Amount) > 1e-6 {
					t.Errorf("%s: solver %.3f (%.0f), checker %.3f (%.0f)", name, s.Penalty, s.Amount, c.Penalty, c.Amount)
				}
			}
			if math.Abs(ro.Objective.Total-soft) > 1e-6*max(1, soft) {
				t.Errorf("objective %.6f, the state's SOFT score %.6f", ro.Objective.Total, soft)
			}
		})
	}
}
