package workflow

import (
	"fmt"
	"slices"
	"strings"

	"wfm"
)

// HallNoticeDays is the notice an A holder of a hall post gives for leave on an open day of the
// hall (R24, P3 Art. 7: a day's notice and a handover), on top of the leave type's own (R9).
const HallNoticeDays = 1

// hallLeave is R24 on a leave request of a hall post holder, for the posts whose hall is open on
// a day of the leave (wfm.Hall.OpenOn on calendar cal):
//   - the post's other holder is not on approved leave on such a day: A and B are never away
//     together (KindRule, naming the post and the days);
//   - an A holder gives HallNoticeDays of notice (KindRule), unless it is emergency sick leave,
//     which is accepted and flagged;
//   - an A holder hands the post over to its B holder: req.Handover.Posts holds one entry per such
//     post, To the post's B holder (KindInvalid, field handover); emergency sick leave may hand
//     over afterwards (flagged). A handover of a post the agent is not A of, or twice of one
//     post, is refused.
//
// It returns the flags for the decision.
func hallLeave(p *wfm.Problem, approved []wfm.Leave, req LeaveRequest, ahead int64, cal *wfm.Calendar) ([]string, error) {
	var flags []string
	posts := p.Hall.Holders(req.Agent)
	fail := func(kind wfm.Kind, field, day, format string, args ...any) error {
		return newErr(kind, "R24", field, req.Agent, day, format, args...)
	}
	var handed []wfm.PostHandover
	if req.Handover != nil {
		handed = req.Handover.Posts
		if len([]rune(req.Handover.Note)) > wfm.MaxReasonLength {
			return nil, fail(wfm.KindInvalid, "handover.note", "", "at most %d characters", wfm.MaxReasonLength)
		}
	}
	for i, h := range handed {
		field := fmt.Sprintf("handover.posts[%d]", i)
		k := slices.IndexFunc(posts, func(x wfm.Post) bool { return x.ID == h.Post && x.A == req.Agent })
		switch {
		case k < 0:
			return nil, fail(wfm.KindInvalid, field+".post", "", "%q is not a post the agent holds as A", h.Post)
		case slices.ContainsFunc(handed[:i], func(x wfm.PostHandover) bool { return x.Post == h.Post }):
			return nil, fail(wfm.KindInvalid, field+".post", "", "post %s is handed over twice", h.Post)
		case h.To != posts[k].B:
			return nil, fail(wfm.KindInvalid, field+".to", "", "post %s is handed over to its B holder %s, not %q", h.Post, posts[k].B, h.To)
		}
	}
	for _, post := range posts {
		other := post.B
		if post.B == req.Agent {
			other = post.A
		}
		var open, clash []wfm.Date
		for d := req.From; d <= req.To; d++ {
			if len(p.Hall.OpenOn(d, cal)) == 0 {
				continue
			}
			open = append(open, d)
			if slices.ContainsFunc(approved, func(l wfm.Leave) bool { return l.Agent == other && l.From <= d && d <= l.To }) {
				clash = append(clash, d)
			}
		}
		if len(clash) > 0 {
			return nil, fail(wfm.KindRule, "from", clash[0].String(),
				"post %s would have neither holder: its other holder %s is away on the open days %s (A and B are never on leave together)",
				post.ID, other, dayList(clash))
		}
		if len(open) == 0 || post.A != req.Agent {
			continue
		}
		if ahead < HallNoticeDays {
			if !req.Emergency {
				return nil, fail(wfm.KindRule, "from", req.From.String(),
					"the A holder of post %s gives %s of notice for leave on an open day: requested %s for %s",
					post.ID, plural(HallNoticeDays, "day"), plural(max(ahead, 0), "day"), fmtDay(req.From))
			}
			flags = append(flags, fmt.Sprintf("post %s: its A holder is away without notice; B holder %s stands in (R24)", post.ID, post.B))
		}
		if !slices.ContainsFunc(handed, func(h wfm.PostHandover) bool { return h.Post == post.ID }) {
			if !req.Emergency {
				return nil, fail(wfm.KindInvalid, "handover", open[0].String(),
					"the A holder of post %s hands it over to its B holder %s for the open days %s: give handover {posts: [{post: %q, to: %q}], note: ...}",
					post.ID, post.B, dayList(open), post.ID, post.B)
			}
			flags = append(flags, fmt.Sprintf("post %s: handover to B holder %s due afterwards (R24)", post.ID, post.B))
		}
	}
	return flags, nil
}

// dayList writes days as ranges of consecutive dates: "2027-04-06..04-08, 2027-04-12".
func dayList(days []wfm.Date) string {
	var parts []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j+1] == days[j]+1 {
			j++
		}
		s := days[i].String()
		if j > i {
			s += ".." + days[j].String()[5:]
		}
		parts = append(parts, s)
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
