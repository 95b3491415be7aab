// Package validate is the independent roster checker: given a problem and a roster, and nothing
// else, it recomputes every HARD rule of wfm/hard.go and every term of the objective of
// wfm/objective.go. It is the oracle of the test suite: every roster the solver returns must pass
// Check, and the solver's own score must equal the one Check computes.
//
// It is written from the written specification only (the doc comments of the wfm package and
// RULES.md) and shares no code with the solver: it imports only package wfm and the standard
// library, never package solver or anything below it, so that a misreading of a rule in one of them
// shows up as a disagreement instead of being repeated in both.
//
// Check never panics on a malformed roster (wrong lengths, unknown ids, misdated days, breaks on
// days off, absurd clock values): such defects are reported as violations of wfm.RuleStructure.
// The problem is assumed to have passed wfm.Problem.Validate.
//
// # Decisions
//
// Where the specification leaves room, the checker decides as follows.
//
//   - Structure. The roster's horizon must equal the problem's in start, days, interval and time
//     zone (an empty zone means wfm.DefaultTimeZone on both sides). Day k of a schedule is read from
//     Days[k] by position even when its Date is wrong (which is itself reported). An agent whose
//     schedule has any structure violation (missing, duplicated, wrong length, misdated day,
//     unknown shift, unknown leave type, shift and leave together, breaks on a day without a shift,
//     unknown break kind) is not checked against the per-agent HARD rules, which would only repeat
//     the defect; its readable days (an unknown shift reads as no shift, an unknown leave as none)
//     still count for coverage, the objective and the rules about other agents (R10, R14 mentors).
//     A nil roster is one structure violation and reads as a roster where nobody works.
//   - Leave hours (R3, overtime) count the problem's approved leave days, not the roster's Leave
//     field; R9 makes the two agree on every valid roster. A day counts LeaveHoursPerDay hours when
//     that is positive, else the agent's contract hours (its own, or the rules') over five, for
//     at most five days of each ISO week (a week of leave counts the contract week).
//   - History: a day in the wfm.HistoryDays days before the horizon is worked when a Fixed entry
//     names a shift for it, known and not worked when a Fixed entry says off or approved leave
//     covers it (leave wins over off), and unknown otherwise. History counts for R21 (consecutive
//     days, min rest, CannotFollow against the first day, the minimum runs across the start), for
//     the ISO week that straddles the start (R3: its history shifts' paid time and leave days,
//     its known days for the pro-rata minimum) and for coverage; never for the period's hours,
//     fairness, weekends or requests. A run of work that lies wholly in the history is not reported
//     against the maximum; against a minimum only when it ends the day before the horizon.
//   - The weekly band: the agent's own WeeklyMinHours and WeeklyMaxHours, each bound that is nil
//     the rules' scaled by the agent's contract over ContractHoursPerWeek (unscaled when that is 0).
//     The maximum has no "0 means unlimited": it is compared as written. A minimum of 0 means no
//     weekly minimum, as does a suspended agent. A week's minimum is min·known/7 over its known
//     days; paid + leave of the known days is compared with both bounds.
//   - R22: an agent's own Shifts list is checked on every worked day, together with the group.
//   - R14 stand-in: with MentorStandIn, a trainee whose mentor is on approved leave that day (the
//     problem's leave, whatever the roster shows) or is suspended needs an agent who is neither a
//     trainee nor suspended on its template that day, exactly as a trainee without a mentor.
//   - R4: when Rules.Breaks is on, the stretch limit (MaxContinuousWork) applies to every worked
//     shift, also to one short enough to hold no breaks. Breaks are half-open [start, start+min):
//     a break may start where the other ends. A break's length must equal MealMinutes or
//     RestMinutes by kind.
//   - R4 with Rules.Breaks off: any break on a worked day is one violation for that day.
//   - Fixed: a fixed day off is kept by any day without a shift, a leave day included.
//   - R21 max consecutive days: one violation per run, however far it exceeds the limit.
//   - R21 weekends: a weekend is the Saturday and Sunday of one ISO week; it counts once when either
//     day inside the horizon is worked.
//   - R14: a trainee's mentor unknown to the problem is a violation on each day the trainee works.
//   - Shift demand n_c counts every agent working the template that day, a trainee as 1.
//   - Coverage: the report's Coverage carries required and on-phone counts; ServiceLevel is left
//     empty (it is a projection, not a rule or a term).
//   - R15 sessions: a session is dated by its shift's date (its start past 24:00 inside a night
//     shift), and that date must lie in its occurrence's window. A leader in a session is off duty
//     for R12 as for a break. A session with an unknown activity is not checked further; one with
//     an unknown room is checked for everything but the room. Violations about the session as a
//     whole (window, grid, length, room) name its day and no agent; those about an attendee name
//     the attendee; a double-booked room names the later session's day.
//   - R24: a post is held by the shifts its holders work that day (a night shift's hours past
//     midnight hold nothing the next day, as in the solver). One violation per post and day, naming
//     the A holder, the day, the post, both holders and the uncovered times.
//   - Violation days: a rule about the whole period (period hours, min/max minutes, max shifts)
//     names no day; a weekly rule names the week's first day inside the horizon; a run rule names
//     the first day beyond the limit (max consecutive days) or the run's first day in the horizon
//     (min runs; the first day for a run of the history that the first day ends); min
//     rest and CannotFollow name the later day; max weekends names the first day of the first
//     weekend beyond the limit; R10 names the day and no agent (the detail lists the agents).
package validate
