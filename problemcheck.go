package wfm

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on problem sizes, so that a malformed file cannot make the solver allocate without bound.
const (
	MaxAgents      = 100_000
	MaxHorizonDays = 400
	MaxShifts      = 200
	// HistoryDays is how far before the horizon the history (Fixed entries and leave) reaches: the
	// ISO week that straddles the start (R3) and the runs of work and rest that end it (R21).
	HistoryDays = 14
)

// Validate checks a problem for everything that can be known without solving: sizes and ranges,
// unique ids, references between agents, shifts and dates, demand on the horizon's grid, and the
// rules that concern the input itself (R10 concurrent annual leave; R9 leave against fixed shifts;
// R14 mentors; R3 and R22 per-agent contracts: the weekly band and the templates an agent may
// work). The first problem found is returned as an *Error naming the field, agent, day and rule.
func (p *Problem) Validate() error {
	for _, check := range []func() error{p.checkHorizon, p.checkRules, p.checkShifts, p.checkAgents,
		p.checkLeave, p.checkRequests, p.checkFixed, p.checkDemand, p.checkHolidays, p.checkObjective, p.CheckActivities,
		p.checkHall} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (p *Problem) checkHorizon() error {
	h := p.Horizon
	if h.Days <= 0 || h.Days > MaxHorizonDays {
		return Invalidf("horizon.days", "must be between 1 and %d, got %d", MaxHorizonDays, h.Days)
	}
	if err := ValidateStep(h.IntervalMinutes); err != nil {
		return Invalidf("horizon.interval_minutes", "%d minutes does not divide the day", h.IntervalMinutes)
	}
	// The days before the horizon hold fixed history (R21): they must be supported dates too.
	if first, last := h.Start.AddDays(-HistoryDays), h.Start.AddDays(h.Days-1); !first.Supported() || !last.Supported() {
		return &Error{Kind: KindInvalid, Field: "horizon.start", Day: h.Start.String(), Message: fmt.Sprintf(
			"the horizon %s to %s, with the %d days before it, must lie within the supported dates %s to %s",
			h.Start, last, HistoryDays, MinDate, MaxDate)}
	}
	if _, err := h.Location(); err != nil {
		return Invalidf("horizon.time_zone", "unknown time zone %q: give an IANA name such as %s, or leave it out for that default", h.TimeZone, DefaultTimeZone)
	}
	return nil
}

func (p *Problem) checkRules() error {
	r := p.Rules
	type rng struct {
		name   string
		v      float64
		lo, hi float64
		rule   string
	}
	for _, c := range []rng{
		{"contract_hours_per_week", r.ContractHoursPerWeek, 0, 168, "R3"},
		{"weekly_min_hours", r.WeeklyMinHours, 0, 168, "R3"},
		{"weekly_max_hours", r.WeeklyMaxHours, 0, 168, "R3"},
		{"leave_hours_per_day", r.LeaveHoursPerDay, 0, 24, "R3"},
		{"overtime_cap_hours", r.OvertimeCapHours, 0, 1000, "R8"},
		{"breaks_after_minutes", float64(r.BreaksAfter), 0, MinutesPerDay, "R4"},
		{"max_continuous_work_minutes", float64(r.MaxContinuousWork), 1, 2 * MinutesPerDay, "R4"},
		{"meal_minutes", float64(r.MealMinutes), 0, 240, "R4"},
		{"rest_minutes", float64(r.RestMinutes), 0, 240, "R4"},
		{"break_window_minutes", float64(r.BreakWindow), 0, 720, "R4"},
		{"max_consecutive_days", float64(r.MaxConsecutiveDays), 1, MaxHorizonDays + HistoryDays, "R21"},
		{"min_rest_minutes", float64(r.MinRestMinutes), 0, 2 * MinutesPerDay, "R21"},
		{"min_consecutive_days", float64(r.MinConsecutiveDays), 1, MaxHorizonDays, "R21"},
		{"min_consecutive_days_off", float64(r.MinConsecutiveDaysOff), 1, MaxHorizonDays, "R21"},
		{"night_start", float64(r.NightStart), 0, MinutesPerDay, "R22"},
		{"night_end", float64(r.NightEnd), 0, MinutesPerDay, "R22"},
		{"max_concurrent_annual_leave", float64(r.MaxConcurrentAnnualLeave), 0, MaxAgents, "R10"},
		{"pre_shift_minutes", float64(r.PreShiftMinutes), 0, 120, "R11"},
		{"leader_pre_shift_minutes", float64(r.LeaderPreShiftMinutes), 0, 120, "R11"},
		{"trainee_factor", r.TraineeFactor, 0, 1, "R14"},
		{"start_tolerance_minutes", float64(r.StartToleranceMinutes), 0, MinutesPerDay / 2, TermRules[TermStartChange]},
		{"min_days_off_block", float64(r.MinDaysOffBlock), 0, MaxHorizonDays, TermRules[TermDaysOffBlock]},
		{"min_full_weekends_off", float64(r.MinFullWeekendsOff), 0, MaxHorizonDays / 7, TermRules[TermWeekendsOff]},
	} {
		if !(c.v >= c.lo && c.v <= c.hi) {
			return &Error{Kind: KindInvalid, Rule: c.rule, Field: "rules." + c.name,
				Message: fmt.Sprintf("must be between %g and %g, got %g", c.lo, c.hi, c.v)}
		}
	}
	if r.WeeklyMinHours > r.WeeklyMaxHours {
		return &Error{Kind: KindInvalid, Rule: "R3", Field: "rules.weekly_min_hours",
			Message: fmt.Sprintf("weekly band is empty: min %g h > max %g h", r.WeeklyMinHours, r.WeeklyMaxHours)}
	}
	if r.NightStart >= r.NightEnd {
		return &Error{Kind: KindInvalid, Rule: "R22", Field: "rules.night_start", Message: "night window must start before it ends"}
	}
	for typ, n := range r.LeaveNoticeDays {
		if !slices.Contains(LeaveTypes, typ) || n < 0 || n > 366 {
			return &Error{Kind: KindInvalid, Rule: "R9", Field: "rules.leave_notice_days",
				Message: fmt.Sprintf("%q: %d days; types are %s and notice is 0–366 days", typ, n, strings.Join(LeaveTypes, ", "))}
		}
	}
	if r.SwapNoticeWorkingDays < 0 || r.SwapNoticeWorkingDays > 60 || r.MaxSwapsPerMonth < 0 || r.MaxSwapsPerMonth > 100 {
		return &Error{Kind: KindInvalid, Rule: "R6", Field: "rules.swap_notice_working_days",
			Message: "swap notice must be 0–60 working days and the monthly cap 0–100"}
	}
	if r.MaxWeekends != nil && (*r.MaxWeekends < 0 || *r.MaxWeekends > MaxHorizonDays) {
		return &Error{Kind: KindInvalid, Rule: "R21", Field: "rules.max_weekends",
			Message: fmt.Sprintf("must be from 0 to %d, got %d", MaxHorizonDays, *r.MaxWeekends)}
	}
	w := r.Weights
	for _, c := range []struct {
		term string
		v    float64
	}{{TermUnder, w.Under}, {TermEmpty, w.Empty}, {TermOver, w.Over}, {TermMinnan, w.Minnan}, {TermLeader, w.Leader},
		{TermRequests, w.Requests}, {TermNights, w.Nights}, {TermWeekends, w.Weekends}, {TermHolidays, w.Holidays},
		{TermOvertime, w.Overtime}, {TermStartChange, w.StartChange}, {TermDaysOffBlock, w.DaysOffBlock},
		{TermSingleDay, w.SingleDay}, {TermWeekendsOff, w.WeekendsOff}} {
		if !(c.v >= 0 && c.v <= MaxWeight) {
			return &Error{Kind: KindInvalid, Rule: TermRules[c.term], Field: termFields[c.term],
				Message: fmt.Sprintf("must be a number from 0 to %g, got %v", float64(MaxWeight), c.v)}
		}
	}
	return nil
}

// reservedIDs may not name a shift: they are the values a roster day takes when no shift is worked.
func reservedID(id string) bool { return id == Off || slices.Contains(LeaveTypes, id) }

// Bounds on the strings and lists of staff data, so that no record grows without limit.
const (
	MaxIDLength     = 64  // bytes of an id
	MaxNameLength   = 200 // characters of an agent's or a centre's name
	MaxReasonLength = 500 // characters of a leave reason
	MaxSkills       = 32  // skills of one agent
)

// ValidID reports whether id can name an agent, a shift template, a skill or a centre: 1 to
// MaxIDLength ASCII letters, digits, '-', '_' and '.', so that it is safe as a URL path segment, a
// CSV cell and a file name.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLength {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// ValidText reports whether s is free text of at most most characters: valid UTF-8 without
// control characters (a name, a reason).
func ValidText(s string, most int) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > most {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// idRule is the message every refused id gets.
const idRule = "ids are 1 to 64 letters, digits, '-', '_' or '.'"

func (p *Problem) checkShifts() error {
	if len(p.Shifts) == 0 || len(p.Shifts) > MaxShifts {
		return Invalidf("shifts", "need between 1 and %d shift templates, got %d", MaxShifts, len(p.Shifts))
	}
	seen := map[string]bool{}
	for i, s := range p.Shifts {
		if err := s.validate(fmt.Sprintf("shifts[%d].", i)); err != nil {
			return err
		}
		if seen[s.ID] {
			return Invalidf(fmt.Sprintf("shifts[%d].id", i), "shift id %q is used twice", s.ID)
		}
		seen[s.ID] = true
		if err := p.checkUnpaid(s, fmt.Sprintf("shifts[%d].unpaid", i)); err != nil {
			return err
		}
	}
	for i, s := range p.Shifts {
		for _, c := range s.CannotFollow {
			if !seen[c] {
				return &Error{Kind: KindInvalid, Rule: "R21", Field: fmt.Sprintf("shifts[%d].cannot_follow", i),
					Message: fmt.Sprintf("shift %s lists unknown shift %q", s.ID, c)}
			}
		}
	}
	return nil
}

func (p *Problem) checkAgents() error {
	if len(p.Agents) == 0 || len(p.Agents) > MaxAgents {
		return Invalidf("agents", "need between 1 and %d agents, got %d", MaxAgents, len(p.Agents))
	}
	ids := p.agentIndex()
	if len(ids) != len(p.Agents) {
		seen := map[string]bool{}
		for _, a := range p.Agents {
			if seen[a.ID] {
				return &Error{Kind: KindInvalid, Field: "agents.id", Agent: a.ID, Message: "agent id is used twice"}
			}
			seen[a.ID] = true
		}
	}
	shifts := p.shiftIndex()
	for i := range p.Agents {
		a := &p.Agents[i]
		fail := func(field, rule, format string, args ...any) error {
			return &Error{Kind: KindInvalid, Rule: rule, Field: fmt.Sprintf("agents[%d].%s", i, field), Agent: a.ID,
				Message: fmt.Sprintf(format, args...)}
		}
		if err := a.validate(fail); err != nil {
			return err
		}
		if a.Mentor != "" {
			m, ok := ids[a.Mentor]
			switch {
			case !a.Has(RoleTrainee):
				return fail("mentor", "R14", "only a trainee has a mentor")
			case !ok:
				return fail("mentor", "R14", "mentor %q is not an agent", a.Mentor)
			case a.Mentor == a.ID || p.Agents[m].Has(RoleTrainee):
				return fail("mentor", "R14", "mentor %s must be another agent who is not a trainee", a.Mentor)
			}
		}
		if err := a.Limits.check(shifts, fail); err != nil {
			return err
		}
		if err := p.checkContract(a, shifts, fail); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks the fields of an agent that need no other data: id, group, roles, skills and
// hours. Problem.Validate also checks mentors and limits against the other agents and shifts.
func (a *Agent) Validate() error {
	return a.validate(func(field, rule, format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: rule, Field: field, Agent: a.ID, Message: fmt.Sprintf(format, args...)}
	})
}

func (a *Agent) validate(fail func(field, rule, format string, args ...any) error) error {
	if !ValidID(a.ID) {
		return fail("id", "", "%q is not a usable agent id: %s", a.ID, idRule)
	}
	if !ValidText(a.Name, MaxNameLength) {
		return fail("name", "", "a name is at most %d characters of text, without control characters", MaxNameLength)
	}
	if a.Mentor != "" && !ValidID(a.Mentor) {
		return fail("mentor", "R14", "%q is not a usable agent id: %s", a.Mentor, idRule)
	}
	switch a.Group {
	case GroupDay, GroupNight, GroupAny:
	default:
		return fail("group", "R22", "group must be day, night or any, got %q", a.Group)
	}
	for i, role := range a.Roles {
		if role != RoleLeader && role != RoleTrainee && role != RoleSuspended {
			return fail("roles", "R14", "unknown role %q (leader, trainee, suspended)", role)
		}
		if slices.Contains(a.Roles[:i], role) {
			return fail("roles", "R14", "role %s is listed twice", role)
		}
	}
	if len(a.Skills) > MaxSkills {
		return fail("skills", "R16", "%d skills; at most %d", len(a.Skills), MaxSkills)
	}
	for i, sk := range a.Skills {
		if !ValidID(sk) {
			return fail("skills", "R16", "skill %q is not a usable name: %s", sk, idRule)
		}
		if slices.Contains(a.Skills[:i], sk) {
			return fail("skills", "R16", "skill %s is listed twice", sk)
		}
	}
	if !(a.ContractHours >= 0 && a.ContractHours <= 168) {
		return fail("contract_hours", "R3", "must be between 0 and 168 hours a week, got %v", a.ContractHours)
	}
	if !(a.OvertimeCapHours >= 0 && a.OvertimeCapHours <= 1000) {
		return fail("overtime_cap_hours", "R8", "must be between 0 and 1000, got %v", a.OvertimeCapHours)
	}
	for _, b := range []struct {
		field string
		v     *float64
	}{{"weekly_min_hours", a.WeeklyMinHours}, {"weekly_max_hours", a.WeeklyMaxHours}} {
		if b.v != nil && !(*b.v >= 0 && *b.v <= 168) {
			return fail(b.field, "R3", "must be between 0 and 168 hours a week, got %v", *b.v)
		}
	}
	if a.WeeklyMinHours != nil && a.WeeklyMaxHours != nil && *a.WeeklyMinHours > *a.WeeklyMaxHours {
		return fail("weekly_min_hours", "R3", "weekly band is empty: min %g h > max %g h", *a.WeeklyMinHours, *a.WeeklyMaxHours)
	}
	if len(a.Shifts) > MaxShifts {
		return fail("shifts", "R22", "%d shifts listed; there are at most %d", len(a.Shifts), MaxShifts)
	}
	for i, s := range a.Shifts {
		if !ValidID(s) {
			return fail("shifts", "R22", "%q is not a usable shift id", s)
		}
		if slices.Contains(a.Shifts[:i], s) {
			return fail("shifts", "R22", "shift %s is listed twice", s)
		}
	}
	return nil
}

// checkContract checks an agent's contract against the rules and the templates: its weekly band
// (its own bounds, or the rules' scaled to its contract, Agent.WeeklyBand) is a band 0 ≤ min ≤ max
// ≤ 168 h (R3), and every template it lists exists and is one its group may work (R22).
func (p *Problem) checkContract(a *Agent, shifts map[string]int, fail func(field, rule, format string, args ...any) error) error {
	lo, hi := a.WeeklyBand(p.Rules)
	if a.WeeklyMinHours != nil || a.WeeklyMaxHours != nil {
		field := "weekly_min_hours"
		if a.WeeklyMinHours == nil {
			field = "weekly_max_hours"
		}
		if !(lo >= 0 && hi <= 168 && lo <= hi) {
			return fail(field, "R3", "weekly band %g–%g h is not a band within 0–168 h (a bound not given is the rules' scaled to the contract)", lo, hi)
		}
	}
	for _, id := range a.Shifts {
		s, ok := shifts[id]
		if !ok {
			return fail("shifts", "R22", "unknown shift %q", id)
		}
		if night := p.Shifts[s].IsNight(p.Rules); (night && a.Group == GroupDay) || (!night && a.Group == GroupNight) {
			kind := "a day shift"
			if night {
				kind = "a night shift"
			}
			return fail("shifts", "R22", "shift %s is %s, which group %s may not work", id, kind, a.Group)
		}
	}
	return nil
}

func (l *AgentLimits) check(shifts map[string]int, fail func(field, rule, format string, args ...any) error) error {
	if l == nil {
		return nil
	}
	for s, n := range l.MaxShifts {
		if _, ok := shifts[s]; !ok {
			return fail("limits.max_shifts", "R3", "unknown shift %q", s)
		}
		if n < 0 || n > MaxHorizonDays {
			return fail("limits.max_shifts", "R3", "limit for %s must be from 0 to %d, got %d", s, MaxHorizonDays, n)
		}
	}
	// Each limit is a count of days or minutes over at most MaxHorizonDays (and the week before).
	const days, minutes = MaxHorizonDays + HistoryDays, MaxHorizonDays * MinutesPerDay
	for _, c := range []struct {
		name string
		v    *int
		most int
	}{{"min_minutes", l.MinMinutes, minutes}, {"max_minutes", l.MaxMinutes, minutes},
		{"max_consecutive_days", l.MaxConsecutiveDays, days}, {"min_consecutive_days", l.MinConsecutiveDays, days},
		{"min_consecutive_days_off", l.MinConsecutiveDaysOff, days}, {"max_weekends", l.MaxWeekends, days}} {
		if c.v != nil && (*c.v < 0 || *c.v > c.most) {
			return fail("limits."+c.name, "R21", "must be from 0 to %d, got %d", c.most, *c.v)
		}
	}
	if l.MinMinutes != nil && l.MaxMinutes != nil && *l.MinMinutes > *l.MaxMinutes {
		return fail("limits.min_minutes", "R3", "min %d > max %d minutes", *l.MinMinutes, *l.MaxMinutes)
	}
	return nil
}

// Validate checks a shift template's id, start and length.
func (s ShiftTemplate) Validate() error { return s.validate("") }

func (s ShiftTemplate) validate(prefix string) error {
	if !ValidID(s.ID) || reservedID(s.ID) {
		return Invalidf(prefix+"id", "%q is not a usable shift id (%s; not off or a leave type)", s.ID, idRule)
	}
	if len(s.CannotFollow) > MaxShifts {
		return &Error{Kind: KindInvalid, Rule: "R21", Field: prefix + "cannot_follow",
			Message: fmt.Sprintf("shift %s lists %d shifts; there are at most %d", s.ID, len(s.CannotFollow), MaxShifts)}
	}
	for i, c := range s.CannotFollow {
		if !ValidID(c) || slices.Contains(s.CannotFollow[:i], c) {
			return &Error{Kind: KindInvalid, Rule: "R21", Field: prefix + "cannot_follow",
				Message: fmt.Sprintf("shift %s: %q is not a usable shift id or is listed twice", s.ID, c)}
		}
	}
	if s.Start < 0 || s.Start >= MinutesPerDay {
		return Invalidf(prefix+"start", "shift %s must start within its day, got %s", s.ID, s.Start)
	}
	if s.Minutes <= 0 || s.Minutes > MinutesPerDay {
		return Invalidf(prefix+"minutes", "shift %s must last between 1 and %d minutes, got %d", s.ID, MinutesPerDay, s.Minutes)
	}
	return nil
}

func (p *Problem) agentIndex() map[string]int {
	m := make(map[string]int, len(p.Agents))
	for i, a := range p.Agents {
		m[a.ID] = i
	}
	return m
}

func (p *Problem) shiftIndex() map[string]int {
	m := make(map[string]int, len(p.Shifts))
	for i, s := range p.Shifts {
		m[s.ID] = i
	}
	return m
}

// inHorizon reports whether d lies within the horizon.
func (p *Problem) inHorizon(d Date) bool {
	return d >= p.Horizon.Start && d < p.Horizon.Start.AddDays(p.Horizon.Days)
}

// Validate checks a leave's fields that need no other data: type, dates, length and reason.
// Problem.Validate also checks the agent, overlaps and the annual-leave cap (R10).
func (l Leave) Validate() error {
	return l.validate(func(field, format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: "R9", Field: field, Agent: l.Agent, Day: l.From.String(),
			Message: fmt.Sprintf(format, args...)}
	})
}

func (l Leave) validate(fail func(field, format string, args ...any) error) error {
	if !slices.Contains(LeaveTypes, l.Type) {
		return fail("type", "unknown leave type %q (%s)", l.Type, strings.Join(LeaveTypes, ", "))
	}
	if !l.From.Supported() || !l.To.Supported() {
		return fail("from", "leave %s to %s lies outside the supported dates %s to %s", l.From, l.To, MinDate, MaxDate)
	}
	if l.To < l.From {
		return fail("to", "leave ends (%s) before it starts", l.To)
	}
	if int(l.To-l.From) >= MaxHorizonDays {
		return fail("to", "leave longer than %d days", MaxHorizonDays)
	}
	if !ValidText(l.Reason, MaxReasonLength) {
		return fail("reason", "a reason is at most %d characters of text, without control characters", MaxReasonLength)
	}
	return nil
}

func (p *Problem) checkLeave() error {
	ids := p.agentIndex()
	annual := map[Date][]string{}
	byAgent := map[string][][2]Date{}
	for i, l := range p.Leave {
		fail := func(field, format string, args ...any) error {
			return &Error{Kind: KindInvalid, Rule: "R9", Field: fmt.Sprintf("leave[%d].%s", i, field), Agent: l.Agent,
				Day: l.From.String(), Message: fmt.Sprintf(format, args...)}
		}
		if _, ok := ids[l.Agent]; !ok {
			return fail("agent", "unknown agent %q", l.Agent)
		}
		if err := l.validate(fail); err != nil {
			return err
		}
		for _, other := range byAgent[l.Agent] {
			if l.From <= other[1] && other[0] <= l.To {
				return fail("from", "overlaps other leave of the same agent (%s to %s)", other[0], other[1])
			}
		}
		byAgent[l.Agent] = append(byAgent[l.Agent], [2]Date{l.From, l.To})
		if l.Type != LeaveAnnual {
			continue
		}
		for d := l.From; d <= l.To; d++ {
			if !p.inHorizon(d) {
				continue
			}
			annual[d] = append(annual[d], l.Agent)
			if len(annual[d]) > p.Rules.MaxConcurrentAnnualLeave {
				return &Error{Kind: KindRule, Rule: "R10", Field: fmt.Sprintf("leave[%d]", i), Agent: l.Agent, Day: d.String(),
					Message: fmt.Sprintf("%d agents on annual leave (%s); at most %d at a time",
						len(annual[d]), strings.Join(annual[d], ", "), p.Rules.MaxConcurrentAnnualLeave)}
			}
		}
	}
	return nil
}

func (p *Problem) checkRequests() error {
	ids, shifts := p.agentIndex(), p.shiftIndex()
	for i, r := range p.Requests {
		fail := func(field, format string, args ...any) error {
			return &Error{Kind: KindInvalid, Rule: "R23", Field: fmt.Sprintf("requests[%d].%s", i, field), Agent: r.Agent,
				Day: r.Date.String(), Message: fmt.Sprintf(format, args...)}
		}
		if _, ok := ids[r.Agent]; !ok {
			return fail("agent", "unknown agent %q", r.Agent)
		}
		if !p.inHorizon(r.Date) {
			return fail("date", "date outside the horizon")
		}
		if _, ok := shifts[r.Shift]; r.Shift != "" && !ok {
			return fail("shift", "unknown shift %q", r.Shift)
		}
		if r.Kind != RequestOn && r.Kind != RequestOff {
			return fail("kind", "kind must be on or off, got %q", r.Kind)
		}
		if !(r.Weight >= 0 && r.Weight <= MaxWeight) {
			return fail("weight", "weight must be a number from 0 to %g, got %v", float64(MaxWeight), r.Weight)
		}
	}
	return nil
}

func (p *Problem) checkFixed() error {
	ids, shifts := p.agentIndex(), p.shiftIndex()
	leave := map[string][]Leave{}
	for _, l := range p.Leave {
		leave[l.Agent] = append(leave[l.Agent], l)
	}
	seen := map[string]bool{}
	for i, f := range p.Fixed {
		fail := func(rule, field, format string, args ...any) error {
			return &Error{Kind: KindInvalid, Rule: rule, Field: fmt.Sprintf("fixed[%d].%s", i, field), Agent: f.Agent,
				Day: f.Date.String(), Message: fmt.Sprintf(format, args...)}
		}
		a, ok := ids[f.Agent]
		if !ok {
			return fail(RuleFixed, "agent", "unknown agent %q", f.Agent)
		}
		if _, ok := shifts[f.Shift]; !ok && f.Shift != Off {
			return fail(RuleFixed, "shift", "unknown shift %q (a shift id or off)", f.Shift)
		}
		if f.Date < p.Horizon.Start.AddDays(-HistoryDays) || f.Date >= p.Horizon.Start.AddDays(p.Horizon.Days) {
			return fail(RuleFixed, "date", "date must lie in the horizon or the %d days before it", HistoryDays)
		}
		key := f.Agent + "|" + f.Date.String()
		if seen[key] {
			return fail(RuleFixed, "date", "agent has two fixed entries for the day")
		}
		seen[key] = true
		if f.Shift == Off {
			continue
		}
		if l, on := leaveOn(leave[f.Agent], f.Date); on {
			return &Error{Kind: KindRule, Rule: "R9", Field: fmt.Sprintf("fixed[%d]", i), Agent: f.Agent, Day: f.Date.String(),
				Message: fmt.Sprintf("fixed to shift %s on a day of approved %s leave", f.Shift, l)}
		}
		if p.inHorizon(f.Date) && p.Agents[a].Has(RoleSuspended) {
			return fail("R14", "shift", "suspended agents are not rostered on the phones")
		}
	}
	return nil
}

// leaveOn returns the type of the leave among an agent's that covers d, if any.
func leaveOn(leave []Leave, d Date) (string, bool) {
	for _, l := range leave {
		if l.From <= d && d <= l.To {
			return l.Type, true
		}
	}
	return "", false
}

func (p *Problem) checkDemand() error {
	if p.Demand == nil && len(p.ShiftDemand) == 0 {
		return Invalidf("demand", "a problem needs demand per interval or per shift (shift_demand)")
	}
	if p.Demand != nil {
		if p.Demand.Grid != p.Horizon.Grid() {
			return Invalidf("demand.grid", "demand grid %+v differs from the horizon's %+v", p.Demand.Grid, p.Horizon.Grid())
		}
		if err := p.Demand.Validate(); err != nil {
			if e, ok := err.(*Error); ok {
				e.Field = "demand." + e.Field
			}
			return err
		}
	}
	shifts := p.shiftIndex()
	seen := map[string]bool{}
	for i, c := range p.ShiftDemand {
		field := fmt.Sprintf("shift_demand[%d]", i)
		_, known := shifts[c.Shift]
		switch key := c.Date.String() + "|" + c.Shift; {
		case !p.inHorizon(c.Date):
			return &Error{Kind: KindInvalid, Field: field + ".date", Day: c.Date.String(), Message: "date outside the horizon"}
		case !known:
			return &Error{Kind: KindInvalid, Field: field + ".shift", Day: c.Date.String(), Message: fmt.Sprintf("unknown shift %q", c.Shift)}
		case seen[key]:
			return &Error{Kind: KindInvalid, Field: field, Day: c.Date.String(), Message: "shift " + c.Shift + " has two demand entries that day"}
		case c.Required < 0 || c.Required > MaxAgents:
			return &Error{Kind: KindInvalid, Field: field + ".required", Day: c.Date.String(), Message: fmt.Sprintf("required %d out of range", c.Required)}
		case !(c.UnderWeight >= 0 && c.UnderWeight <= MaxWeight):
			return &Error{Kind: KindInvalid, Field: field + ".under_weight", Day: c.Date.String(),
				Message: fmt.Sprintf("must be a number from 0 to %g, got %v", float64(MaxWeight), c.UnderWeight)}
		case !(c.OverWeight >= 0 && c.OverWeight <= MaxWeight):
			return &Error{Kind: KindInvalid, Field: field + ".over_weight", Day: c.Date.String(),
				Message: fmt.Sprintf("must be a number from 0 to %g, got %v", float64(MaxWeight), c.OverWeight)}
		default:
			seen[key] = true
		}
	}
	return nil
}

func (p *Problem) checkHolidays() error {
	seen := map[Date]bool{}
	for i, h := range p.Holidays {
		if seen[h.Date] {
			return &Error{Kind: KindInvalid, Rule: "R7", Field: fmt.Sprintf("holidays[%d].date", i), Day: h.Date.String(), Message: "date listed twice"}
		}
		seen[h.Date] = true
		if h.Kind != Holiday && h.Kind != Workday {
			return &Error{Kind: KindInvalid, Rule: "R7", Field: fmt.Sprintf("holidays[%d].kind", i), Day: h.Date.String(), Message: "kind must be holiday or workday"}
		}
	}
	return nil
}

// checkUnpaid checks a template's unpaid span: strictly inside the shift, on the interval grid,
// with breaks off (the span is the meal, R4) and no stretch of work on either side of it longer
// than Rules.MaxContinuousWork.
func (p *Problem) checkUnpaid(s ShiftTemplate, field string) error {
	u := s.Unpaid
	if u == nil {
		return nil
	}
	fail := func(format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: "R4", Field: field, Message: fmt.Sprintf("shift %s: ", s.ID) + fmt.Sprintf(format, args...)}
	}
	step := p.Horizon.IntervalMinutes
	switch {
	case u.Minutes <= 0 || u.Start <= s.Start || u.End() >= s.End():
		return fail("unpaid span %s+%d min must lie strictly inside the shift %s–%s", u.Start, u.Minutes, s.Start, s.End())
	case step > 0 && (int(u.Start)%step != 0 || u.Minutes%step != 0):
		return fail("unpaid span %s–%s is not on the %d-min grid", u.Start, u.End(), step)
	case p.Rules.Breaks:
		return fail("a template with an unpaid span is worked with breaks off (the span is its meal): set rules.breaks to false")
	}
	if before, after := int(u.Start-s.Start), int(s.End()-u.End()); max(before, after) > p.Rules.MaxContinuousWork {
		return fail("works %d min before and %d min after the unpaid span, at most %d min without a break", before, after, p.Rules.MaxContinuousWork)
	}
	return nil
}
