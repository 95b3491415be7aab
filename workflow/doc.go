// Package workflow checks the changes agents ask for once a roster is published: leave requests
// (R9 notice, R10 concurrent annual leave) with what the leave costs the roster, and shift swaps
// (R6: notice in working days, monthly cap, day and night groups, and every HARD rule of the roster
// after the swap, by the independent checker of wfm/solver/validate). It also reads the
// full-attendance award (R18) off the month's leave and swaps. It says what an approval does to a
// roster: whether a roster shows approved leave (LeaveShown), the roster with approvals re-applied
// (Reapply), and the problem of a repair solve that makes room for leave (RepairProblem); and what
// an agent may read of a refusal (ForRequester, R20); and what a planner's edit of one agent's day
// breaks and costs (EditDay). It is pure domain logic: no HTTP, no
// storage, no clock. Every "now" is passed in, and the API records each approved change with its
// audit trail (R19) from the DayChange list a decision carries.
//
// Nothing here mutates its input: ApplyLeave and ApplySwap return a new roster. Failures are
// *wfm.Error values: KindInvalid for a malformed request (unknown agent or type, dates out of
// range), KindConflict for a clash with the current state (overlapping leave, a leave day in a
// swap), KindRule for a rule broken, with the rule id of RULES.md. No input, however malformed
// (nil problem or roster, agents missing from the roster, absurd dates), makes a function panic or
// loop without bound.
//
// # Decisions
//
//   - Dates are civil dates in the centre's zone (Problem.Horizon.Location). A request's date is
//     RequestedAt read in that zone; its time of day does not matter.
//   - Leave notice (R9) counts calendar days, as Rules.LeaveNoticeDays says: notice = From − the
//     request date. Sick leave with 3 days' notice requested on the 1st may start on the 4th, not
//     the 3rd. A type missing from the rules' map takes DefaultRules' notice.
//   - Emergency leave is sudden illness: only sick leave qualifies (an emergency of any other type
//     is rejected under R9), it needs no notice but may not start before the day it is reported,
//     and it carries FlagEmergencySick for the paperwork that follows.
//   - R10 counts, on every day of the requested annual leave (inside the horizon or not), the other
//     agents with approved annual leave; the requester makes one more. The cap is
//     Rules.MaxConcurrentAnnualLeave for the centre (no teams yet).
//   - The approved leave CheckLeave weighs is the list passed in; Problem.Leave is not read there.
//     CheckSwap and Impact read Problem.Leave, the leave the roster was built with.
//   - Swap notice (R6) counts working days strictly between the request date and the swap's
//     earliest date: neither the day the request arrives (it may come at 23:59) nor the swap day
//     counts, so that at least SwapNoticeWorkingDays whole working days remain for approval. A
//     working day is cal.IsWorkingDay: Monday to Friday unless a holiday, and a make-up working
//     day (调休) on a weekend counts. With the default of 1: a request on Thursday may swap
//     Saturday or Monday; one on Friday may swap neither (Saturday and Sunday are not working
//     days); one on the Tuesday before a Wednesday holiday may not swap Thursday. A swap of a day
//     before the request date is always rejected.
//   - Swap semantics: A gives up DateA and B gives up DateB; B works A's former day on DateA and A
//     works B's on DateB. On one date the two exchange their days (one may be off: then the other
//     gets the day off). On two dates, A must work DateA and be free on DateB and B the reverse,
//     so that the swap is the exchange of the two agents' days on both dates and nobody gets two
//     shifts. Breaks travel with their shift. A no-op (both off, or the same shift, on one date) is
//     rejected, as is a swap touching a leave day of either agent.
//   - The monthly cap (R6) counts a swap once for each of its agents, in the month of its earliest
//     date (SwapRequest.Month); approvedThisMonth holds the swaps already approved in that month.
//   - After a swap, only HARD violations the roster did not already have are held against it
//     (compared by rule, agent and day), so a stale violation elsewhere does not block every swap.
//     Coverage is SOFT and never blocks a swap or a leave.
//   - Leave impact: shifts lost are those the roster shows on the leave days inside the horizon (a
//     night shift of the day before the leave is kept; one starting on the last leave day is lost
//     whole). Coverage figures come from the independent checker run before and after, so they
//     agree with the objective; the roster returned carries the checker's objective and coverage.
//   - Award (R18): one day of leave or one swap in the month loses the award.
//   - A roster shows approved leave when its problem lists the leave (so that the checker holds the
//     roster to it) and every leave day inside the horizon shows the type; approved leave overrides
//     a fixed day (WithLeave drops the agent's fixed entries on its days).
//   - Reapply keeps an approval only when the roster with it breaks no HARD rule it did not break
//     before, and goes on with the next without it; a swap is re-applied as the exchange of its
//     agents' days on its dates, and one whose agents already have the same days changes nothing.
//   - A repair re-plans every agent on the days around each leave, and over the whole horizon the
//     agents on leave and the agents of the HARD rules the leave breaks: their period hours (R3) and
//     a trainee's shifts beside its mentor (R14) span the month, so that a narrower window often has
//     no roster at all. Days of approved swaps are kept.
//   - Refusals and R20: a refusal that speaks of other agents (the R10 cap names who is away) is a
//     PrivateError with a public side; a conflict or broken rule about another agent reads, to the
//     agent who asked, "<day> is not available" with no rule, field or agent. KindInvalid errors
//     (a malformed request) name no one's private data and are shown as they are.
package workflow
