package solver

import "math/rand/v2"

// Repair settings: per agent that breaks a HARD rule, up to repairTries moves starting from it;
// up to repairRounds passes over the agents still breaking one.
const (
	repairTries  = 400
	repairRounds = 20
)

// repair drives the roster towards feasibility before the search: for each agent that breaks a
// HARD rule it tries moves starting from that agent and keeps those that lower the HARD measure
// (or keep it and lower the SOFT objective). A constructed roster usually needs only a few such
// repairs, after which the search starts from a feasible roster and keeps one all along. It
// reports whether it ran to its end; pc may stop it between two agents.
func repair(st *state, rng *rand.Rand, picks []move, pc *pacer) bool {
	var j journal
	defer func() { st.focus = -1 }()
	pc.begin(PhaseRepair, repairRounds, "rounds")
	for round := range repairRounds {
		var bad []int
		for a, c := range st.agent {
			if c.hard > 1e-9 {
				bad = append(bad, a)
			}
		}
		if len(bad) == 0 && st.traineeHard+st.hallHard < 1e-9 {
			return true
		}
		if len(bad) == 0 { // only trainees left alone or hall posts open: any agent may help
			bad = append(bad, -1)
		}
		rng.Shuffle(len(bad), func(i, k int) { bad[i], bad[k] = bad[k], bad[i] })
		for _, a := range bad {
			if pc.step(round) {
				return false
			}
			st.focus = a
			for range repairTries {
				if a >= 0 && st.agent[a].hard < 1e-9 {
					break
				}
				j.reset()
				if !picks[rng.IntN(len(picks))](st, &j, rng) {
					continue
				}
				if j.hard < -1e-9 || (j.hard < 1e-9 && j.soft < 0) {
					continue // keep it
				}
				st.undo(&j)
			}
		}
	}
	return true
}
