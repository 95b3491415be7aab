package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"wfm"
)

// The staff mix of the centre.
const (
	shareNight      = 0.12 // night group (R22)
	shareAny        = 0.06 // agents who work both day and night shifts
	minShareMinnan  = 0.15 // Minnan speakers (R16): at least 15 % of the staff, more as the demand needs
	agentsPerLeader = 12   // one shift leader per 12 agents (R12)
	shareTrainee    = 0.04 // apprentices under a mentor (R14), within 3–5 %
	shareSuspended  = 0.01 // in remedial training, off the phones (R14)
	sharePartTime   = 0.05 // part-timers on partTimeHours a week (R3), a third of them on partTimeShifts only
	partTimeHours   = 32
	fullTimeHours   = 40

	// A leader on duty all night, breaks included, takes two leaders every night; a night worker
	// works at most four 10-hour nights a week (48 h cap), so 2·7/4 = 3.5 night-capable leaders are
	// the fewest that can give every night two with no slack; five leave room for leave, rest
	// rules and rotation. Three day leaders are the fewest that can run the day and evening shifts
	// every day.
	minNightLeaders = 5
	minDayLeaders   = 3
	minNight        = 3 // night-group agents, however small the centre
	minAny          = 1
)

// partTimeShifts are the templates of the part-timers who work mid-day only.
var partTimeShifts = []string{"D09", "D10", "D11", "D12"}

func round(x float64) int { return int(math.Round(x)) }

// makeAgents builds the staff: ids A0001…, groups, leaders, suspended agents, trainees with their
// mentors and part-timers, every one of them able to meet R3 (see hours.feasible). All speak
// Mandarin; addMinnan later makes some speak Minnan.
func makeAgents(cfg Config, h *hours, rng *rand.Rand) []wfm.Agent {
	n := cfg.Agents
	nNight := max(minNight, round(shareNight*float64(n)))
	nAny := max(minAny, round(shareAny*float64(n)))
	groups := make([]string, n)
	for i := range groups {
		switch {
		case i < nNight:
			groups[i] = wfm.GroupNight
		case i < nNight+nAny:
			groups[i] = wfm.GroupAny
		default:
			groups[i] = wfm.GroupDay
		}
	}
	rng.Shuffle(n, func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })

	agents := make([]wfm.Agent, n)
	byGroup := map[string][]int{}
	for i := range agents {
		agents[i] = wfm.Agent{ID: fmt.Sprintf("A%04d", i+1), Group: groups[i], Skills: []string{"mandarin"},
			ContractHours: fullTimeHours}
		byGroup[groups[i]] = append(byGroup[groups[i]], i)
	}
	// pick returns up to k of the agents in pool that satisfy ok, in random order (a Fisher–Yates
	// shuffle that stops once it has them).
	pick := func(pool []int, k int, ok func(i int) bool) []int {
		p := slices.Clone(pool)
		var out []int
		for j := 0; j < len(p) && len(out) < k; j++ {
			r := j + rng.IntN(len(p)-j)
			p[j], p[r] = p[r], p[j]
			if ok(p[j]) {
				out = append(out, p[j])
			}
		}
		return out
	}
	addRole := func(i int, role string) { agents[i].Roles = append(agents[i].Roles, role) }
	has := func(i int, role string) bool { return agents[i].Has(role) }
	all := func(int) bool { return true }

	// Leaders, spread over the groups: the night-capable ones in proportion to the night staff.
	leaders := round(float64(n) / agentsPerLeader)
	nightCapable := nNight + nAny
	nl := min(nightCapable, max(minNightLeaders, round(float64(leaders)*float64(nightCapable)/float64(n))))
	nlAny := min(nAny, round(float64(nl)*float64(nAny)/float64(nightCapable)))
	nlNight := nl - nlAny
	if nlNight > nNight {
		nlNight, nlAny = nNight, nl-nNight
	}
	dl := min(len(byGroup[wfm.GroupDay]), max(minDayLeaders, leaders-nl))
	for _, g := range []struct {
		group string
		k     int
	}{{wfm.GroupNight, nlNight}, {wfm.GroupAny, nlAny}, {wfm.GroupDay, dl}} {
		for _, i := range pick(byGroup[g.group], g.k, all) {
			addRole(i, wfm.RoleLeader)
		}
	}

	everyone := make([]int, n)
	for i := range everyone {
		everyone[i] = i
	}
	plain := func(i int) bool { return len(agents[i].Roles) == 0 }
	for _, i := range pick(everyone, round(shareSuspended*float64(n)), plain) {
		addRole(i, wfm.RoleSuspended)
	}

	// Trainees, each with a mentor of the same group: a full-time colleague who is neither a trainee
	// nor suspended, preferably not a leader and not already mentoring. Mentors take no leave (see
	// makeLeave), so a trainee can work whenever its weekly minimum needs it to.
	mentor := make([]bool, n)
	// Mentors are drawn from each group in one random order, non-leaders first: a cursor per group
	// and pass moves past agents who cannot mentor, and none of them can later.
	order := map[string][]int{}
	cursor := map[string]*[2]int{}
	for _, g := range []string{wfm.GroupDay, wfm.GroupNight, wfm.GroupAny} {
		pool := byGroup[g]
		order[g] = slices.Clone(pool)
		rng.Shuffle(len(pool), func(i, j int) { order[g][i], order[g][j] = order[g][j], order[g][i] })
		cursor[g] = &[2]int{}
	}
	nextMentor := func(g string, pass int, ok func(j int) bool) int {
		o, c := order[g], &cursor[g][pass]
		for ; *c < len(o); *c++ {
			if j := o[*c]; ok(j) {
				*c++
				return j
			}
		}
		return -1
	}
	trainees := round(shareTrainee * float64(n))
	for _, i := range rng.Perm(n) {
		if trainees == 0 {
			break
		}
		if !plain(i) || mentor[i] {
			continue
		}
		free := func(j int) bool {
			return j != i && !mentor[j] && !has(j, wfm.RoleTrainee) && !has(j, wfm.RoleSuspended)
		}
		g := agents[i].Group
		m := nextMentor(g, 0, func(j int) bool { return free(j) && plain(j) })
		if m < 0 {
			m = nextMentor(g, 1, free)
		}
		if m < 0 {
			continue
		}
		addRole(i, wfm.RoleTrainee)
		agents[i].Mentor = agents[m].ID
		mentor[m] = true
		trainees--
	}

	// Part-timers, on the rules' band scaled to their contract (25.6–38.4 h for 32 h), where the
	// horizon's weekly minimums still fit a part-time contract with the shifts the agent may work;
	// full-time otherwise. Every third day-group part-timer works only the mid-day templates.
	noLeave := make([]bool, h.days)
	for k, i := range pick(everyone, round(sharePartTime*float64(n)), func(i int) bool { return plain(i) && !mentor[i] }) {
		agents[i].ContractHours = partTimeHours
		if k%3 == 0 && agents[i].Group == wfm.GroupDay {
			agents[i].Shifts = partTimeShifts
		}
		if !h.feasible(&agents[i], noLeave) {
			agents[i].ContractHours, agents[i].Shifts = fullTimeHours, nil
		}
	}
	return agents
}

// fitContracts makes every agent's weekly minimum one that whole shifts can meet month after
// month, then raises, after the history is written, the contracts that still cannot hold this
// horizon's weekly minimums to the least half hour that admits them.
//
// A week's minimum in whole shifts is ⌈lo/paid⌉ of the agent's cheapest shift. When that is more
// than the contract week, no month can hold it in every week: a night worker's 32 h take four
// 10-hour nights with their preparation, 40 h 40 min. Such an agent gets its own minimum, the whole
// shifts below it (⌊lo/paid⌋·paid: three nights, 30.5 h), and its weeks alternate three and four
// nights, as a night roster does. What still does not fit (a short horizon of partial weeks whose
// shares round up) raises the contract, the agent keeping its band as its own; where even the
// weekly maximum as a contract does not admit them, the agent's own weekly minimum is lowered by
// half hours until it does.
func fitContracts(agents []wfm.Agent, h *hours) {
	noLeave := make([]bool, h.days)
	for i := range agents {
		a := &agents[i]
		if a.Has(wfm.RoleSuspended) {
			continue
		}
		paid, _ := h.cheapest(a)
		lo, hi := h.band(a)
		if week := a.WeeklyContract(h.rules) * 60; math.Ceil(lo/float64(paid)-1e-9)*float64(paid) > week+1e-9 {
			lo, hi = math.Floor(lo/float64(paid))*float64(paid)/60, hi/60
			a.WeeklyMinHours, a.WeeklyMaxHours = &lo, &hi
		}
		if h.feasible(a, noLeave) {
			continue
		}
		lo, hi = a.WeeklyBand(h.rules)
		a.WeeklyMinHours, a.WeeklyMaxHours = &lo, &hi
		for !h.feasible(a, noLeave) && a.ContractHours < hi {
			a.ContractHours += 0.5
		}
		for !h.feasible(a, noLeave) && lo > 0 {
			lo = max(0, lo-0.5)
		}
	}
}

// addMinnan makes some of the staff Minnan speakers (R16), separately in the day group and among
// the night-capable staff (night and any groups). With share > 0 each pool gets that share. Otherwise
// each pool gets the speakers that deliver its part of the Minnan demand (the intervals only night
// shifts cover for the night pool, the rest for the day pool) at the centre's load, and at least
// minShareMinnan of the pool: about 15–20 % of a large centre, more in a small one, whose light
// Minnan stream still needs a speaker on the phones in every interval where a Minnan call is
// expected.
// Night Minnan cover: speakers on a night shift per speaker required, so that breaks can be
// staggered (two breaks in a ten-hour shift), and the nights a night agent works in a week.
const (
	nightBreakCover = 1.5
	nightsPerWeek   = 4
)

func addMinnan(p *wfm.Problem, h *hours, load, share float64, rng *rand.Rand) {
	d := p.Demand
	nightOnly := nightOnlyIntervals(p)
	per := float64(d.Grid.Step) / 60
	var need [2]float64 // agent-hours of Minnan demand per pool (0 day, 1 night)
	nightPeak := 0      // the most Minnan speakers a night-only interval requires
	for t, m := range d.Minnan {
		k := 0
		if nightOnly[t%d.Grid.PerDay()] {
			k = 1
			nightPeak = max(nightPeak, m)
		}
		need[k] += float64(m) * per
	}
	var pools [2][]int
	var deliver [2]float64
	leave := leaveDays(p)
	for i := range p.Agents {
		a := &p.Agents[i]
		k := 0
		if a.Group != wfm.GroupDay {
			k = 1
		}
		pools[k] = append(pools[k], i)
		_, phone := h.cheapest(a)
		deliver[k] += float64(h.maxShifts(a, leave[i])*phone) / 60
	}
	for k, pool := range pools {
		n := float64(len(pool))
		want := share * n
		if share == 0 && deliver[k] > 0 {
			// Demand hours one agent of the pool covers: at the centre's load, but at least at the
			// default load (an overstaffed centre does not hire more Minnan speakers for it).
			each := max(load, DefaultLoad) * deliver[k] / n
			want = max(minShareMinnan*n, math.Ceil(need[k]/each))
		}
		if k == 1 && share == 0 {
			// Every night needs nightPeak speakers on the phones while others take their breaks,
			// from night staff who work at most four nights in seven.
			want = max(want, math.Ceil(float64(nightPeak)*nightBreakCover*7/nightsPerWeek))
		}
		for _, j := range rng.Perm(len(pool))[:min(len(pool), round(want))] {
			a := &p.Agents[pool[j]]
			a.Skills = append(a.Skills, wfm.SkillMinnan)
		}
	}
}

// nightOnlyIntervals marks the intervals of the day that no day shift covers.
func nightOnlyIntervals(p *wfm.Problem) []bool {
	step := p.Horizon.IntervalMinutes
	out := make([]bool, wfm.MinutesPerDay/step)
	for i := range out {
		out[i] = true
		m := wfm.Clock(i * step)
		for _, s := range p.Shifts {
			if !s.IsNight(p.Rules) && m >= s.Start && m+wfm.Clock(step) <= s.End() {
				out[i] = false
			}
		}
	}
	return out
}
