// Package activities places the sessions of off-phone activities (R15: training, exams, meetings)
// into a solved roster's shifts, after the roster and its breaks, and names the attendees it
// cannot place with the reason.
//
// # Sessions
//
// An activity's attendees are the agents it names, or else Count agents drawn once for all its
// occurrences from those eligible (wfm.Activity.Eligible) who have a schedule, so that groups
// form: with F_a the slots (day of the window, start on the grid) whose span agent a's shift holds
// clear of its breaks and c_x the drawn agents free in slot x, each next agent is the one of
// greatest Σ_{x∈F_a} c_x, then of most slots |F_a| (the first one: the most slots), then first in
// the problem's order. Each occurrence (wfm.Activity.Occurrences) is placed
// on its own, one session at a time. A slot is a day k of the occurrence's window and a start s on
// the interval grid; attendee a is free for it when a works a shift on day k whose span holds
// [s, s+minutes), none of that shift's breaks overlaps it, and no session a already attends
// overlaps it. So the session is work inside the shift: breaks keep their places and every
// stretch of continuous work stays as it was (R4). The session's group is the free attendees of
// the occurrence not yet placed, at most the activity's group limit, the ones with the fewest
// free slots in the occurrence first; its room the first free room that takes the group
// (wfm.Activity.Takes: capacity, own or company, the own room's limit of fewer than ten), own
// rooms first and the smallest first, the group made smaller when only a smaller room is free.
//
// # Cost
//
// Taking the group off the phones during the session changes the coverage terms of the objective
// (wfm/objective.go) only in the intervals the session overlaps, and there by the agents of the
// group who were on the phones: with on_t, minnan_t and leaders_t the roster's counts,
//
//	Δ = Σ_t [f_t(on_t − g_t, minnan_t − m_t, leaders_t − l_t) − f_t(on_t, minnan_t, leaders_t)],
//	f_t(o, m, l) = w.Under·u_t·h(max(0, r_t − o)) + w.Empty·[r_t > 0 ∧ o = 0] + w.Over·max(0, o − r_t)
//	             + w.Minnan·h(max(0, M_t − m)) + w.Leader·max(0, L_t − l),
//
// h(s) = s(s+1)/2 (s when w.Linear, under-coverage only), g_t the group's agents on the phones in
// t (a trainee counts its factor), m_t the Minnan speakers and l_t the leaders among them. Δ is
// exact: it is the change of the objective the independent checker computes, so the sum of the
// sessions' Δ is the roster's objective after placement less before. A session that takes an
// agent off the phones where the roster is over-staffed costs less than nothing (over-coverage
// falls); the convex h makes each further agent short cost more than the one before.
//
// # Choice
//
// For each session the placer takes, among all slots, the largest group any slot allows (fewest
// sessions), and among slots with that group the least Δ, then the earliest. Busiest instead takes
// the slot whose intervals have the most agents required (the busiest hour), for comparison: the
// difference in under-coverage between the two is what choosing the time buys. The greedy is not
// an optimum over all sessions at once; each session's Δ is exact given those placed before it.
//
// An attendee the occurrence cannot place is named with the first reason that holds: on leave on
// every day of the window, no shift in the window, no shift with the session's length free of
// breaks, or every free slot taken by its other sessions or the rooms.
package activities
