package report

import (
	"cmp"
	"fmt"
	"slices"

	"wfm"
	"wfm/planning"
)

// missedRequest is a request (R23) the roster misses, as objective.go defines it, with what the
// roster gives the agent that day and, when no roster can grant it, why.
type missedRequest struct {
	q     wfm.Request
	agent *agentRow
	day   wfm.DaySchedule
	never string // "R22: …" from planning.UngrantableRequests, or ""
}

// findMissed lists the missed requests by day, then in the problem's order of agents.
func (m *model) findMissed() []missedRequest {
	rows := make(map[string]int, len(m.agents))
	for i := range m.agents {
		if _, dup := rows[m.agents[i].a.ID]; !dup {
			rows[m.agents[i].a.ID] = i
		}
	}
	never := map[int]string{}
	for _, u := range planning.UngrantableRequests(m.p) {
		never[u.Index] = u.Rule + ": " + u.Reason
	}
	var out []missedRequest
	for i, q := range m.p.Requests {
		a, ok := rows[q.Agent]
		k := int(q.Date - m.p.Horizon.Start)
		if !ok || k < 0 || k >= len(m.days) {
			continue
		}
		d := m.agents[a].days[k]
		match := d.Working() && (q.Shift == "" || d.Shift == q.Shift)
		if (q.Kind == wfm.RequestOn) == match {
			continue
		}
		out = append(out, missedRequest{q: q, agent: &m.agents[a], day: d, never: never[i]})
	}
	slices.SortStableFunc(out, func(x, y missedRequest) int {
		return cmp.Or(cmp.Compare(x.q.Date, y.q.Date), cmp.Compare(rows[x.q.Agent], rows[y.q.Agent]))
	})
	return out
}

// neverGranted counts the missed requests no roster can grant.
func (m *model) neverGranted() int {
	n := 0
	for _, r := range m.missed {
		if r.never != "" {
			n++
		}
	}
	return n
}

// shiftText is "D08 08:00–16:30", or the id alone for a template the problem does not know.
func (m *model) shiftText(id string) string {
	if s := m.shifts[id]; s != nil {
		return id + " " + span(s)
	}
	return id
}

type requestRow struct {
	Day, Agent, Name, Asked, Weight, Gives, Never, Class string
}

type refusedRow struct {
	Origin, Agent, Type, From, To, Reason string
}

// requestsView fills the requests section: the missed requests and the leave refused.
func (m *model) requestsView(v *view) {
	for _, r := range m.missed {
		asked := r.q.Kind + ", any shift"
		if r.q.Shift != "" {
			asked = r.q.Kind + " " + m.shiftText(r.q.Shift)
		} else if r.q.Kind == wfm.RequestOff {
			asked = "off"
		}
		gives := "day off"
		switch {
		case r.day.Working():
			gives = m.shiftText(r.day.Shift)
		case r.day.Leave != "":
			gives = leaveLabel(r.day.Leave)
		}
		row := requestRow{Day: r.q.Date.String() + " " + r.q.Date.Weekday().String()[:3], Agent: r.agent.a.ID, Name: r.agent.a.Name,
			Asked: asked, Weight: num(r.q.Weight, 2), Gives: gives, Never: r.never}
		if r.never != "" {
			row.Class = "never"
		}
		v.Missed = append(v.Missed, row)
	}
	n := len(m.p.Requests)
	switch never := m.neverGranted(); {
	case n == 0:
		v.RequestsNote = "The problem holds no requests."
	case never > 0:
		v.RequestsNote = fmt.Sprintf("%d requests (R23): %d granted, %d missed, of which %d can never be granted by any roster (marked, with the reason).",
			n, n-len(m.missed), len(m.missed), never)
	default:
		v.RequestsNote = fmt.Sprintf("%d requests (R23): %d granted, %d missed.", n, n-len(m.missed), len(m.missed))
	}
	for _, r := range m.in.Refused {
		v.Refused = append(v.Refused, refusedRow{Origin: r.Origin.String(), Agent: r.Leave.Agent, Type: r.Leave.Type,
			From: r.Leave.From.String(), To: r.Leave.To.String(), Reason: r.Reason})
	}
}
