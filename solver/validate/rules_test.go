package validate

import (
	"strings"
	"testing"

	"wfm"
)

// TestHardRules mutates the base problem or roster minimally so that it breaks exactly one rule
// (or, for the "ok" rows, none) and checks that exactly that is reported.
func TestHardRules(t *testing.T) {
	for _, tc := range []struct {
		name    string
		problem func(p *wfm.Problem)
		roster  func(r *wfm.Roster)
		want    []want
	}{
		// Structure.
		{name: "structure horizon days", roster: func(r *wfm.Roster) { r.Horizon.Days = 8 },
			want: []want{{wfm.RuleStructure, "", ""}}},
		{name: "structure horizon interval", roster: func(r *wfm.Roster) { r.Horizon.IntervalMinutes = 15 },
			want: []want{{wfm.RuleStructure, "", ""}}},
		{name: "structure horizon start", roster: func(r *wfm.Roster) { r.Horizon.Start++ },
			want: []want{{wfm.RuleStructure, "", ""}}},
		{name: "ok horizon zone empty means default", roster: func(r *wfm.Roster) { r.Horizon.TimeZone = "" }},
		{name: "structure horizon zone", roster: func(r *wfm.Roster) { r.Horizon.TimeZone = "Europe/Paris" },
			want: []want{{wfm.RuleStructure, "", ""}}},
		{name: "structure missing schedule", roster: func(r *wfm.Roster) { r.Schedules = r.Schedules[:5] },
			want: []want{{wfm.RuleStructure, "susp", ""}}},
		{name: "structure unknown agent", roster: func(r *wfm.Roster) {
			r.Schedules = append(r.Schedules, planned("ghost", monday, []string{".", ".", ".", ".", ".", ".", "."}))
		}, want: []want{{wfm.RuleStructure, "ghost", ""}}},
		{name: "structure duplicate schedule", roster: func(r *wfm.Roster) {
			r.Schedules = append(r.Schedules, *sched(r, "lead"))
		}, want: []want{{wfm.RuleStructure, "lead", ""}}},
		{name: "structure days short", roster: func(r *wfm.Roster) { s := sched(r, "lead"); s.Days = s.Days[:6] },
			want: []want{{wfm.RuleStructure, "lead", ""}}},
		{name: "structure days long", roster: func(r *wfm.Roster) {
			s := sched(r, "lead")
			s.Days = append(s.Days, wfm.DaySchedule{Date: monday.AddDays(7)})
		}, want: []want{{wfm.RuleStructure, "lead", ""}}},
		{name: "structure days nil", roster: func(r *wfm.Roster) { sched(r, "susp").Days = nil },
			want: []want{{wfm.RuleStructure, "susp", ""}}},
		{name: "structure misdated day", roster: func(r *wfm.Roster) { sched(r, "lead").Days[wed].Date++ },
			want: []want{{wfm.RuleStructure, "lead", dayStr(wed)}}},
		{name: "structure unknown shift", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Shift = "X" },
			want: []want{{wfm.RuleStructure, "lead", dayStr(mon)}}},
		{name: "structure shift off", roster: func(r *wfm.Roster) { sched(r, "lead").Days[fri].Shift = wfm.Off },
			want: []want{{wfm.RuleStructure, "lead", dayStr(fri)}}},
		{name: "structure unknown leave", roster: func(r *wfm.Roster) { sched(r, "susp").Days[mon].Leave = "vacation" },
			want: []want{{wfm.RuleStructure, "susp", dayStr(mon)}}},
		{name: "structure shift and leave", roster: func(r *wfm.Roster) {
			d := &sched(r, "minnan").Days[tue]
			d.Shift, d.Breaks = "D", breaksFor("minnan", "D")
		}, want: []want{{wfm.RuleStructure, "minnan", dayStr(tue)}}},
		{name: "structure breaks on day off", roster: func(r *wfm.Roster) {
			sched(r, "lead").Days[fri].Breaks = brk(hm(12, 0), hm(14, 0))
		}, want: []want{{wfm.RuleStructure, "lead", dayStr(fri)}}},
		{name: "structure breaks on leave day", roster: func(r *wfm.Roster) {
			sched(r, "minnan").Days[tue].Breaks = brk(hm(12, 0), hm(14, 0))
		}, want: []want{{wfm.RuleStructure, "minnan", dayStr(tue)}}},
		{name: "structure unknown break kind", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks[0].Kind = "nap" },
			want: []want{{wfm.RuleStructure, "lead", dayStr(mon)}}},

		// R3 hours.
		{name: "R3 period hours", roster: func(r *wfm.Roster) { work(r, "mentor", fri, "D") },
			want: []want{{"R3", "mentor", ""}}},
		{name: "ok R3 period hours within overtime cap",
			problem: func(p *wfm.Problem) { p.Rules.Overtime = true },
			roster:  func(r *wfm.Roster) { work(r, "mentor", fri, "D") }},
		{name: "R3 period hours beyond agent's overtime cap",
			problem: func(p *wfm.Problem) { p.Rules.Overtime = true; agent(p, "mentor").OvertimeCapHours = 1 },
			roster:  func(r *wfm.Roster) { work(r, "mentor", fri, "D") },
			want:    []want{{"R3", "mentor", ""}}},
		{name: "R3 period hours agent contract",
			problem: func(p *wfm.Problem) { agent(p, "mentor").ContractHours = 34 },
			want:    []want{{"R3", "mentor", ""}}},
		{name: "R3 weekly min", roster: func(r *wfm.Roster) { work(r, "lead", thu, "") },
			want: []want{{"R3", "lead", dayStr(mon)}}},
		{name: "ok R3 weekly min 0",
			problem: func(p *wfm.Problem) { p.Rules.WeeklyMinHours = 0 },
			roster:  func(r *wfm.Roster) { work(r, "lead", thu, "") }},
		{name: "ok R3 weekly min counts leave",
			problem: func(p *wfm.Problem) { p.Rules.LeaveHoursPerDay = 7 }, // minnan: 2110 − 480 + 420 = 2050 ≥ 1920
		},
		// minnan: 1630 + 2400/5 ≥ 1920 with the default leave_hours_per_day 0.
		{name: "ok R3 weekly min counts leave a working day of the contract week"},
		{name: "R3 weekly min with little leave hours",
			problem: func(p *wfm.Problem) { p.Rules.LeaveHoursPerDay = 0.5 }, // minnan: 1630 + 30 < 1920
			want:    []want{{"R3", "minnan", dayStr(mon)}}},
		{name: "R3 weekly max",
			problem: func(p *wfm.Problem) {
				agent(p, "mentor").ContractHours, agent(p, "mentor").WeeklyMaxHours = 60, ptr(48.0)
			},
			roster: func(r *wfm.Roster) { work(r, "mentor", fri, "D"); work(r, "mentor", sat, "D") }, // 6·520 = 52 h
			want:   []want{{"R3", "mentor", dayStr(mon)}}},
		{name: "ok R3 weekly max scaled by the contract", // 60 h: 48–72 h
			problem: func(p *wfm.Problem) { agent(p, "mentor").ContractHours = 60 },
			roster:  func(r *wfm.Roster) { work(r, "mentor", fri, "D"); work(r, "mentor", sat, "D") }},
		{name: "R3 weekly max binds paid time", // minnan: paid 2110 − 480 = 1630 > 1620
			problem: func(p *wfm.Problem) {
				agent(p, "minnan").WeeklyMaxHours, agent(p, "minnan").WeeklyMinHours = ptr(27.0), ptr(0.0)
			},
			want: []want{{"R3", "minnan", dayStr(mon)}}},
		{name: "ok R3 weekly max does not count leave", // paid 1630 ≤ 1650, though 1630 + 480 of leave is not
			problem: func(p *wfm.Problem) {
				agent(p, "minnan").WeeklyMaxHours, agent(p, "minnan").WeeklyMinHours = ptr(27.5), ptr(0.0)
			}},
		{name: "R3 weekly min scaled by the contract", // lead 4·530 = 2120 < 50 h·0.8 = 2400
			problem: func(p *wfm.Problem) { agent(p, "lead").ContractHours = 50 },
			want:    []want{{"R3", "lead", dayStr(mon)}}},
		{name: "ok R3 weekly band of a part-timer", // 36 h: 28.8–43.2 h, contract 2160 ≥ 2120
			problem: func(p *wfm.Problem) { agent(p, "lead").ContractHours = 36 }},
		{name: "R3 agent's own weekly min",
			problem: func(p *wfm.Problem) { agent(p, "lead").WeeklyMinHours = ptr(36.0) }, // 2120 < 2160
			want:    []want{{"R3", "lead", dayStr(mon)}}},
		{name: "R3 agent's own weekly max",
			problem: func(p *wfm.Problem) { agent(p, "lead").WeeklyMaxHours = ptr(35.0) }, // 2120 > 2100
			want:    []want{{"R3", "lead", dayStr(mon)}}},
		{name: "ok R3 agent's own band",
			problem: func(p *wfm.Problem) {
				agent(p, "lead").WeeklyMinHours, agent(p, "lead").WeeklyMaxHours = ptr(35.0), ptr(36.0)
			}},
		{name: "R3 max shifts per template",
			problem: func(p *wfm.Problem) { limits(p, "lead").MaxShifts = map[string]int{"D": 3} },
			want:    []want{{"R3", "lead", ""}}},
		{name: "ok R3 max shifts of another template",
			problem: func(p *wfm.Problem) { limits(p, "lead").MaxShifts = map[string]int{"E": 0, "D": 4} }},
		{name: "R3 min minutes",
			problem: func(p *wfm.Problem) { limits(p, "lead").MinMinutes = ptr(2121) }, // lead 4·530 = 2120
			want:    []want{{"R3", "lead", ""}}},
		{name: "ok R3 min minutes met",
			problem: func(p *wfm.Problem) {
				limits(p, "lead").MinMinutes = ptr(2120)
				limits(p, "lead").MaxMinutes = ptr(2120)
			}},
		{name: "R3 max minutes",
			problem: func(p *wfm.Problem) { limits(p, "lead").MaxMinutes = ptr(2119) },
			want:    []want{{"R3", "lead", ""}}},
		{name: "R3 max minutes exclude leave",
			problem: func(p *wfm.Problem) { limits(p, "minnan").MaxMinutes = ptr(1630) }}, // 520 + 3·370

		// R4 breaks.
		{name: "R4 breaks missing", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks = nil },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "R4 rest missing", roster: func(r *wfm.Roster) { d := &sched(r, "lead").Days[mon]; d.Breaks = d.Breaks[:1] },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "R4 two meals", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks[1].Kind = wfm.BreakMeal },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "R4 meal too long", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks[0].Minutes = 45 },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "R4 break before window", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks[0].Start = hm(8, 30) },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "R4 break ends after window", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks[1].Start = hm(15, 30) },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "ok R4 breaks at the window's edges", roster: func(r *wfm.Roster) {
			sched(r, "lead").Days[mon].Breaks = brk(hm(9, 0), hm(15, 0)) // 08:00–09:00, 09:30–15:00 = 330, 15:30–16:30
		}},
		{name: "R4 break off grid", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks[0].Start = hm(12, 10) },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "R4 night break off grid past midnight", roster: func(r *wfm.Roster) { sched(r, "night").Days[mon].Breaks[0].Start = hm(25, 45) },
			want: []want{{"R4", "night", dayStr(mon)}}},
		{name: "R4 breaks overlap", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks[1].Start = hm(12, 0) },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "ok R4 breaks back to back", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks = brk(hm(12, 0), hm(12, 30)) }},
		{name: "R4 stretch too long", roster: func(r *wfm.Roster) { sched(r, "lead").Days[mon].Breaks = brk(hm(9, 0), hm(9, 30)) },
			want: []want{{"R4", "lead", dayStr(mon)}}},
		{name: "R4 night stretch too long", roster: func(r *wfm.Roster) { sched(r, "night").Days[tue].Breaks = brk(hm(23, 0), hm(23, 30)) },
			want: []want{{"R4", "night", dayStr(tue)}}},
		{name: "R4 breaks on short shift", roster: func(r *wfm.Roster) {
			sched(r, "minnan").Days[wed].Breaks = []wfm.Break{{Kind: wfm.BreakRest, Start: hm(18, 0), Minutes: 30}}
		}, want: []want{{"R4", "minnan", dayStr(wed)}}},
		{name: "R4 short shift stretch when breaks come later",
			problem: func(p *wfm.Problem) { p.Rules.BreaksAfter = 400; p.Rules.MaxContinuousWork = 300 },
			roster: func(r *wfm.Roster) {
				for _, k := range []int{wed, thu, fri} {
					sched(r, "minnan").Days[k].Breaks = nil
				}
			},
			want: []want{{"R4", "minnan", dayStr(wed)}, {"R4", "minnan", dayStr(thu)}, {"R4", "minnan", dayStr(fri)}}},

		// R21 rest.
		{name: "R21 max consecutive days with history",
			problem: func(p *wfm.Problem) {
				for k := -3; k < 0; k++ {
					p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "lead", Date: monday.AddDays(k), Shift: "D"})
				}
			},
			want: []want{{"R21", "lead", dayStr(thu)}}},
		{name: "ok R21 history run of 6",
			problem: func(p *wfm.Problem) {
				for k := -2; k < 0; k++ {
					p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "lead", Date: monday.AddDays(k), Shift: "D"})
				}
			}},
		{name: "ok R21 run wholly in the history",
			problem: func(p *wfm.Problem) {
				limits(p, "lead").MaxConsecutiveDays = ptr(4)
				for k := -7; k < -1; k++ {
					p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "lead", Date: monday.AddDays(k), Shift: "D"})
				}
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "lead", Date: monday.AddDays(-1), Shift: wfm.Off})
			}},
		{name: "R21 max consecutive days agent limit",
			problem: func(p *wfm.Problem) { limits(p, "lead").MaxConsecutiveDays = ptr(3) },
			want:    []want{{"R21", "lead", dayStr(thu)}}},
		{name: "R21 max consecutive days rule",
			problem: func(p *wfm.Problem) { p.Rules.MaxConsecutiveDays = 3; limits(p, "lead").MaxConsecutiveDays = ptr(4) },
			want:    []want{{"R21", "mentor", dayStr(thu)}, {"R21", "trainee", dayStr(thu)}}},
		{name: "R21 min rest", roster: func(r *wfm.Roster) { work(r, "lead", mon, "E") },
			want: []want{{"R21", "lead", dayStr(tue)}}},
		{name: "R21 min rest with history",
			problem: func(p *wfm.Problem) {
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "lead", Date: monday.AddDays(-1), Shift: "E"})
			},
			want: []want{{"R21", "lead", dayStr(mon)}}},
		{name: "R21 cannot follow", roster: func(r *wfm.Roster) { work(r, "lead", thu, "E") },
			want: []want{{"R21", "lead", dayStr(thu)}}},
		{name: "R21 cannot follow with history",
			problem: func(p *wfm.Problem) { p.Shifts[2].CannotFollow = []string{"N"} },
			want:    []want{{"R21", "night", dayStr(mon)}, {"R21", "night", dayStr(tue)}, {"R21", "night", dayStr(sat)}}},
		{name: "R21 min consecutive days",
			problem: func(p *wfm.Problem) { limits(p, "night").MinConsecutiveDays = ptr(3) },
			want:    []want{{"R21", "night", dayStr(fri)}}},
		{name: "R21 min consecutive days off",
			problem: func(p *wfm.Problem) { limits(p, "night").MinConsecutiveDaysOff = ptr(3) },
			want:    []want{{"R21", "night", dayStr(wed)}}},
		{name: "R21 min consecutive days off counts leave as off",
			problem: func(p *wfm.Problem) { p.Rules.MinConsecutiveDaysOff = 2 },
			want:    []want{{"R21", "minnan", dayStr(tue)}}},
		{name: "ok R21 runs touching the horizon's edges",
			problem: func(p *wfm.Problem) {
				limits(p, "lead").MinConsecutiveDays = ptr(5)
				limits(p, "lead").MinConsecutiveDaysOff = ptr(5)
				p.Rules.MinConsecutiveDays = 2
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "minnan", Date: monday.AddDays(-1), Shift: "D"})
			}},
		{name: "R21 max weekends agent limit",
			problem: func(p *wfm.Problem) { limits(p, "night").MaxWeekends = ptr(0) },
			want:    []want{{"R21", "night", dayStr(sat)}}},
		{name: "R21 max weekends rule",
			problem: func(p *wfm.Problem) { p.Rules.MaxWeekends = ptr(0) },
			want:    []want{{"R21", "night", dayStr(sat)}}},
		{name: "ok R21 max weekends 1",
			problem: func(p *wfm.Problem) { p.Rules.MaxWeekends = ptr(1) }},

		// R9, R10 leave.
		{name: "R9 leave missing", roster: func(r *wfm.Roster) { sched(r, "minnan").Days[tue].Leave = "" },
			want: []want{{"R9", "minnan", dayStr(tue)}}},
		{name: "R9 leave of the wrong type", roster: func(r *wfm.Roster) { sched(r, "minnan").Days[tue].Leave = wfm.LeaveSick },
			want: []want{{"R9", "minnan", dayStr(tue)}}},
		{name: "R9 leave not approved", roster: func(r *wfm.Roster) { sched(r, "lead").Days[fri].Leave = wfm.LeaveSick },
			want: []want{{"R9", "lead", dayStr(fri)}}},
		{name: "R9 shift on leave day", roster: func(r *wfm.Roster) { work(r, "minnan", tue, "E") }, // paid 2000 > 2400 − 480
			want: []want{{"R9", "minnan", dayStr(tue)}, {"R21", "minnan", dayStr(tue)}, {"R3", "minnan", ""}}},
		{name: "R10 concurrent annual leave",
			problem: func(p *wfm.Problem) { p.Rules.MaxConcurrentAnnualLeave = 0 },
			want:    []want{{"R10", "", dayStr(tue)}}},
		{name: "R10 with unapproved annual leave", roster: func(r *wfm.Roster) { sched(r, "susp").Days[tue].Leave = wfm.LeaveAnnual },
			want: []want{{"R9", "susp", dayStr(tue)}, {"R10", "", dayStr(tue)}}},

		// R14 people.
		{name: "R14 suspended works", roster: func(r *wfm.Roster) { work(r, "susp", mon, "D") },
			want: []want{{"R14", "susp", dayStr(mon)}}},
		{name: "R14 trainee without mentor on shift", roster: func(r *wfm.Roster) {
			work(r, "trainee", thu, "")
			work(r, "trainee", fri, "D")
		}, want: []want{{"R14", "trainee", dayStr(fri)}}},
		{name: "R14 trainee with no mentor alone on shift",
			problem: func(p *wfm.Problem) { agent(p, "trainee").Mentor = "" },
			roster: func(r *wfm.Roster) {
				work(r, "trainee", thu, "")
				work(r, "trainee", fri, "D")
			}, want: []want{{"R14", "trainee", dayStr(fri)}}},
		{name: "ok R14 trainee with no mentor among others",
			problem: func(p *wfm.Problem) { agent(p, "trainee").Mentor = "" }},
		{name: "R14 trainee whose mentor is away or on another shift",
			problem: func(p *wfm.Problem) { agent(p, "trainee").Mentor = "minnan" }, // minnan: D, leave, E, E
			want:    []want{{"R14", "trainee", dayStr(tue)}, {"R14", "trainee", dayStr(wed)}, {"R14", "trainee", dayStr(thu)}}},
		{name: "R14 mentor on leave without stand-in", problem: mentorSick(thu, false), roster: mentorOnLeave(thu),
			want: []want{{"R14", "trainee", dayStr(thu)}}},
		{name: "ok R14 a colleague stands in for the mentor on leave", problem: mentorSick(thu, true), roster: mentorOnLeave(thu)}, // lead on D
		{name: "ok R14 a colleague on another template stands in", problem: mentorSick(fri, true), // minnan on E
			roster: func(r *wfm.Roster) {
				work(r, "mentor", thu, "")
				mentorOnLeave(fri)(r)
				work(r, "trainee", thu, "")
				work(r, "trainee", fri, "E")
			}},
		{name: "R14 nobody to stand in", problem: mentorSick(fri, true),
			roster: func(r *wfm.Roster) {
				work(r, "mentor", thu, "")
				mentorOnLeave(fri)(r)
				work(r, "minnan", fri, "")
				work(r, "trainee", thu, "")
				work(r, "trainee", fri, "E")
			},
			want: []want{{"R14", "trainee", dayStr(fri)}}},
		{name: "R14 no stand-in for a mentor merely off", problem: func(p *wfm.Problem) {
			p.Rules.WeeklyMinHours, p.Rules.MentorStandIn = 24, true
		}, roster: func(r *wfm.Roster) { work(r, "mentor", thu, "") },
			want: []want{{"R14", "trainee", dayStr(thu)}}},
		{name: "R14 suspended mentor without stand-in", problem: func(p *wfm.Problem) { agent(p, "trainee").Mentor = "susp" },
			want: []want{{"R14", "trainee", dayStr(mon)}, {"R14", "trainee", dayStr(tue)}, {"R14", "trainee", dayStr(wed)}, {"R14", "trainee", dayStr(thu)}}},
		{name: "ok R14 colleagues stand in for a suspended mentor", problem: func(p *wfm.Problem) {
			agent(p, "trainee").Mentor, p.Rules.MentorStandIn = "susp", true
		}},
		{name: "R14 unknown mentor",
			problem: func(p *wfm.Problem) { agent(p, "trainee").Mentor = "ghost" },
			want: []want{{"R14", "trainee", dayStr(mon)}, {"R14", "trainee", dayStr(tue)},
				{"R14", "trainee", dayStr(wed)}, {"R14", "trainee", dayStr(thu)}}},

		// R22 groups and the agent's own templates.
		{name: "R22 template not on the agent's list",
			problem: func(p *wfm.Problem) { agent(p, "minnan").Shifts = []string{"E"} },
			want:    []want{{"R22", "minnan", dayStr(mon)}}},
		{name: "ok R22 templates on the agent's list",
			problem: func(p *wfm.Problem) { agent(p, "minnan").Shifts = []string{"E", "D"} }},
		{name: "R22 day agent on night shift", roster: func(r *wfm.Roster) { work(r, "minnan", fri, "N") },
			want: []want{{"R22", "minnan", dayStr(fri)}}},
		{name: "R22 night agent on day shift", roster: func(r *wfm.Roster) {
			work(r, "night", thu, "E")
			work(r, "night", sat, "")
		}, want: []want{{"R22", "night", dayStr(thu)}}},

		// Fixed assignments.
		{name: "fixed day off worked", roster: func(r *wfm.Roster) {
			work(r, "lead", thu, "")
			work(r, "lead", fri, "D")
		}, want: []want{{wfm.RuleFixed, "lead", dayStr(fri)}}},
		{name: "fixed shift not kept",
			problem: func(p *wfm.Problem) {
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "lead", Date: monday.AddDays(tue), Shift: "E"})
			},
			want: []want{{wfm.RuleFixed, "lead", dayStr(tue)}}},
		{name: "fixed shift on a day off",
			problem: func(p *wfm.Problem) {
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "lead", Date: monday.AddDays(sat), Shift: "D"})
			},
			want: []want{{wfm.RuleFixed, "lead", dayStr(sat)}}},
		{name: "ok fixed day off on leave",
			problem: func(p *wfm.Problem) {
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "minnan", Date: monday.AddDays(tue), Shift: wfm.Off})
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, r := baseProblem(), baseRoster()
			if tc.problem != nil {
				tc.problem(p)
			}
			if tc.roster != nil {
				tc.roster(r)
			}
			expect(t, Check(p, r), tc.want...)
		})
	}
}

// mentorSick gives the mentor a day of sick leave on day k (the weekly minimum lowered to 24 h so
// that every agent keeps it with a day less), with or without MentorStandIn.
func mentorSick(k int, standIn bool) func(p *wfm.Problem) {
	return func(p *wfm.Problem) {
		p.Rules.WeeklyMinHours, p.Rules.MentorStandIn = 24, standIn
		p.Leave = append(p.Leave, wfm.Leave{Agent: "mentor", Type: wfm.LeaveSick, From: monday.AddDays(k), To: monday.AddDays(k)})
	}
}

// mentorOnLeave shows the mentor's sick leave on day k in the roster.
func mentorOnLeave(k int) func(r *wfm.Roster) {
	return func(r *wfm.Roster) {
		sched(r, "mentor").Days[k] = wfm.DaySchedule{Date: monday.AddDays(k), Leave: wfm.LeaveSick}
	}
}

func TestNilRosterAndProblem(t *testing.T) {
	rep := Check(baseProblem(), nil)
	expect(t, rep, want{wfm.RuleStructure, "", ""})
	if rep.OK() {
		t.Error("nil roster OK")
	}
	if len(rep.Objective.Terms) != len(wfm.TermNames) {
		t.Errorf("%d terms", len(rep.Objective.Terms))
	}
	rep = Check(nil, baseRoster())
	expect(t, rep, want{wfm.RuleStructure, "", ""})
	var none *Report
	if none.OK() {
		t.Error("nil report OK")
	}
}

// TestBreaksOff: with Rules.Breaks off a worked day holds no breaks, and no stretch limit applies.
func TestBreaksOff(t *testing.T) {
	p, r := baseProblem(), baseRoster()
	p.Rules.Breaks = false
	rep := Check(p, r)
	n := 0
	for _, v := range rep.Violations {
		if v.Rule != "R4" {
			t.Errorf("unexpected %v", v)
		}
		n++
	}
	// lead 4, minnan 1 (D Monday), mentor 4, trainee 4, night 4: every D and N worked.
	if n != 17 {
		t.Errorf("%d R4 violations, want 17", n)
	}
	for i := range r.Schedules {
		for k := range r.Schedules[i].Days {
			r.Schedules[i].Days[k].Breaks = nil
		}
	}
	expect(t, Check(p, r))
}

// TestPartialWeeks: a horizon from Wednesday 2026-12-02 to Tuesday 2026-12-15 (14 days) touches
// three ISO weeks. The middle one carries the whole minimum; the first (five days) and the last (two)
// carry it pro rata over their known days, the first over the whole week when the history states
// the days before the horizon; every one has the whole maximum over its known days.
func TestPartialWeeks(t *testing.T) {
	start := monday.AddDays(wed)
	p := &wfm.Problem{
		Horizon:     wfm.Horizon{Start: start, Days: 14, IntervalMinutes: 30},
		Rules:       wfm.DefaultRules(),
		Shifts:      []wfm.ShiftTemplate{{ID: "S", Start: hm(9, 0), Minutes: 360}}, // 6 h + 10 min = 370 min
		Agents:      []wfm.Agent{{ID: "a", Group: wfm.GroupDay}},
		ShiftDemand: []wfm.ShiftCover{{Date: start, Shift: "S", Required: 1, UnderWeight: 1}},
	}
	p.Rules.ContractHoursPerWeek = 60 // 514²⁄₇ min a day of leave
	p.Rules.WeeklyMaxHours = 25       // 1500 min: 4 shifts (1480) fit, 5 (1850) do not
	p.Rules.WeeklyMinHours = 18       // 1080 min a week: 771³⁄₇ over five days, 308⁴⁄₇ over two
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	roster := func(days string) *wfm.Roster {
		return &wfm.Roster{Horizon: p.Horizon, Schedules: []wfm.AgentSchedule{planned("a", start, splitDays(days))}}
	}
	first, middle, last := want{"R3", "a", start.String()}, want{"R3", "a", start.AddDays(5).String()}, want{"R3", "a", start.AddDays(12).String()}
	for _, tc := range []struct {
		name    string
		history []wfm.Fixed
		leave   []wfm.Leave
		min     *float64 // the agent's own weekly minimum, when set
		days    string   // Wed..Sun | Mon..Sun | Mon Tue
		want    []want
	}{
		{name: "every week within its band", days: "S S S . . | S S S . . . . | S ."},
		{name: "first week over the max though cut", days: "S S S S S | . S S S . . . | S .", want: []want{first}},
		{name: "first week short of its share", days: "S S . . . | S S S . . . . | S .", want: []want{first}}, // 740 < 771
		{name: "middle week short", days: "S S S . . | S S . . . . . | S .", want: []want{middle}},
		{name: "last week short of its share", days: "S S S . . | S S S . . . . | . .", want: []want{last}},
		{name: "the previous roster's days complete the first week",
			history: []wfm.Fixed{{Agent: "a", Date: start.AddDays(-2), Shift: "S"}, {Agent: "a", Date: start.AddDays(-1), Shift: "S"}},
			days:    "S . . . . | S S S . . . . | S ."}, // 740 + 370 ≥ 1080
		{name: "without history 16 h pro rata over five days are met", min: ptr(16.0),
			days: "S S . . . | S S S . . . . | S .", // 740 ≥ 960·5/7
		},
		{name: "with the days before the horizon the week is judged whole", min: ptr(16.0),
			history: []wfm.Fixed{{Agent: "a", Date: start.AddDays(-2), Shift: wfm.Off}, {Agent: "a", Date: start.AddDays(-1), Shift: wfm.Off}},
			days:    "S S . . . | S S S . . . . | S .", want: []want{first}}, // 740 < 960
		{name: "history shifts count against the max",
			history: []wfm.Fixed{{Agent: "a", Date: start.AddDays(-2), Shift: "S"}, {Agent: "a", Date: start.AddDays(-1), Shift: "S"}},
			days:    "S S S . . | S S S . . . . | S .", want: []want{first}}, // 740 + 1110 > 1500
		{name: "leave before the horizon counts in the first week",
			leave: []wfm.Leave{{Agent: "a", Type: wfm.LeaveSick, From: start.AddDays(-5), To: start.AddDays(-1)}},
			days:  "S . . . . | S S S . . . . | S ."}, // 2 days of 720 + 370 ≥ 1080
		{name: "leave before the horizon does not count against the max",
			leave: []wfm.Leave{{Agent: "a", Type: wfm.LeaveSick, From: start.AddDays(-2), To: start.AddDays(-1)}},
			days:  "S S S S . | S S S . . . . | S ."}, // paid 1480 ≤ 1500 (with the leave's 1440 it would not be)
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := *p
			q.Fixed, q.Leave = tc.history, tc.leave
			q.Agents = []wfm.Agent{{ID: "a", Group: wfm.GroupDay, WeeklyMinHours: tc.min}}
			if err := q.Validate(); err != nil {
				t.Fatal(err)
			}
			expect(t, Check(&q, roster(tc.days)), tc.want...)
		})
	}
	// The last partial week's max is whole over its two days.
	p.Rules.WeeklyMaxHours = 12 // 720 min: one shift fits, two (740) do not
	p.Rules.WeeklyMinHours = 0
	expect(t, Check(p, roster(". . . . . | S . . . . . . | S S")), last)
}

// splitDays reads day tokens, ignoring the "|" that mark weeks.
func splitDays(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if f != "|" {
			out = append(out, f)
		}
	}
	return out
}

// TestMinRestAnyGap: min rest holds between consecutive worked days however far apart; a night
// shift ending 08:00 and a day shift at 08:00 two days later leave 24 h.
func TestMinRestAnyGap(t *testing.T) {
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: monday, Days: 3, IntervalMinutes: 30},
		Rules:   wfm.DefaultRules(),
		Shifts: []wfm.ShiftTemplate{
			{ID: "D", Start: hm(8, 0), Minutes: 360},
			{ID: "N", Start: hm(22, 0), Minutes: 600},
		},
		Agents:      []wfm.Agent{{ID: "a", Group: wfm.GroupAny}},
		ShiftDemand: []wfm.ShiftCover{{Date: monday, Shift: "D", Required: 1, UnderWeight: 1}},
	}
	p.Rules.Breaks = false
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	r := &wfm.Roster{Horizon: p.Horizon, Schedules: []wfm.AgentSchedule{planned("a", monday, []string{"N", ".", "D"})}}
	r.Schedules[0].Days[mon].Breaks, r.Schedules[0].Days[wed].Breaks = nil, nil
	expect(t, Check(p, r))
	p.Rules.MinRestMinutes = 1441
	expect(t, Check(p, r), want{"R21", "a", dayStr(wed)})
	p.Rules.MinRestMinutes = 1440
	expect(t, Check(p, r))
}

// TestDetails: a violation says what is wrong and by how much.
func TestDetails(t *testing.T) {
	p, r := baseProblem(), baseRoster()
	for k := -3; k < 0; k++ {
		p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "lead", Date: monday.AddDays(k), Shift: "D"})
	}
	work(r, "mentor", fri, "D")
	work(r, "minnan", fri, "N")
	sched(r, "night").Days[mon].Breaks[0].Start = hm(25, 45)
	want := map[string]string{
		"R21 agent lead 2026-12-03":   "worked 7 consecutive days 2026-11-27..2026-12-03, max 6",
		"R3 agent mentor":             "paid 43.33 h over the period, contract − leave = 40 h: 3.33 h too many",
		"R22 agent minnan 2026-12-04": `agent of group "day" works night shift N`,
		"R4 agent night 2026-11-30":   "meal break at 25:45 is not on the 30-min grid (15 min off)",
	}
	got := map[string]string{}
	for _, v := range Check(p, r).Violations {
		key := v.Rule + " agent " + v.Agent
		if v.Day != "" {
			key += " " + v.Day
		}
		got[key] += v.Detail
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
}

// TestRunsAcrossTheStart: the minimum runs of work and rest (R21) across the horizon's first day.
// Without history a run touching the first day is exempt; with the days before the horizon known
// it is judged on its whole length, and a run of the history that the first day ends is judged
// too; a run whose start the history does not state stays exempt. Leave before the horizon is rest.
func TestRunsAcrossTheStart(t *testing.T) {
	p := &wfm.Problem{
		Horizon:     wfm.Horizon{Start: monday, Days: 7, IntervalMinutes: 30},
		Rules:       wfm.DefaultRules(),
		Shifts:      []wfm.ShiftTemplate{{ID: "S", Start: hm(9, 0), Minutes: 360}},
		Agents:      []wfm.Agent{{ID: "a", Group: wfm.GroupDay}},
		ShiftDemand: []wfm.ShiftCover{{Date: monday, Shift: "S", Required: 1, UnderWeight: 1}},
	}
	p.Rules.WeeklyMinHours, p.Rules.MinConsecutiveDays, p.Rules.MinConsecutiveDaysOff = 0, 2, 2
	hist := func(spec string) []wfm.Fixed { // tokens for the days before the horizon, the last one the day before it
		var out []wfm.Fixed
		toks := splitDays(spec)
		for i, tok := range toks {
			d := monday.AddDays(i - len(toks))
			switch tok {
			case "S":
				out = append(out, wfm.Fixed{Agent: "a", Date: d, Shift: "S"})
			case ".":
				out = append(out, wfm.Fixed{Agent: "a", Date: d, Shift: wfm.Off})
			}
		}
		return out
	}
	mon := want{"R21", "a", dayStr(0)}
	for _, tc := range []struct {
		name    string
		history string // "?" an unknown day
		leave   int    // days of leave ending the day before the horizon
		minOff  int    // MinConsecutiveDaysOff when set
		days    string
		want    []want
	}{
		{name: "no history: a run touching the first day is exempt", days: ". S S . . S S"},
		{name: "a day off before the horizon closed by the first day", history: "S .", days: "S S . . S S S", want: []want{mon}},
		{name: "its start unknown", history: "? .", days: "S S . . S S S"},
		{name: "two days off before the horizon", history: "S . .", days: "S S . . S S S"},
		{name: "a history run of work the first day ends", history: ". S", days: ". . S S . . S", want: []want{mon}},
		{name: "a run of work continued from the history", history: ". S", days: "S . . S S . ."},
		{name: "one day of work counted with the history", history: "S . S", days: "S . . S S . ."},
		{name: "a run off continued from the history", history: "S .", days: ". S S . . S S"},
		{name: "a short run wholly in the history is not the roster's", history: "S . S S", days: "S . . S S . ."},
		{name: "leave before the horizon is rest", history: "S ? ?", leave: 2, minOff: 3, days: "S S . . . S S", want: []want{mon}},
		{name: "leave and a day off before the horizon", history: "S . ? ?", leave: 2, minOff: 3, days: "S S . . . S S"},
		{name: "a run touching the last day is exempt", history: "S .", days: ". S S . . . S"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := *p
			q.Fixed = hist(tc.history)
			q.Leave = nil
			if tc.leave > 0 {
				q.Leave = []wfm.Leave{{Agent: "a", Type: wfm.LeaveAnnual, From: monday.AddDays(-tc.leave), To: monday.AddDays(-1)}}
			}
			if tc.minOff > 0 {
				q.Rules.MinConsecutiveDaysOff = tc.minOff
			}
			if err := q.Validate(); err != nil {
				t.Fatal(err)
			}
			r := &wfm.Roster{Horizon: q.Horizon, Schedules: []wfm.AgentSchedule{planned("a", monday, splitDays(tc.days))}}
			expect(t, Check(&q, r), tc.want...)
		})
	}
}
