package solver

import "math/rand/v2"

// maxBreakTrials bounds how many break placements placeBreaks tries per shift.
const maxBreakTrials = 24

// placeBreaks re-places the breaks of every worked shift, one shift at a time in random order,
// choosing among up to maxBreakTrials placements the one that lowers the interval cost most. It
// staggers breaks so that coverage follows demand (R4, R5). It reports whether it reached every
// shift; the shifts not reached when pc stops it keep their breaks, which R4 admits as well.
func placeBreaks(st *state, rng *rand.Rand, pc *pacer) bool {
	m := st.m
	if m.req == nil {
		return true
	}
	idx := make([]int, 0, m.A*m.D)
	for i, s := range st.x {
		if s >= 0 && len(m.shifts[s].breakOptions) > 1 {
			idx = append(idx, i)
		}
	}
	rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	pc.begin(PhaseBreaks, len(idx), "shifts")
	for k, i := range idx {
		if pc.step(k) {
			return false
		}
		a, d := i/m.D, i%m.D
		s := int(st.x[i])
		bestBreak(st, rng, a, d, s)
	}
	pc.step(len(idx))
	return true
}

// bestBreak moves agent a's breaks on day d to the best of a sample of placements.
func bestBreak(st *state, rng *rand.Rand, a, d, s int) {
	opts := len(st.m.shifts[s].breakOptions)
	cur := int(st.br[a*st.m.D+d])
	best, bestDelta := cur, 0.0
	for k := range min(opts, maxBreakTrials) {
		b := k
		if opts > maxBreakTrials {
			b = rng.IntN(opts)
		}
		if b == cur {
			continue
		}
		soft, _ := st.set(a, d, s, b)
		st.set(a, d, s, cur)
		if soft < bestDelta {
			best, bestDelta = b, soft
		}
	}
	st.set(a, d, s, best)
}
