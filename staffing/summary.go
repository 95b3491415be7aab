package staffing

import (
	"fmt"
	"io"
)

// Summary condenses a plan per day: calls, agent-hours to roster, the peak requirement and the
// calls-weighted service level of the Erlang staffing.
type Summary struct {
	Days []DaySummary
}

// DaySummary is one day of a Summary.
type DaySummary struct {
	Date                           string
	Weekday                        string
	Calls                          float64
	AgentHours, MinnanHours        float64
	PeakAgents, PeakMinnan, Leader int
	ServiceLevel                   float64
}

// Summarise builds the daily summary of p.
func (p *Plan) Summarise() Summary {
	per := p.Grid.PerDay()
	hours := float64(p.Grid.Step) / 60
	var s Summary
	for d := range p.Grid.Days {
		date := p.Grid.Start.AddDays(d)
		ds := DaySummary{Date: date.String(), Weekday: date.Weekday().String()[:3]}
		var slCalls float64
		for _, iv := range p.Intervals[d*per : (d+1)*per] {
			ds.Calls += iv.Calls
			ds.AgentHours += float64(iv.Agents) * hours
			ds.MinnanHours += float64(iv.Minnan) * hours
			ds.PeakAgents = max(ds.PeakAgents, iv.Agents)
			ds.PeakMinnan = max(ds.PeakMinnan, iv.Minnan)
			ds.Leader = max(ds.Leader, iv.Leaders)
			slCalls += iv.ServiceLevel * iv.Calls
		}
		ds.ServiceLevel = 1
		if ds.Calls > 0 {
			ds.ServiceLevel = slCalls / ds.Calls
		}
		s.Days = append(s.Days, ds)
	}
	return s
}

// WriteMarkdown prints the summary as a markdown table with a total line.
func (s Summary) WriteMarkdown(w io.Writer) {
	fmt.Fprintln(w, "| date | day | calls | agent-hours | Minnan hours | peak agents | peak Minnan | leaders | service level |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|")
	var calls, hours, mh, slCalls float64
	for _, d := range s.Days {
		fmt.Fprintf(w, "| %s | %s | %.0f | %.1f | %.1f | %d | %d | %d | %.1f %% |\n", d.Date, d.Weekday, d.Calls,
			d.AgentHours, d.MinnanHours, d.PeakAgents, d.PeakMinnan, d.Leader, 100*d.ServiceLevel)
		calls += d.Calls
		hours += d.AgentHours
		mh += d.MinnanHours
		slCalls += d.ServiceLevel * d.Calls
	}
	sl := 1.0
	if calls > 0 {
		sl = slCalls / calls
	}
	fmt.Fprintf(w, "| **total** | | %.0f | %.1f | %.1f | | | | %.1f %% |\n", calls, hours, mh, 100*sl)
}
