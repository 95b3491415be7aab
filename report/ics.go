package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"wfm"
)

// WriteICS writes agent's calendar (RFC 5545): a VCALENDAR with PRODID, VERSION:2.0 and
// X-WR-TIMEZONE naming the horizon's time zone, and
//
//   - one VEVENT per worked shift: SUMMARY "Shift D08", DTSTART/DTEND at the shift's start and
//     end (not the pre-shift preparation, which DESCRIPTION mentions), DESCRIPTION listing the
//     shift's times, pre-shift time and its breaks (the breaks are listed there, not written as
//     events of their own, so a calendar shows one block per working day), and UID
//     <agent>-<yyyymmdd>-<shift>@wfm, stable across re-runs of the same roster;
//   - one VEVENT per session of an activity the agent attends (R15): SUMMARY the kind and the
//     activity's name, LOCATION the room, DTSTART/DTEND the session's times, UID
//     <agent>-<yyyymmdd>-<activity>-<hhmm>@wfm, CATEGORIES TRAINING, EXAM or MEETING; it lies
//     inside the day's shift event;
//   - one all-day VEVENT per leave day (SUMMARY "Annual leave", …; UID
//     <agent>-<yyyymmdd>-leave@wfm; TRANSP:TRANSPARENT). Leave reasons are never written (R20).
//
// When the zone's UTC offset is the same over the whole horizon (Asia/Shanghai: +0800, no daylight
// saving) the times are local times with TZID and a VTIMEZONE of that fixed offset; otherwise
// they are written in UTC. DTSTAMP is Input.Generated in UTC. Lines end in CRLF and are folded at
// 75 octets, never inside a UTF-8 character.
func WriteICS(w io.Writer, in Input, agent string) error {
	m, err := newModel(in)
	if err != nil {
		return err
	}
	return m.writeICS(w, agent)
}

// icsWriter writes content lines with CRLF endings and 75-octet folding.
type icsWriter struct {
	w *bufio.Writer
}

func (x *icsWriter) line(s string) {
	first := true
	for first || s != "" {
		limit := 75
		if !first {
			limit = 74 // the leading space counts
			x.w.WriteByte(' ')
		}
		cut := len(s)
		if cut > limit {
			cut = limit
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
		}
		x.w.WriteString(s[:cut])
		x.w.WriteString("\r\n")
		s = s[cut:]
		first = false
	}
}

func (x *icsWriter) prop(name, value string) { x.line(name + ":" + value) }

// icsText escapes a TEXT value (RFC 5545 §3.3.11).
func icsText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fixedOffset returns the zone's UTC offset in seconds and its abbreviation when they are the
// same over the whole horizon (a day either side included).
func (m *model) fixedOffset() (int, string, bool) {
	start := m.days[0].date.AddDays(-1)
	name, off := m.wall(start, 0).Zone()
	for k := 0; k <= len(m.days)+2; k++ {
		for _, c := range []wfm.Clock{0, 12 * 60} {
			if n, o := m.wall(start.AddDays(k), c).Zone(); o != off || n != name {
				return 0, "", false
			}
		}
	}
	return off, name, true
}

func offsetText(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
}

func (m *model) writeICS(w io.Writer, agent string) error {
	var row *agentRow
	for i := range m.agents {
		if m.agents[i].a.ID == agent {
			row = &m.agents[i]
			break
		}
	}
	if row == nil {
		return fmt.Errorf("report: no agent %q in the problem", agent)
	}
	x := &icsWriter{w: bufio.NewWriter(w)}
	off, abbr, fixed := m.fixedOffset()
	stamp := m.generated.UTC().Format("20060102T150405Z")
	at := func(d wfm.Date, c wfm.Clock) string {
		t := m.wall(d, c)
		if fixed {
			return ";TZID=" + m.tzName + ":" + t.Format("20060102T150405")
		}
		return ":" + t.UTC().Format("20060102T150405Z")
	}

	x.prop("BEGIN", "VCALENDAR")
	x.prop("VERSION", "2.0")
	x.prop("PRODID", "-//wfm//roster report//EN")
	x.prop("CALSCALE", "GREGORIAN")
	x.prop("METHOD", "PUBLISH")
	who := row.a.ID
	if row.a.Name != "" {
		who = row.a.Name + " (" + row.a.ID + ")"
	}
	calName := "Roster " + who
	if m.in.Title != "" {
		calName = m.in.Title + " — " + who
	}
	x.prop("X-WR-CALNAME", icsText(calName))
	x.prop("X-WR-TIMEZONE", icsText(m.tzName))
	if fixed {
		x.prop("BEGIN", "VTIMEZONE")
		x.prop("TZID", m.tzName)
		x.prop("BEGIN", "STANDARD")
		x.prop("DTSTART", "19700101T000000")
		x.prop("TZOFFSETFROM", offsetText(off))
		x.prop("TZOFFSETTO", offsetText(off))
		x.prop("TZNAME", icsText(abbr))
		x.prop("END", "STANDARD")
		x.prop("END", "VTIMEZONE")
	}
	pre := m.preShift(row.a)
	for k, d := range row.days {
		date := m.days[k].date
		ymd := date.Time(time.UTC).Format("20060102")
		switch {
		case d.Working():
			s := m.shifts[d.Shift]
			if s == nil {
				continue // an unknown template has no times; the checker reports it
			}
			desc := []string{d.Shift + " " + span(s)}
			if pre > 0 {
				desc = append(desc, fmt.Sprintf("pre-shift from %s (%d min)", hhmm(s.Start-wfm.Clock(pre)), pre))
			}
			for _, b := range sortedBreaks(d.Breaks) {
				desc = append(desc, fmt.Sprintf("%s %s–%s", b.Kind, hhmm(b.Start), hhmm(b.Start+wfm.Clock(b.Minutes))))
			}
			if m.days[k].holiday {
				desc = append(desc, "public holiday: "+m.days[k].special)
			}
			x.prop("BEGIN", "VEVENT")
			x.prop("UID", icsText(row.a.ID+"-"+ymd+"-"+d.Shift+"@wfm"))
			x.prop("DTSTAMP", stamp)
			x.line("DTSTART" + at(date, s.Start))
			x.line("DTEND" + at(date, s.End()))
			x.prop("SUMMARY", icsText("Shift "+d.Shift))
			x.prop("DESCRIPTION", icsText(strings.Join(desc, "\n")))
			if s.IsNight(m.p.Rules) {
				x.prop("CATEGORIES", "NIGHT SHIFT")
			} else {
				x.prop("CATEGORIES", "DAY SHIFT")
			}
			x.prop("TRANSP", "OPAQUE")
			x.prop("END", "VEVENT")
		case d.Leave != "":
			label := leaveLabel(d.Leave)
			x.prop("BEGIN", "VEVENT")
			x.prop("UID", icsText(row.a.ID+"-"+ymd+"-leave@wfm"))
			x.prop("DTSTAMP", stamp)
			x.prop("DTSTART;VALUE=DATE", ymd)
			x.prop("DTEND;VALUE=DATE", date.AddDays(1).Time(time.UTC).Format("20060102"))
			x.prop("SUMMARY", icsText(strings.ToUpper(label[:1])+label[1:]))
			x.prop("CATEGORIES", "LEAVE")
			x.prop("TRANSP", "TRANSPARENT")
			x.prop("END", "VEVENT")
		}
	}
	for _, s := range m.sessionsOf(row.a.ID) {
		a := m.activity(s.Activity)
		name := a.ID
		if a.Name != "" {
			name = a.Name
		}
		x.prop("BEGIN", "VEVENT")
		x.prop("UID", icsText(fmt.Sprintf("%s-%s-%s-%s@wfm", row.a.ID, s.Date.Time(time.UTC).Format("20060102"), s.Activity,
			strings.ReplaceAll(hhmm(s.Start), ":", ""))))
		x.prop("DTSTAMP", stamp)
		x.line("DTSTART" + at(s.Date, s.Start))
		x.line("DTEND" + at(s.Date, s.Start+wfm.Clock(s.Minutes)))
		summary := name
		if a.Kind != "" {
			summary = strings.ToUpper(a.Kind[:1]) + a.Kind[1:] + ": " + name
		}
		x.prop("SUMMARY", icsText(summary))
		x.prop("LOCATION", icsText(s.Room))
		x.prop("DESCRIPTION", icsText(fmt.Sprintf("%d min off the phones, %d attendees", s.Minutes, len(s.Attendees))))
		x.prop("CATEGORIES", strings.ToUpper(a.Kind))
		x.prop("TRANSP", "OPAQUE")
		x.prop("END", "VEVENT")
	}
	x.prop("END", "VCALENDAR")
	return x.w.Flush()
}
