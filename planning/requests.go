package planning

import (
	"fmt"

	"wfm"
)

// Ungrantable is a request (R23) that no roster of its problem can grant, and why.
type Ungrantable struct {
	Index  int // in Problem.Requests
	Rule   string
	Reason string
}

// UngrantableRequests lists, in the order of p.Requests, the requests that every roster keeping
// the HARD rules misses, with the rule that decides it:
//
//   - an "on" request of a suspended agent, who is never rostered on the phones (R14);
//   - an "on" request on a day of the agent's approved leave (R9);
//   - an "on" request for a night shift from the day group, or for a day shift from the night
//     group (R22);
//   - an "on" request for a template the agent's limits allow none of (max_shifts 0);
//   - a request that a fixed assignment decides against: "on" on a day fixed off or to another
//     template, "off" on a day fixed to the template asked off (to any, when none is named).
//
// p must have passed Problem.Validate.
func UngrantableRequests(p *wfm.Problem) []Ungrantable {
	agents := make(map[string]*wfm.Agent, len(p.Agents))
	for i := range p.Agents {
		agents[p.Agents[i].ID] = &p.Agents[i]
	}
	shifts := make(map[string]wfm.ShiftTemplate, len(p.Shifts))
	for _, s := range p.Shifts {
		shifts[s.ID] = s
	}
	fixed := make(map[string]string, len(p.Fixed))
	for _, f := range p.Fixed {
		fixed[f.Agent+"|"+f.Date.String()] = f.Shift
	}
	leave := func(agent string, d wfm.Date) string {
		for _, l := range p.Leave {
			if l.Agent == agent && l.From <= d && d <= l.To {
				return l.Type
			}
		}
		return ""
	}
	var out []Ungrantable
	for i, q := range p.Requests {
		a := agents[q.Agent]
		rule, reason := "", ""
		f, isFixed := fixed[q.Agent+"|"+q.Date.String()]
		switch {
		case q.Kind == wfm.RequestOff:
			if isFixed && f != wfm.Off && (q.Shift == "" || q.Shift == f) {
				rule, reason = wfm.RuleFixed, fmt.Sprintf("the day is fixed to shift %s", f)
			}
		case a.Has(wfm.RoleSuspended):
			rule, reason = "R14", "the agent is suspended (remedial training) and never rostered on the phones"
		case leave(q.Agent, q.Date) != "":
			rule, reason = "R9", fmt.Sprintf("the agent is on approved %s leave that day", leave(q.Agent, q.Date))
		case q.Shift != "" && shifts[q.Shift].IsNight(p.Rules) && a.Group == wfm.GroupDay:
			rule, reason = "R22", fmt.Sprintf("%s is a night shift and the agent is in the day group; night shifts go to the night and any groups", q.Shift)
		case q.Shift != "" && !shifts[q.Shift].IsNight(p.Rules) && a.Group == wfm.GroupNight:
			rule, reason = "R22", fmt.Sprintf("%s is a day shift and the agent is in the night group; day shifts go to the day and any groups", q.Shift)
		case q.Shift != "" && a.Limits != nil && limitZero(a.Limits.MaxShifts, q.Shift):
			rule, reason = "R3", fmt.Sprintf("the agent's limits allow no %s shifts", q.Shift)
		case isFixed && f == wfm.Off:
			rule, reason = wfm.RuleFixed, "the day is fixed off"
		case isFixed && q.Shift != "" && f != q.Shift:
			rule, reason = wfm.RuleFixed, fmt.Sprintf("the day is fixed to shift %s", f)
		}
		if reason != "" {
			out = append(out, Ungrantable{Index: i, Rule: rule, Reason: reason})
		}
	}
	return out
}

// limitZero reports whether the per-template limits allow no shift of template id.
func limitZero(limits map[string]int, id string) bool {
	n, ok := limits[id]
	return ok && n == 0
}

// describeRequest names a request by what it asks: "the on request for N22", "the off request for any shift".
func describeRequest(q wfm.Request) string {
	what := "any shift"
	if q.Shift != "" {
		what = q.Shift
	}
	return fmt.Sprintf("the %s request for %s", q.Kind, what)
}
