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
	var p *dp // the best response, for an agent the random moves leave breaking a rule
	defer func() { st.focus = -1 }()
	pc.begin(PhaseRepair, repairRounds, "rounds")
	for round := range repairRounds {
		var bad []int
		for a, c := range st.agent {
			if c.hard > 1e-9 {
				bad = append(bad, a)
			}
		}
		if st.traineeHard > 1e-9 {
			accompanyAll(st, rng)
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
			if a >= 0 && st.agent[a].hard > 1e-9 { // re-plan its whole horizon, the others fixed
				if p == nil {
					p = newDP(st.m)
				}
				j.reset()
				if p.replan(st, &j, rng, a, relaxHard, 0, st.m.D, 1) && j.hard >= -1e-9 {
					st.undo(&j)
				}
			}
		}
	}
	return true
}

// accompanyAll mends, one by one, the trainee-days that break R14 (accompany); those it cannot
// mend are left to repair's random moves.
func accompanyAll(st *state, rng *rand.Rand) {
	m := st.m
	for _, a := range m.trainees {
		for d := range m.D {
			if st.traineeAlone(a, d) {
				accompany(st, rng, a, d)
			}
		}
	}
}

// accompany mends trainee a working day d without the company R14 asks for. It weighs the trainee
// off that day, the trainee on each template it may work where it would have company, its mentor
// moved onto the trainee's template, and the two pairs that keep hours: the trainee off on d and on
// with its mentor on a day d' of the week around it when it is off, or the mentor on with the
// trainee on d and off on such a d' where it works alone. Each candidate's breaks are placed at
// their best, and the one that lowers the HARD measure most (ties: the SOFT objective) is taken.
// Repair's random moves rarely find these: a trainee's day is one of D·(S+1) values, and a
// change of one day breaks the weekly minimum of an agent working exactly its hours. It reports
// whether a candidate lowered the HARD measure.
func accompany(st *state, rng *rand.Rand, a, d int) bool {
	m := st.m
	type change struct{ who, d, s int }
	var options [][]change
	mt, cur := m.agents[a].mentor, int(st.x[a*m.D+d])
	withMentor := mt >= 0 && !m.anyColleague(a, d)
	if m.freeCell(a, d) {
		options = append(options, []change{{a, d, off}})
		for _, v := range m.agents[a].allowed {
			if s := int(v); s != cur && st.accompanied(a, d, s) {
				options = append(options, []change{{a, d, s}})
			}
		}
	}
	mentorCan := withMentor && m.freeCell(mt, d) && m.mayWork(mt, cur)
	if mentorCan {
		options = append(options, []change{{mt, d, cur}})
	}
	for e := max(0, d-pairReach); e < min(m.D, d+pairReach+1) && withMentor; e++ {
		te, me := int(st.x[a*m.D+e]), int(st.x[mt*m.D+e])
		if e == d || te == me || m.anyColleague(a, e) {
			continue
		}
		if te < 0 && m.freeCell(a, d) && m.freeCell(a, e) && m.mayWork(a, me) {
			options = append(options, []change{{a, d, off}, {a, e, me}})
		}
		if te < 0 && mentorCan && m.freeCell(mt, e) {
			options = append(options, []change{{mt, d, cur}, {mt, e, off}})
		}
	}
	var j journal
	best, bestHard, bestSoft := -1, 0.0, 0.0
	breaks := make([][]int, len(options))
	for k, o := range options {
		j.reset()
		h0, s0 := st.hard(), st.soft()
		for _, c := range o {
			if c.s < 0 {
				st.change(&j, c.who, c.d, off, 0)
				breaks[k] = append(breaks[k], 0)
				continue
			}
			st.change(&j, c.who, c.d, c.s, middleOption(&m.shifts[c.s]))
			bestBreak(st, rng, c.who, c.d, c.s)
			breaks[k] = append(breaks[k], int(st.br[c.who*m.D+c.d]))
		}
		dh, ds := st.hard()-h0, st.soft()-s0
		st.undo(&j)
		if dh < bestHard-1e-9 || (dh < bestHard+1e-9 && best >= 0 && ds < bestSoft) {
			best, bestHard, bestSoft = k, dh, ds
		}
	}
	if best < 0 {
		return false
	}
	j.reset()
	for i, c := range options[best] {
		st.change(&j, c.who, c.d, c.s, breaks[best][i])
	}
	return true
}

// pairReach is how many days either side of a trainee's day accompany looks for the second day of
// a pair: the week around it, where the weekly minimum and the rest rules allow the exchange.
const pairReach = 6
