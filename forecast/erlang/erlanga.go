package erlang

import (
	"math"

	"wfm"
)

// Tolerances and limits of the Erlang A series.
const (
	// seriesTolerance ends the queue series once a bound on the sum of its remaining terms falls
	// below this fraction of the partial sum, i.e. below the float64 rounding of that sum.
	seriesTolerance = 1e-17

	// maxSeriesTerms bounds the length of the queue series of ErlangAMetrics. It needs about
	// max(0, y − x) terms, y − x = (a − n)·patience/AHT being about the mean queue length of an
	// understaffed queue, plus at most a few multiples of √max(x, y); so the bound is reached only
	// when millions of callers wait.
	maxSeriesTerms = 1 << 24

	// rescaleAbove is the size at which the running term of the queue series and its partial
	// sums are multiplied by rescaleFactor, a power of two so that the scaling is exact; the
	// logarithm of the total scaling is kept apart. This keeps sums that would be astronomically
	// large (log Q ≈ 10⁴ for y = 20,000 and x = 2) within float64 range.
	rescaleAbove  = 0x1p500
	rescaleFactor = 0x1p-500
	logRescale    = 500 * math.Ln2

	// logNegligible is the logarithm of the smallest increment of the incomplete beta function
	// that the series adds. Smaller increments are tracked in log space instead, where they
	// cannot underflow while they grow towards a significant size; even 2²⁴ of them would change
	// a probability by less than 1e-296.
	logNegligible = -700
)

// ErlangAMetrics returns the steady-state performance of n agents in the Palm/Erlang-A queue
// M/M/n+M: load a Erlangs, mean handling time aht seconds, waiting callers who hang up after an
// exponential patience with mean patience seconds, service level measured at answerWithin
// seconds.
//
// With μ = 1/AHT, θ = 1/patience and λ = a·μ, let x = nμ/θ and y = λ/θ. The number of calls in
// the system is a birth–death process with stationary distribution (Palm 1943; Garnett,
// Mandelbaum & Reiman 2002)
//
//	p_j     ∝ aʲ/j!                                                      j = 0..n,
//	p_{n+k} = p_n · Π_{i=1..k} λ/(nμ + iθ) = p_n · yᵏ/((x+1)(x+2)…(x+k))   k = 0, 1, 2, …
//
// Write t_k = yᵏ/((x+1)…(x+k)) and Q = Σ_{k≥0} t_k. Because Σ_{j=0..n} p_j/p_n = 1/B(n, a) with B
// from [ErlangB], the normaliser is p_n·(1/B − 1 + Q) and
//
//	P(W > 0) = Σ_k p_{n+k} = B·Q / (1 − B + B·Q).
//
// (Equivalently Q = x·e^y·y^(−x)·γ(x, y) with the lower incomplete gamma function γ, the form of
// Garnett, Mandelbaum & Reiman; the series below is used because it also yields the waiting-time
// measures.)
//
// By PASTA an arrival finds n + k calls in the system with probability p_{n+k}. Its virtual
// wait is then S_k = Σ_{i=0..k} E_i with independent E_i ~ Exp(nμ + iθ) = Exp(θ(x+i)): the
// calls ahead leave by service or by abandonment. By Rényi's representation of exponential order
// statistics, P(S_k ≤ t) = I_{1−u}(k+1, x) with u = e^(−θt) and I the regularised incomplete beta
// function. The arrival's own patience τ ~ Exp(θ) is independent, so it is answered within t
// with probability
//
//	P(S_k ≤ min(t, τ)) = E[e^(−θ·S_k); S_k ≤ t] = x/(x+k+1) · I_{1−u}(k+1, x+1),
//
// answered at all with probability x/(x+k+1) and abandons with probability (k+1)/(x+k+1), and
//
//	E[S_k·e^(−θ·S_k)] = x/(x+k+1) · (1/θ)·H_k,   H_k = Σ_{i=1..k+1} 1/(x+i),
//
// is its mean wait on the event of being answered. Weighting by p_{n+k}:
//
//	service level  = P(j < n) + Σ_k p_{n+k} · x/(x+k+1) · I_{1−u}(k+1, x+1)
//	               = 1 − Σ_k p_{n+k} · ((k+1)/(x+k+1) + x/(x+k+1) · (1 − I_{1−u}(k+1, x+1)))
//	P(Ab)          = Σ_k p_{n+k} · (k+1)/(x+k+1)
//	P(answered)    = P(j < n) + Σ_k p_{n+k} · x/(x+k+1)              = 1 − P(Ab)
//	ASA            = Σ_k p_{n+k} · x/(x+k+1) · H_k/θ / P(answered)
//	MeanWait       = P(Ab)/θ
//	occupancy      = λ·P(answered)/(nμ) = a·P(answered)/n
//
// where P(j < n) = 1 − P(W > 0) and MeanWait follows from Little's law: θ·E[queue length] is the
// abandonment rate λ·P(Ab), and E[queue length] = λ·E[W]. Both forms of the service level are
// summed, and the one free of cancellation is used (see serviceLevel). See Mandelbaum & Zeltyn
// (2007) for the waiting-time distributions of this queue.
//
// The series runs through the recurrences
//
//	t_0 = 1,   t_{k+1} = t_k · y/(x+k+1),   H_{k+1} = H_k + 1/(x+k+2),
//	1 − I_z(1, x+1) = u^(x+1),
//	1 − I_z(k+2, x+1) = 1 − I_z(k+1, x+1) + d_k,
//	d_0 = z·u^(x+1)·(x+1),   d_{k+1} = d_k · z·(x+k+2)/(k+2),
//
// with z = 1 − u; d_k = z^(k+1)·(1−z)^(x+1) / ((k+1)·Beta(k+1, x+1)) is the step of the
// regularised incomplete beta function in its first argument, I_z(a+1, b) = I_z(a, b) −
// z^a·(1−z)^b / (a·Beta(a, b)). No term calls a special function. The terms increase while y > x + k and then fall faster than geometrically;
// summation stops once the remaining terms, bounded by t_{k+1}/(1 − y/(x+k+1)), are below
// seriesTolerance of the sum. The running term and the partial sums are rescaled by exact powers
// of two whenever the term grows large, and d_k is carried in log space while it is negligible,
// so nothing overflows or underflows to a wrong value. Carrying the incomplete beta as its
// complement, which the increments d_k raise from u^(x+1) towards 1, adds only positive terms.
// The results agree with a 200-bit evaluation to about 1e-14 relative, over thousands of terms;
// only a tiny service level (below 1e-6: a hopelessly understaffed queue), a sum of values I
// close to 0, is accurate merely to about 1e-13 absolute.
//
// With n = 0 no call is answered: ASA is +Inf and every caller abandons. An error is returned
// for invalid arguments, or when the series would need more than maxSeriesTerms (about 1.7·10⁷)
// terms, i.e. when millions of callers wait; Erlang C is then the better model.
func ErlangAMetrics(n int, a, aht, patience, answerWithin float64) (Metrics, error) {
	if err := checkQueue(n, a, aht, answerWithin); err != nil {
		return Metrics{}, err
	}
	if err := checkPositive("patience", patience); err != nil {
		return Metrics{}, err
	}
	if a == 0 {
		return idle(n), nil
	}
	return erlangA(n, a, advanceB(1, 0, n, a), aht, patience, answerWithin)
}

// erlangA returns the metrics of [ErlangAMetrics] given b = B(n, a) and a > 0.
func erlangA(n int, a, b, aht, patience, t float64) (Metrics, error) {
	x := float64(n) * patience / aht
	y := a * patience / aht
	s, ok := sumQueue(x, y, t/patience)
	if !ok {
		return Metrics{}, wfm.Invalidf("patience", "%v s against an AHT of %v s at %v Erlangs makes the queue "+
			"too long to evaluate (more than %d terms); use Erlang C (patience 0) instead",
			patience, aht, a, maxSeriesTerms)
	}
	// r = P(j < n)/P(W > 0) = (1/B − 1)/Q = (1 − B)/(B·Q), formed in log space because Q can be
	// astronomically large and B can underflow to 0 (then r = +Inf and nobody waits).
	r := (1 - b) * math.Exp(-(math.Log(b) + s.logQ))
	wait := 1 / (1 + r)
	noWait := 1 / (1 + 1/r)
	answered := noWait + wait*s.answered
	m := Metrics{
		Agents:          n,
		WaitProbability: wait,
		ServiceLevel:    serviceLevel(noWait, wait, s.inTime, s.late),
		ASA:             math.Inf(1),
		MeanWait:        wait * s.abandoned * patience,
		Abandonment:     wait * s.abandoned,
		Occupancy:       occupancy(a*answered, n),
	}
	if answered > 0 {
		m.ASA = wait * s.answeredWait * patience / answered
	}
	return m, nil
}

// queueSums holds the weighted sums of the Erlang A series divided by Q, i.e. conditional on the
// arrival having to wait, together with log Q.
type queueSums struct {
	logQ         float64 // log Σ_k t_k
	answered     float64 // Σ_k t_k·x/(x+k+1) / Q, P(answered | wait)
	abandoned    float64 // Σ_k t_k·(k+1)/(x+k+1) / Q, P(abandon | wait)
	inTime       float64 // Σ_k t_k·x/(x+k+1)·I_{1−u}(k+1, x+1) / Q, P(answered within t | wait)
	late         float64 // Σ_k t_k·((k+1)/(x+k+1) + x/(x+k+1)·(1 − I_{1−u}(k+1, x+1))) / Q, 1 − inTime
	answeredWait float64 // Σ_k t_k·x/(x+k+1)·H_k / Q, θ·E[W; answered | wait]
}

// scale multiplies every sum by f.
func (s *queueSums) scale(f float64) {
	s.answered *= f
	s.abandoned *= f
	s.inTime *= f
	s.late *= f
	s.answeredWait *= f
}

// sumQueue evaluates the Erlang A series of [ErlangAMetrics] for x = nμ/θ, y = λ/θ and the
// service-level threshold in units of the mean patience, θt. It reports false when x or y is
// infinite or the series needs more than maxSeriesTerms terms.
func sumQueue(x, y, thetaT float64) (queueSums, bool) {
	if math.IsInf(x, 1) || math.IsInf(y, 1) {
		return queueSums{}, false
	}
	var (
		s        queueSums
		q        float64 // Σ t_k so far, in units of e^logScale
		term     = 1.0   // t_k in units of e^logScale
		logScale float64
		h        float64 // H_k
		incBeta  = newIncBetaSeq(x, thetaT)
	)
	for k := 0; ; k++ {
		if k == maxSeriesTerms {
			return queueSums{}, false
		}
		kf := float64(k)
		inv := 1 / (x + kf + 1)
		h += inv
		answered := term * x * inv
		abandoned := term * (kf + 1) * inv
		q += term
		s.answered += answered
		s.abandoned += abandoned
		s.inTime += answered * incBeta.value()
		s.late += abandoned + answered*incBeta.complement()
		s.answeredWait += answered * h
		incBeta.next(kf)

		ratio := y * inv
		term *= ratio
		if term > rescaleAbove {
			term *= rescaleFactor
			q *= rescaleFactor
			s.scale(rescaleFactor)
			logScale += logRescale
		}
		if ratio < 1 && term <= seriesTolerance*(1-ratio)*q {
			break
		}
	}
	s.scale(1 / q)
	s.logQ = logScale + math.Log(q)
	return s, true
}

// incBetaSeq is the sequence I_k = I_{1−u}(k+1, x+1), k = 0, 1, 2, …, of [ErlangAMetrics]. It is
// carried as the complement J_k = 1 − I_k, which the increments d_k raise from J_0 = u^(x+1)
// towards 1 by J_{k+1} = J_k + d_k. An increment is added only once it exceeds e^logNegligible;
// before that it is carried as log d_k. Since every increment is at most 1, d_k cannot overflow
// after the switch.
type incBetaSeq struct {
	j      float64 // J_k
	d      float64 // d_k, once linear
	logD   float64 // log d_k, while not linear
	linear bool
	x, z   float64
}

// newIncBetaSeq returns the sequence at k = 0: J_0 = u^(x+1) and d_0 = z·u^(x+1)·(x+1), where
// u = e^(−θt) and z = 1 − u.
func newIncBetaSeq(x, thetaT float64) incBetaSeq {
	z := -math.Expm1(-thetaT)
	b := incBetaSeq{
		j:    math.Exp(-(x + 1) * thetaT),
		logD: math.Log(z) + math.Log1p(x) - (x+1)*thetaT,
		x:    x,
		z:    z,
	}
	if b.logD > logNegligible {
		b.linear, b.d = true, math.Exp(b.logD)
	}
	return b
}

// value returns I_k.
func (b *incBetaSeq) value() float64 { return max(0, 1-b.j) }

// complement returns J_k = 1 − I_k.
func (b *incBetaSeq) complement() float64 { return min(1, b.j) }

// next advances from k to k+1; kf is k.
func (b *incBetaSeq) next(kf float64) {
	r := b.z * (b.x + kf + 2) / (kf + 2)
	if b.linear {
		b.j += b.d
		b.d *= r
		return
	}
	b.logD += math.Log(r)
	if b.logD > logNegligible {
		b.linear, b.d = true, math.Exp(b.logD)
	}
}
