// Package callsim simulates a contact centre call by call: the discrete-event check of the
// queueing formulas the product staffs and projects with.
//
// # The centre simulated
//
// Time runs over consecutive intervals of Seconds seconds. In each interval calls of two kinds
// arrive as independent Poisson processes at constant rates (the interval's expected Mandarin and
// Minnan calls over its length), each with a handling time drawn when it arrives, of mean the
// interval's AHT: exponential, or log-normal with a given coefficient of variation. The agents on
// the phones are Agents who speak only Mandarin and Speakers who speak Minnan too; their numbers
// change at interval boundaries (an agent who leaves while on a call finishes it first). Waiting
// callers hang up after an exponential patience of mean Patience seconds, or never when it is 0.
//
// Routing, the skill-based routing the staffing model assumes (see staffing's Minnan model):
//
//   - a Minnan call goes to an idle speaker, else waits in the Minnan queue;
//   - a Mandarin call goes to an idle Mandarin-only agent, else to an idle speaker provided another
//     speaker stays idle, else waits in the Mandarin queue;
//   - an agent who becomes free takes the longest-waiting call it can answer, a speaker from the
//     Minnan queue first, and from the Mandarin queue only while another speaker is idle: first
//     come, first served within each queue, with the skill constraint, and the last free speaker
//     kept for Minnan callers.
//
// With no speakers and no Minnan calls the centre is the single M/M/n (+M) queue of Erlang C (A).
//
// # What is measured
//
// Each call is counted in the interval it arrives in: answered within Within seconds, answered
// later, or abandoned. After the last interval no call arrives and the staffing of the last
// interval stays until every caller is answered or has hung up, so every call is counted.
package callsim

import (
	"container/heap"
	"math"
	"math/rand/v2"
)

// Interval is one interval of the simulation.
type Interval struct {
	Mandarin, Minnan float64 // expected calls of each kind arriving in the interval
	AHT              float64 // mean handling time of the calls arriving in it, seconds
	Agents           int     // agents on the phones who speak only Mandarin
	Speakers         int     // agents on the phones who speak Minnan (and Mandarin)
}

// Config is one simulation.
type Config struct {
	Seconds   float64 // length of an interval
	Intervals []Interval
	Within    float64 // service-level threshold, seconds
	Patience  float64 // mean patience of a waiting caller, seconds; 0: callers never hang up
	// ServiceCV is the coefficient of variation of handling times: 0 or 1 draws them exponential,
	// any other positive value log-normal with that CV.
	ServiceCV float64
	Seed      uint64
}

// Tally counts the calls of one kind that arrived in one interval.
type Tally struct {
	Calls     int
	InTime    int     // answered within the threshold
	Abandoned int     // hung up before being answered
	Wait      float64 // total wait of the answered calls, seconds
}

// ServiceLevel is the share of calls answered within the threshold (1 without calls).
func (t Tally) ServiceLevel() float64 {
	if t.Calls == 0 {
		return 1
	}
	return float64(t.InTime) / float64(t.Calls)
}

// Add returns the sum of two tallies.
func (t Tally) Add(u Tally) Tally {
	return Tally{Calls: t.Calls + u.Calls, InTime: t.InTime + u.InTime, Abandoned: t.Abandoned + u.Abandoned, Wait: t.Wait + u.Wait}
}

// Result holds the tallies per interval of arrival, for each kind of call.
type Result struct {
	Mandarin, Minnan []Tally
}

// Total sums the tallies of intervals [from, to) for each kind.
func (r *Result) Total(from, to int) (mandarin, minnan Tally) {
	for i := from; i < to; i++ {
		mandarin, minnan = mandarin.Add(r.Mandarin[i]), minnan.Add(r.Minnan[i])
	}
	return mandarin, minnan
}

// Event kinds, in the order simultaneous events are handled.
const (
	evBoundary = iota
	evDone
	evArrive
	evAbandon
)

type event struct {
	at   float64
	kind int
	call int // evArrive, evAbandon: the call; evDone: the call finished
}

type events []event

func (e events) Len() int { return len(e) }
func (e events) Less(i, j int) bool {
	if e[i].at != e[j].at {
		return e[i].at < e[j].at
	}
	return e[i].kind < e[j].kind
}
func (e events) Swap(i, j int) { e[i], e[j] = e[j], e[i] }
func (e *events) Push(x any)   { *e = append(*e, x.(event)) }
func (e *events) Pop() any {
	old := *e
	x := old[len(old)-1]
	*e = old[:len(old)-1]
	return x
}

type call struct {
	minnan   bool
	interval int
	arrived  float64
	service  float64
	byPool   int  // the pool serving it, while in service
	done     bool // answered or abandoned
}

// pool is a group of interchangeable agents.
type pool struct {
	idle, busy, target int
}

// sim is the state of a running simulation.
type sim struct {
	cfg    Config
	rng    *rand.Rand
	now    float64
	ev     events
	calls  []call
	queues [2][]int // waiting calls: Mandarin, Minnan (may hold finished calls, skipped)
	pools  [2]pool  // Mandarin-only agents, speakers
	res    *Result
}

// Run simulates cfg.
func Run(cfg Config) *Result {
	s := &sim{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0xca11)),
		res: &Result{Mandarin: make([]Tally, len(cfg.Intervals)), Minnan: make([]Tally, len(cfg.Intervals))}}
	for k := range cfg.Intervals {
		heap.Push(&s.ev, event{at: float64(k) * cfg.Seconds, kind: evBoundary, call: k})
	}
	for s.ev.Len() > 0 {
		e := heap.Pop(&s.ev).(event)
		s.now = e.at
		switch e.kind {
		case evBoundary:
			s.boundary(e.call)
		case evArrive:
			s.arrive(e.call)
		case evDone:
			s.finish(s.calls[e.call].byPool)
		case evAbandon:
			s.abandon(e.call)
		}

	}
	return s.res
}

// boundary starts interval k: the new staffing and the first arrivals of each kind.
func (s *sim) boundary(k int) {
	iv := s.cfg.Intervals[k]
	s.staff(0, iv.Agents)
	s.staff(1, iv.Speakers)
	end := float64(k+1) * s.cfg.Seconds
	for kind, expected := range [2]float64{iv.Mandarin, iv.Minnan} {
		if expected <= 0 {
			continue
		}
		rate := expected / s.cfg.Seconds
		for t := s.now + s.rng.ExpFloat64()/rate; t < end; t += s.rng.ExpFloat64() / rate {
			s.calls = append(s.calls, call{minnan: kind == 1, interval: k, arrived: t, service: s.service(iv.AHT)})
			heap.Push(&s.ev, event{at: t, kind: evArrive, call: len(s.calls) - 1})
		}
	}
}

// staff sets pool p to n agents: new agents start idle and take waiting calls; idle agents leave
// at once and busy ones when their call ends.
func (s *sim) staff(p, n int) {
	pl := &s.pools[p]
	pl.target = n
	if have := pl.idle + pl.busy; n > have {
		pl.idle += n - have
		for pl.idle > 0 && s.take(p) {
		}
	} else {
		pl.idle = max(0, n-pl.busy)
	}
}

// service draws a handling time of mean aht.
func (s *sim) service(aht float64) float64 {
	cv := s.cfg.ServiceCV
	if cv <= 0 || cv == 1 {
		return aht * s.rng.ExpFloat64()
	}
	sigma2 := math.Log1p(cv * cv)
	return aht * math.Exp(math.Sqrt(sigma2)*s.rng.NormFloat64()-sigma2/2)
}

func (s *sim) arrive(c int) {
	cl := &s.calls[c]
	t := s.tally(c)
	t.Calls++
	kind := 0
	if cl.minnan {
		kind = 1
	}
	// Mandarin calls try the Mandarin-only agents first; both kinds may go to a speaker.
	for p := kind; p < 2; p++ {
		if s.pools[p].idle > 0 && (kind == 1 || p == 0 || s.pools[1].idle > 1) {
			s.start(c, p)
			return
		}
	}
	s.queues[kind] = append(s.queues[kind], c)
	if s.cfg.Patience > 0 {
		heap.Push(&s.ev, event{at: s.now + s.cfg.Patience*s.rng.ExpFloat64(), kind: evAbandon, call: c})
	}
}

func (s *sim) tally(c int) *Tally {
	cl := &s.calls[c]
	if cl.minnan {
		return &s.res.Minnan[cl.interval]
	}
	return &s.res.Mandarin[cl.interval]
}

// start puts call c in service with an idle agent of pool p.
func (s *sim) start(c, p int) {
	cl := &s.calls[c]
	cl.done, cl.byPool = true, p
	s.pools[p].idle--
	s.pools[p].busy++
	t := s.tally(c)
	wait := s.now - cl.arrived
	t.Wait += wait
	if wait <= s.cfg.Within {
		t.InTime++
	}
	heap.Push(&s.ev, event{at: s.now + cl.service, kind: evDone, call: c})
}

// finish frees an agent of pool p, who leaves if the pool is over its size, else takes a call.
func (s *sim) finish(p int) {
	pl := &s.pools[p]
	pl.busy--
	if pl.busy+pl.idle >= pl.target {
		return
	}
	pl.idle++
	s.take(p)
}

// take gives an idle agent of pool p the longest-waiting call it can answer, a speaker's from the
// Minnan queue first; it reports whether there was one.
func (s *sim) take(p int) bool {
	order := [][]int{{0}, {1, 0}}[p]
	for _, q := range order {
		if p == 1 && q == 0 && s.pools[1].idle < 2 {
			break // the last free speaker stays free for Minnan callers
		}
		for len(s.queues[q]) > 0 {
			c := s.queues[q][0]
			s.queues[q] = s.queues[q][1:]
			if !s.calls[c].done {
				s.start(c, p)
				return true
			}
		}
	}
	return false
}

func (s *sim) abandon(c int) {
	cl := &s.calls[c]
	if cl.done {
		return
	}
	cl.done = true
	s.tally(c).Abandoned++
}
