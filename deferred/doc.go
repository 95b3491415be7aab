// Package deferred schedules deferred work (R25: complaint follow-ups, call backs, outbound calls)
// into the idle phone capacity of a roster, and says what cannot be done by its deadline.
//
// # Idle capacity
//
// In interval t the roster has on_t agents on the phones (after breaks), of whom
// a_t = ⌊on_t·(1 − s)⌋ answer calls after the demand's shrinkage s, as the projected service
// level counts them (erlang.Projection). The inbound queue needs n_t = ⌊R_t·(1 − s)⌋ of them, R_t
// the demand's rostered requirement: the staffing's Erlang C/A requirement on the phones, whose
// own projection is the service-level target (⌊⌈n/(1−s)⌉·(1−s)⌋ = n), and the floors of R1 and
// R12. The idle capacity is the agents above it, I_t = max(0, a_t − n_t), worth I_t·step
// agent-minutes: over-coverage the roster already pays for. Minnan work (R16) is done only by
// Minnan speakers above their own requirement, M_t = min(I_t, max(0, ⌊(m_t − N_t)·(1 − s)⌋)) with
// m_t the speakers on the phones and N_t their requirement. Taking k_t ≤ I_t agents off the phones
// leaves a_t − k_t ≥ n_t answering, so every interval keeps its service-level target; the inbound
// service level with and without deferred work is projected from a_t − k_t and a_t agents, k_t =
// ⌈minutes of deferred work in t / step⌉, and reported (Effect).
//
// # Earliest deadline first
//
// Each item's work is agent-minutes, divisible between intervals and agents (a follow-up of 20
// minutes may be done in two intervals); it may start in the first interval that starts at or
// after its release and is on time in the intervals that end by its deadline. The intervals are
// taken in time order; in each, the capacity goes first to Minnan work on the Minnan speakers'
// spare capacity, then to the other work on what is left, each by earliest deadline first, and
// what remains to work already past its deadline (late, earliest deadline first). Treating each
// minute as a unit job with a window of intervals, this is Glover's greedy for a convex bipartite
// graph, which finds a maximum matching: for one pool of capacity it does the most minutes of work
// by their deadlines that any schedule can (and so meets every deadline whenever any schedule
// does). With Minnan work the pools are two nested ones; the Minnan pool is served first, which is
// that optimum for the Minnan work and, given it, for the rest. An item that follows another
// (After) is released when that one is done, in time order, so its deadline counts from then.
//
// Over-coverage is filled where it is widest first: the placement may use only ⌊f·I_t⌋ of each
// interval's idle agents (⌊f·M_t⌋ speakers), for the least f in 1/20, 2/20, …, 1 that still does
// as many minutes by their deadlines as f = 1. An interval with one agent spare keeps it until the
// work needs it, while one with ten gives several; the marginal service level an agent buys grows
// as the agents answering near the requirement, so spreading the work over the widest margins
// keeps the inbound service level closest to its level without deferred work. The minutes on time
// are those of the f = 1 schedule, the maximum.
//
// # Adding capacity
//
// When work misses its deadline, Raise raises the demand so that a roster solved for it holds the
// work: in every interval the requirement plus the agents the placed work takes off the phones,
// grossed up, ⌈k_t/(1 − s)⌉ (so the capacity it uses is kept); and for each item that missed,
// ⌈⌈missing minutes/step⌉/(1 − s)⌉ more agents between its release and its deadline, on top of
// the agents the roster has there, one at a time where the roster already has people (an interval
// with at least its day's median of agents on the phones) and the inbound load is lowest (the
// requirement, with what was added, per agent on the phones); Minnan speakers too for Minnan work.
// A missing agent in an interval with work added weighs at least the mean under-coverage weight.
// The roster is then solved again and the work placed anew against the original requirement, so
// that all the raise buys is idle capacity.
package deferred
