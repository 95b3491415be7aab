package solver

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"

	"wfm"
)

// hallModel is the walk-in hall's R24 compiled: per post its A and B holders, per agent the posts
// it holds, per day the bitset of the day's open intervals (interval i of the day is bit i), and
// per template and break option the bitset of the intervals of its own day the worker is present
// (its phone mask: not on a break, not in the unpaid span).
//
// A post p is uncovered on day d at the open intervals no holder is present:
//
//	u(p, d) = |open(d) \ (pres(x[A,d]) ∪ pres(x[B,d]))|,  pres(off) = ∅,
//
// and the R24 HARD measure is Σ_p Σ_d u(p, d). A post is held by the shifts its holders work on
// the day itself (a night shift's hours past midnight hold nothing the next day).
type hallModel struct {
	posts   []hallPost
	byAgent [][]int    // posts of each agent, A or B
	open    [][]uint64 // per day
	pres    [][][]uint64
	words   int
}

type hallPost struct {
	id   string
	a, b int
}

// compileHall builds m.hall from the problem's hall profile (nil when it has none).
func (m *model) compileHall() {
	h := m.p.Hall
	if h == nil {
		return
	}
	idx := make(map[string]int, m.A)
	for a, ag := range m.p.Agents {
		idx[ag.ID] = a
	}
	hm := &hallModel{byAgent: make([][]int, m.A), words: (m.P + 63) / 64}
	for k, p := range h.Posts {
		hp := hallPost{id: p.ID, a: idx[p.A], b: idx[p.B]}
		hm.posts = append(hm.posts, hp)
		hm.byAgent[hp.a] = append(hm.byAgent[hp.a], k)
		hm.byAgent[hp.b] = append(hm.byAgent[hp.b], k)
	}
	cal := wfm.NewCalendar(m.p.Holidays)
	hm.open = make([][]uint64, m.D)
	for d := range m.D {
		set := make([]uint64, hm.words)
		for _, sp := range h.OpenOn(m.p.Horizon.Start.AddDays(d), cal) {
			for i := int(sp.Start) / m.step; i < int(sp.End())/m.step && i < m.P; i++ {
				set[i/64] |= 1 << (i % 64)
			}
		}
		hm.open[d] = set
	}
	hm.pres = make([][][]uint64, m.S)
	for s, sh := range m.shifts {
		for _, o := range sh.breakOptions {
			set := make([]uint64, hm.words)
			for _, k := range o.phone {
				if i := sh.first + int(k); i < m.P {
					set[i/64] |= 1 << (i % 64)
				}
			}
			hm.pres[s] = append(hm.pres[s], set)
		}
	}
	m.hall = hm
}

// uncovered is u(p, d) of the roster in st.
func (st *state) uncovered(p, d int) int {
	m := st.m
	hm := m.hall
	post := hm.posts[p]
	ia, ib := post.a*m.D+d, post.b*m.D+d
	sa, sb := st.x[ia], st.x[ib]
	n := 0
	for w, open := range hm.open[d] {
		var held uint64
		if sa >= 0 {
			held |= hm.pres[sa][st.br[ia]][w]
		}
		if sb >= 0 {
			held |= hm.pres[sb][st.br[ib]][w]
		}
		n += bits.OnesCount64(open &^ held)
	}
	return n
}

// hallStatus is Σ u(p, d) over the posts agent a holds: the part of the R24 measure a's day d
// can change.
func (st *state) hallStatus(a, d int) float64 {
	if st.m.hall == nil {
		return 0
	}
	n := 0
	for _, p := range st.m.hall.byAgent[a] {
		n += st.uncovered(p, d)
	}
	return float64(n)
}

// hallTotal is the R24 measure of the whole roster.
func (st *state) hallTotal() float64 {
	hm := st.m.hall
	if hm == nil {
		return 0
	}
	n := 0
	for p := range hm.posts {
		for d := range st.m.D {
			n += st.uncovered(p, d)
		}
	}
	return float64(n)
}

// uncoveredPosts names up to n posts with open intervals that neither holder covers, with the days.
func (st *state) uncoveredPosts(n int) string {
	m := st.m
	var parts []string
	for p, post := range m.hall.posts {
		var days []string
		for d := range m.D {
			if st.uncovered(p, d) > 0 {
				days = append(days, m.p.Horizon.Start.AddDays(d).String())
			}
		}
		if len(days) > 0 && len(parts) < n {
			parts = append(parts, fmt.Sprintf("post %s (A %s, B %s) on %s", post.id, m.agents[post.a].id, m.agents[post.b].id, strings.Join(days, ", ")))
		}
	}
	return strings.Join(parts, "; ")
}

// checkHall finds the posts no roster can hold (R24): on an open day the open intervals that
// neither holder can be present at, whatever it works, are not empty. A holder on approved leave
// or fixed off that day can be present at none; otherwise at those of any template it may work
// (its fixed template, if any) with any break option:
//
//	reach(p, d) = ∪_{h ∈ {A, B}} ∪_{s ∈ may(h, d)} ∪_b pres(s, b),   open(d) ⊆ reach(p, d).
//
// One error per post names the post, its holders and the days, with why: both away, or no
// template they may work holds every open interval.
func (m *model) checkHall() []*wfm.Error {
	hm := m.hall
	if hm == nil {
		return nil
	}
	var out []*wfm.Error
	for _, post := range hm.posts {
		first := -1
		var away, short []string
		for d := range m.D {
			reach, free := make([]uint64, hm.words), 0
			for _, h := range []int{post.a, post.b} {
				if m.holderReach(h, d, reach) {
					free++
				}
			}
			if !uncovered(hm.open[d], reach) {
				continue
			}
			if first < 0 {
				first = d
			}
			day := m.p.Horizon.Start.AddDays(d).String()
			if free == 0 {
				away = append(away, day)
			} else {
				short = append(short, day)
			}
		}
		if first < 0 {
			continue
		}
		var why []string
		if len(away) > 0 {
			why = append(why, fmt.Sprintf("both are on leave or fixed off on the open days %s", strings.Join(away, ", ")))
		}
		if len(short) > 0 {
			why = append(why, fmt.Sprintf("no template they may work holds every open interval of %s", strings.Join(short, ", ")))
		}
		out = append(out, m.infeasible("R24", post.a, first,
			"post %s (A %s, B %s): %s; give the post another holder, move the leave or change the templates",
			post.id, m.agents[post.a].id, m.agents[post.b].id, strings.Join(why, "; ")))
	}
	return out
}

// holderReach adds to reach the intervals of day d agent h can be present at, and reports whether
// it may work that day at all.
func (m *model) holderReach(h, d int, reach []uint64) bool {
	i := h*m.D + d
	f := int(m.fixed[i])
	if m.onLeave[i] || f == off {
		return false
	}
	for _, s16 := range m.agents[h].allowed {
		s := int(s16)
		if f != free && f != s {
			continue
		}
		for _, set := range m.hall.pres[s] {
			for w := range reach {
				reach[w] |= set[w]
			}
		}
	}
	return true
}

// uncovered reports whether some interval of open is not in held.
func uncovered(open, held []uint64) bool {
	for w := range open {
		if open[w]&^held[w] != 0 {
			return true
		}
	}
	return false
}

// hallMoveWeight is the share of swapHolders among the moves of a problem with a hall: as many
// draws as withMentor's per 148 of the other moves' (moves.go).
const hallMoveWeight = 3

// swapHolders exchanges the days of a post's A and B holders on one open day: the holder at work
// hands the post to the other, the post stays held and only the holders' hours, runs and requests
// change (R24). Single-agent moves reach this only through a day with the post held twice or not
// at all.
func swapHolders(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	if m.hall == nil {
		return false
	}
	post := m.hall.posts[rng.IntN(len(m.hall.posts))]
	d := rng.IntN(m.D)
	ia, ib := post.a*m.D+d, post.b*m.D+d
	sa, sb := int(st.x[ia]), int(st.x[ib])
	if sa == sb || !m.freeCell(post.a, d) || !m.freeCell(post.b, d) || !m.mayWork(post.a, sb) || !m.mayWork(post.b, sa) {
		return false
	}
	ba, bb := int(st.br[ia]), int(st.br[ib])
	st.change(j, post.a, d, sb, bb)
	st.change(j, post.b, d, sa, ba)
	return true
}
