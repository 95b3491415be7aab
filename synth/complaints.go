package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"wfm"
)

// ComplaintConfig shapes a stream of complaints and their call backs (R25).
//
// Complaints arrive with the calls: in each interval a Poisson number with mean Rate × the
// interval's calls, at a uniform minute of it. Rate defaults to 0.3 % of calls, in the range
// banks' telephone centres report (a few complaints per thousand calls). Each complaint gets a
// level by Levels (default 60/30/10 %: the branch, the city office, the province), which sets its
// deadline, 1, 2 or 3 working days (P2 Art. 13), and the minutes of its follow-up by FollowUp
// (default 10, 15 and 20 minutes: the call that gives the complainant the result, and its notes;
// a case that reaches the province takes the longest call). The follow-up is released when the
// complaint arrives. A share CallBack of the complaints (default 30 %, P2 Art. 16's least) also
// get a call back of CallBackMinutes (default 5) once the follow-up is done, due CallBackDays
// (default 3) working days after. A complaint is in Minnan, and so are its follow-up and call
// back, with the interval's share of Minnan calls.
type ComplaintConfig struct {
	Rate            float64
	Levels          [3]float64
	FollowUp        [3]float64 // minutes per level
	CallBack        float64
	CallBackMinutes float64
	CallBackDays    int
	Seed            uint64
}

// DefaultComplaints returns the defaults above.
func DefaultComplaints(seed uint64) ComplaintConfig {
	return ComplaintConfig{Rate: 0.003, Levels: [3]float64{0.6, 0.3, 0.1}, FollowUp: [3]float64{10, 15, 20},
		CallBack: 0.3, CallBackMinutes: 5, CallBackDays: 3, Seed: seed}
}

// Complaints draws the stream of follow-ups and call backs for the calls of grid g per interval
// (minnan, when not nil, the Minnan calls among them), in time order, each call back after its
// follow-up. Ids are C00001… and C00001-CB.
func Complaints(cfg ComplaintConfig, g wfm.Grid, calls, minnan []float64) []wfm.DeferredWork {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xc0de))
	pois := distuv.Poisson{Src: rng}
	var out []wfm.DeferredWork
	n := 0
	for t, c := range calls {
		if c <= 0 {
			continue
		}
		pois.Lambda = cfg.Rate * c
		k := int(pois.Rand())
		d, m := g.At(t)
		arrivals := make([]int, k)
		for i := range arrivals {
			arrivals[i] = m + rng.IntN(g.Step)
		}
		slices.Sort(arrivals)
		for _, minute := range arrivals {
			n++
			level := pick(rng, cfg.Levels[:])
			w := wfm.DeferredWork{ID: fmt.Sprintf("C%05d", n), Kind: wfm.DeferredFollowUp, Minutes: cfg.FollowUp[level],
				Release: wfm.WallTimeOf(d, minute), DeadlineDays: level + 1, Level: level + 1}
			if minnan != nil && rng.Float64()*c < minnan[t] {
				w.Skill = wfm.SkillMinnan
			}
			out = append(out, w)
			if rng.Float64() < cfg.CallBack {
				out = append(out, wfm.DeferredWork{ID: w.ID + "-CB", Kind: wfm.DeferredCallBack, Minutes: cfg.CallBackMinutes,
					Release: w.Release, DeadlineDays: cfg.CallBackDays, Skill: w.Skill, Level: w.Level, After: w.ID})
			}
		}
	}
	return out
}

// pick draws an index with the given weights.
func pick(rng *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := rng.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}
