// Package erlang is the queueing mathematics of contact-centre staffing: what service level,
// speed of answer, abandonment and occupancy a number of agents achieves against an offered load,
// and the smallest number of agents that meets a staffing target. It is pure computation: no I/O,
// no state, safe for concurrent use.
//
// # Models
//
// Calls arrive as a Poisson process of rate λ, handling times are exponential with mean
// AHT = 1/μ, and n identical agents serve one first-come-first-served queue. The offered load
// a = λ·AHT is measured in Erlangs.
//
//   - Erlang B, M/M/n/n (Erlang 1917): a call that finds every agent busy is lost. It serves here
//     as the numerically stable building block of the two waiting models; see [ErlangB].
//   - Erlang C, M/M/n (Erlang 1917): callers wait as long as it takes. The queue has a steady
//     state only when n > a; see [ErlangC] and [ErlangCMetrics].
//   - Erlang A, M/M/n+M (Palm 1943; Garnett, Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn 2007):
//     every waiting caller hangs up after an exponentially distributed patience with mean 1/θ
//     unless answered first. The queue is stable for every n; see [ErlangAMetrics].
//
// [Required] searches for the smallest staffing that meets a [Target] under either waiting model.
//
// # Units and conventions
//
// Durations (AHT, patience, the service-level threshold, ASA) are seconds in float64; arguments
// may not exceed 10⁹ s. Loads are Erlangs. Probabilities and the service level are fractions in
// [0, 1].
//
// The service level is the fraction of all offered calls answered within the threshold; in
// Erlang A an abandoned call counts as not answered, whenever it hangs up. ASA is the mean wait
// of answered calls; MeanWait is the mean wait of all offered calls, abandoned ones counted up to
// the moment they hang up. Occupancy is the carried load per agent, the long-run fraction of time
// an agent is busy.
//
// Where no call is ever answered — Erlang C with n ≤ a, whose queue grows without bound, and
// any model with n = 0 — ASA is +Inf; Erlang C with n ≤ a also has MeanWait +Inf. These are the
// only non-finite results. With no offered load (a = 0) nothing waits, is blocked or abandons
// and the service level is 1, for every n including 0.
//
// # Errors
//
// Invalid arguments (a negative or non-finite load, n < 0, a non-positive AHT or patience, a
// malformed [Target]) are reported as a *wfm.Error of kind wfm.KindInvalid whose Field names the
// offending argument. Nothing in this package panics on its input.
//
// # Accuracy
//
// Every quantity is computed by recurrences whose iterates stay bounded, with exact rescaling
// where a sum could leave the float64 range, so results are finite and accurate from 1 to tens of
// thousands of agents and loads of 10,000 Erlangs and more. The tests hold them to independent
// computations: 200-bit evaluations of the defining formulas and series, which they match to
// 1e-12 relative (in practice a few 1e-15) up to 20,000 agents, and at small sizes the Markov
// chain of an arriving call and closed forms. The one exception is a service level below 1e-6,
// which only a hopelessly understaffed Erlang A queue has: it is accurate to about 1e-13 absolute.
//
// # References
//
//   - A. K. Erlang, "Solution of some problems in the theory of probabilities of significance in
//     automatic telephone exchanges", Elektroteknikeren 13, 1917.
//   - C. Palm, "Intensitätsschwankungen im Fernsprechverkehr", Ericsson Technics 44, 1943.
//   - O. Garnett, A. Mandelbaum and M. Reiman, "Designing a call center with impatient
//     customers", Manufacturing & Service Operations Management 4(3), 208–227, 2002.
//   - A. Mandelbaum and S. Zeltyn, "The Palm/Erlang-A queue, with applications to call centers",
//     Technion, 2007.
package erlang
