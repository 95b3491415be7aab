package hall

import (
	"fmt"
	"io"
	"strings"
	"time"

	"wfm"
)

// Cell marks of the posts × days table.
const (
	MarkClosed = "·"  // the hall is closed that day
	MarkNone   = "!!" // open, and neither holder works that day
)

// Presence is who works on each post each day: Presence[p][k] lists the holders of post p working
// on horizon day k, "A" or "B" for the whole day, "a" or "b" for a half day (am or pm), MarkNone
// when neither works and MarkClosed when the hall is closed.
func Presence(p *wfm.Problem, r *wfm.Roster) [][]string {
	shift := map[string]map[int]string{}
	for _, s := range r.Schedules {
		row := map[int]string{}
		for k, d := range s.Days {
			row[k] = d.Shift
		}
		shift[s.Agent] = row
	}
	cal := wfm.NewCalendar(p.Holidays)
	out := make([][]string, len(p.Hall.Posts))
	for i, post := range p.Hall.Posts {
		out[i] = make([]string, p.Horizon.Days)
		for k := range p.Horizon.Days {
			if len(p.Hall.OpenOn(p.Horizon.Start.AddDays(k), cal)) == 0 {
				out[i][k] = MarkClosed
				continue
			}
			var who []string
			for _, h := range []struct{ id, mark string }{{post.A, "A"}, {post.B, "B"}} {
				switch s := shift[h.id][k]; {
				case s == Day.ID:
					who = append(who, h.mark)
				case s != "":
					who = append(who, strings.ToLower(h.mark))
				}
			}
			out[i][k] = strings.Join(who, "")
			if out[i][k] == "" {
				out[i][k] = MarkNone
			}
		}
	}
	return out
}

// WriteTable writes the posts × days table: one row per post with its holders, one column per
// day of the month (its day number), each cell the holders at work as Presence marks them, · when the
// hall is closed and !! when neither holder works an open day. Below it, the days each post ran
// on its B holder.
func WriteTable(w io.Writer, p *wfm.Problem, r *wfm.Roster) error {
	pres := Presence(p, r)
	var b strings.Builder
	fmt.Fprintf(&b, "%-4s %-4s %-4s", "post", "A", "B")
	for k := range p.Horizon.Days {
		fmt.Fprintf(&b, "%3d", p.Horizon.Start.AddDays(k).Time(time.UTC).Day())
	}
	b.WriteString("\n")
	for i, post := range p.Hall.Posts {
		fmt.Fprintf(&b, "%-4s %-4s %-4s", post.ID, post.A, post.B)
		var standIn []string
		for k, c := range pres[i] {
			fmt.Fprintf(&b, "%3s", c)
			if c == "B" || c == "aB" {
				standIn = append(standIn, fmt.Sprint(p.Horizon.Start.AddDays(k).Time(time.UTC).Day()))
			}
		}
		if len(standIn) > 0 {
			fmt.Fprintf(&b, "   B stands in: %s", strings.Join(standIn, ","))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
