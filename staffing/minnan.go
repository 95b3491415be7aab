package staffing

import (
	"math"

	"wfm/forecast/erlang"
)

// The Minnan model: how many of the agents on the phones must speak Minnan (R16) for the Minnan
// callers to get their own service target, when speakers also answer Mandarin calls.
//
// # Routing
//
// The model assumes the skill-based routing the centre's switch is set to (and that callsim
// simulates): a Minnan caller goes to a free speaker, else waits for the first speaker to come
// free; a Mandarin caller goes to a free Mandarin-only agent, else to a free speaker provided
// another speaker stays free; a speaker who comes free answers the longest-waiting Minnan caller
// first, and a Mandarin caller only while another speaker is free. So speakers answer Mandarin
// calls whenever two or more of them are free, and the last free speaker is kept for the next
// Minnan caller: one speaker serves a light night stream alone, and the day's speakers share the
// Mandarin load.
//
// # Approximation
//
// Calls arrive as Poisson streams of rates λ_M (Minnan) and λ_N (Mandarin), handling times are
// exponential with mean 1/μ = AHT for both, a_M = λ_M/μ, a_N = λ_N/μ, a = a_M + a_N. There are n'
// agents on the phones, m of them speakers and k = n' − m Mandarin-only.
//
// Minnan callers wait only when all m speakers are busy; while they are, each speaker who comes
// free takes a waiting Minnan caller, so the Minnan queue behaves as that of M/M/1 with service
// rate mμ and, by PASTA,
//
//	P(W_M > t) = P_busy · e^(−(mμ − λ_M)·t),    SL_M = 1 − P_busy · e^(−(mμ − λ_M)·t)     (m > a_M),
//
// exact given P_busy, the probability that all speakers are busy. P_busy is approximated by
// splitting time into two regimes:
//
//   - The whole centre saturated (every agent busy), with probability C(n', a), the Erlang C
//     probability of waiting of the pooled centre. Mandarin calls then wait and fill every speaker
//     but the one kept free, so the speakers hover between m−1 and m busy: a birth–death chain
//     with births λ_M and deaths mμ, busy with probability a_M/m.
//   - Otherwise (1 − C(n', a)). The Mandarin-only agents, an Erlang loss system of k servers,
//     send the Mandarin calls that find them all busy to the speakers at rate λ_o = λ_N·B(k, a_N)
//     (Erlang B). The busy speakers S form a birth–death chain with births λ_M + λ_o while two or
//     more are free (s ≤ m−2), λ_M at s = m−1 (the last free speaker is for Minnan callers),
//     deaths sμ, and Minnan callers queueing at s = m (deaths mμ, births λ_M):
//
//	    π_{s+1} = π_s · β_s/(s+1),  β_s = a_M + a_o for s ≤ m−2, a_M for s = m−1,  a_o = λ_o/μ,
//	    P_ns = P(S ≥ m) = q_m / ((1 − ρ)(1 − q_m) + q_m),   ρ = a_M/m,
//
//     where q_m = π_m/Σ_{s≤m} π_s comes from the recursion q_0 = 1,
//     q_s = (β_{s−1}/s)·q_{s−1} / (1 + (β_{s−1}/s)·q_{s−1}) (Erlang B's, with the arrival rate
//     of each state), which stays within floating-point range for any m.
//
//	P_busy ≈ C(n', a) · a_M/m + (1 − C(n', a)) · P_ns.
//
// The speakers needed are the smallest m with SL_M at least the target's service level. Keeping
// a speaker free costs the Mandarin callers at most one agent, so the centre is staffed with
// n' = n + 1 agents on the phones whenever a Minnan call is expected, n being the Erlang staffing
// of the whole stream: Mandarin callers always have at least n agents for at most the load a.
//
// The two regimes ignore that overflow traffic is burstier than Poisson and that a speaker keeps
// a Mandarin call after the Mandarin-only agents come free; both make speakers busier than the
// model says at high Mandarin overflow, while the saturated regime's a_M/m overstates it at low
// overflow. Against the simulation (staffing's tests, exponential handling times) the model's
// P_busy is within +0.035 and −0.01 of the simulated one from a night stream of one Minnan call
// per half hour to a day with half the calls in Minnan, so the service level it promises is
// within about three points, on the safe side. The Minnan requirement is found with this Erlang C
// structure also when the target has a patience (Erlang A): abandonment only shortens the queues.
//
// The requirement is the number of speakers on the phones; it is not grossed up for shrinkage, as
// the agents rostered for the whole stream already are (no double gross-up).

// minnanService returns the Minnan callers' service level with m speakers among nPrime agents on
// the phones: a and aM are the whole and the Minnan loads in Erlangs, aht the handling time, within
// the service-level threshold, both in seconds.
func minnanService(nPrime, m int, a, aM, aht, within float64) float64 {
	if aM <= 0 {
		return 1
	}
	if float64(m) <= aM || m > nPrime {
		return 0
	}
	aN := a - aM
	bk, _ := erlang.ErlangB(nPrime-m, aN) // arguments in range: both checked by the caller
	aO := aN * bk
	q := 1.0
	for s := 1; s <= m; s++ {
		beta := aM
		if s-1 <= m-2 {
			beta += aO
		}
		x := beta / float64(s) * q
		q = x / (1 + x)
	}
	rho := aM / float64(m)
	pNS := q / ((1-rho)*(1-q) + q)
	c := 1.0
	if float64(nPrime) > a {
		c, _ = erlang.ErlangC(nPrime, a)
	}
	pBusy := c*rho + (1-c)*pNS
	return 1 - pBusy*math.Exp(-(float64(m)-aM)/aht*within)
}

// minnanSpeakers returns the speakers needed on the phones for the Minnan load aM within the
// whole load a, when n agents on the phones serve the whole stream alone: the total on the phones
// n' (n + 1, one for the speaker kept free), the speakers m and the Minnan callers' service level.
// Without Minnan load it returns n, 0, 1. When even every agent speaking Minnan misses the target,
// it adds speakers beyond n' until the target is met.
func minnanSpeakers(n int, a, aM, aht float64, target erlang.Target) (nPrime, m int, sl float64) {
	if aM <= 0 {
		return n, 0, 1
	}
	nPrime = n + 1
	for m = max(1, int(math.Floor(aM))+1); m <= erlang.MaxAgents; m++ {
		nPrime = max(nPrime, m)
		if sl = minnanService(nPrime, m, a, aM, aht, target.AnswerWithin); sl >= target.ServiceLevel {
			break
		}
	}
	return nPrime, min(m, erlang.MaxAgents), sl
}
