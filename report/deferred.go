package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"wfm/deferred"
)

// FileDeferred is the per-item outcome of the deferred work WriteAll writes when the input has any.
const FileDeferred = "deferred.csv"

// deferredView is the report's section on deferred work (R25).
type deferredView struct {
	Note    string
	Summary []setting
	Days    []deferredDayRow
	Items   []deferredItemRow
	Foot    deferredDayRow
	Added   string
}

type deferredDayRow struct {
	Date, Weekday, Released, Done, Due, OnTimeShare, Idle, Used, UsedShare, Missing, Added, Class string
}

type deferredItemRow struct {
	ID, Kind, Skill, Level, Minutes, Released, Due, Finished, Status, Class string
}

// hours writes minutes as hours with one decimal.
func hours(minutes float64) string { return num(minutes/60, 1) }

// share writes part/whole as a percentage, "–" without a whole.
func share(part, whole float64) string {
	if whole <= 0 {
		return "–"
	}
	return num(100*part/whole, 1) + " %"
}

// deferredCard is the summary strip's figure: the share of the pieces due that were done by the
// deadline.
func (m *model) deferredCard() (card, bool) {
	d := m.in.Deferred
	if d == nil {
		return card{}, false
	}
	t := d.Schedule.Totals()
	c := card{Label: "Deferred work (R25)", Value: share(float64(t.ItemsOnTime), float64(t.ItemsDue)), Class: "ok",
		Sub: fmt.Sprintf("%d of %d items due done by the deadline · %s of %s agent-hours of idle capacity used",
			t.ItemsOnTime, t.ItemsDue, hours(t.Used), hours(t.Idle))}
	if t.Missing > 0 {
		c.Class = "warn"
		c.Sub += fmt.Sprintf(" · %s agent-hours missing", hours(t.Missing))
	}
	if !math.IsNaN(d.Effect.With) {
		c.Sub += fmt.Sprintf(" · service level %s %% with it, %s %% without", num(100*d.Effect.With, 2), num(100*d.Effect.Without, 2))
	}
	return c, true
}

func (m *model) deferredView() *deferredView {
	d := m.in.Deferred
	if d == nil {
		return nil
	}
	s := d.Schedule
	t := s.Totals()
	v := &deferredView{Note: "Complaint follow-ups, call backs and outbound calls, each due the stated number of working days " +
		"after its release (the end of that day), done in the phone capacity above what the inbound queue needs for its " +
		"service-level target, earliest deadline first; Minnan work only by Minnan speakers. Agent-hours."}
	v.Summary = []setting{
		{Name: "Items due in the month done by the deadline", Value: fmt.Sprintf("%d of %d (%s)", t.ItemsOnTime, t.ItemsDue, share(float64(t.ItemsOnTime), float64(t.ItemsDue)))},
		{Name: "Work due done by the deadline", Value: fmt.Sprintf("%s of %s h (%s)", hours(t.OnTime), hours(t.Due), share(t.OnTime, t.Due))},
		{Name: "Idle capacity used", Value: fmt.Sprintf("%s of %s h (%s)", hours(t.Used), hours(t.Idle), share(t.Used, t.Idle))},
		{Name: "Missing by the deadlines", Value: hours(t.Missing) + " h"},
	}
	if e := d.Effect; !math.IsNaN(e.With) {
		v.Summary = append(v.Summary, setting{Name: "Inbound service level, calls-weighted",
			Value: fmt.Sprintf("%s %% with the deferred work, %s %% without (%+.2f points); lowest interval with work %s %%",
				num(100*e.With, 2), num(100*e.Without, 2), 100*(e.With-e.Without), num(100*e.Lowest, 1))})
	}
	var perDay []float64
	if a := d.Added; a != nil {
		var total float64
		total, perDay = a.Hours()
		f := d.First.Totals()
		line := fmt.Sprintf("The first roster's idle capacity left %s agent-hours of work missing its deadline (%d of %d items on time); "+
			"the demand was raised by the %s agent-hours the placed work takes off the phones and %s agent-hours more before those deadlines, "+
			"where the roster has people and the inbound load is lowest, and the roster solved again.",
			hours(f.Missing), f.ItemsOnTime, f.ItemsDue, num(d.Added.KeptHours(), 1), num(total, 1))
		if e := d.FirstEffect; !math.IsNaN(e.Without) {
			line += fmt.Sprintf(" Inbound service level without deferred work: %s %% on the first roster, %s %% on this one.",
				num(100*e.Without, 2), num(100*d.Effect.Without, 2))
		}
		v.Added = line
	}
	for k, day := range s.Days() {
		info := m.days[min(k, len(m.days)-1)]
		row := deferredDayRow{Date: day.Date.String(), Weekday: info.weekday.String()[:3], Released: hours(day.Released),
			Done: hours(day.Done), Due: hours(day.Due), OnTimeShare: share(day.OnTime, day.Due), Idle: hours(day.Idle),
			Used: hours(day.Used), UsedShare: share(day.Used, day.Idle), Missing: hours(day.Missing), Class: info.look()}
		if day.Missing > 0 {
			row.Class += " short"
		}
		if perDay != nil {
			row.Added = num(perDay[k], 1)
		}
		v.Days = append(v.Days, row)
	}
	v.Foot = deferredDayRow{Date: "Month", Released: hours(t.Work), Done: hours(t.Done), Due: hours(t.Due),
		OnTimeShare: share(t.OnTime, t.Due), Idle: hours(t.Idle), Used: hours(t.Used), UsedShare: share(t.Used, t.Idle), Missing: hours(t.Missing)}
	for _, o := range s.Items {
		v.Items = append(v.Items, itemRow(o))
	}
	return v
}

func itemRow(o deferred.Outcome) deferredItemRow {
	w := o.Item
	r := deferredItemRow{ID: w.ID, Kind: w.Kind, Skill: w.Skill, Minutes: num(w.Work(), 0), Status: o.Status, Class: o.Status}
	if w.Level > 0 {
		r.Level = strconv.Itoa(w.Level)
	}
	if o.Status != deferred.Waiting {
		r.Released, r.Due = o.Released.String(), o.Due.String()
	} else {
		r.Released = "after " + w.After
	}
	if o.Finished != nil {
		r.Finished = o.Finished.String()
	}
	return r
}

// writeDeferredCSV writes one row per item of deferred work: what it was and what became of it.
func (m *model) writeDeferredCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "kind", "skill", "level", "minutes", "released", "due", "status", "on_time_minutes", "done_minutes", "finished_interval"})
	for _, o := range m.in.Deferred.Schedule.Items {
		r := itemRow(o)
		cw.Write([]string{r.ID, r.Kind, r.Skill, r.Level, strconv.FormatFloat(o.Item.Work(), 'f', -1, 64), r.Released, r.Due, r.Status,
			strconv.FormatFloat(o.OnTime, 'f', 2, 64), strconv.FormatFloat(o.Done, 'f', 2, 64), r.Finished})
	}
	cw.Flush()
	return cw.Error()
}
