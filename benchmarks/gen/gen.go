// Package gen generates realistic roster problems for the bank's 7×24 contact centre, of any size
// from MinAgents up: for tests, benchmarks and the demo.
//
// # What a problem holds
//
//   - Horizon: Config.Days days from Config.Start (default December 2026, 31 days) on a grid of
//     Config.IntervalMinutes (default 30; any divisor of 60), in Asia/Shanghai. Rules: DefaultRules,
//     with MaxConcurrentAnnualLeave = max(1, agents/50) (R10).
//   - Shifts (Templates): D07…D13, 8 h 30 starting every hour from 07:00 to 13:00; E14 and E15,
//     8 h 30 ending 22:30 and 23:30 (day-group shifts under R22); N22, 10 h from 22:00 (night).
//   - Agents A0001…: 82 % day group, 12 % night, 6 % any; one leader per 12 agents, at least four
//     of them night-capable and three in the day group; 4 % trainees, each with a mentor; 1 %
//     suspended; 5 % part-timers on 32 h where the horizon's weeks allow it (else 40 h, the
//     contract of everyone else), on the rules' band scaled to their contract (25.6–38.4 h), a third
//     of those in the day group on the mid-day templates D09–D12 only; all speak Mandarin, and
//     Minnan speakers are sized to the Minnan demand (at least 15 %; see below).
//   - Leave: annual leave in blocks of 3–7 days filling 60 % of the R10 capacity, sick leave of
//     1–3 days for 3 % of the staff, single personal days for 2 %.
//   - Requests (R23): a tenth of the staff ask for one to three days off or given shifts, weights 1–10.
//   - Fixed: the week before the horizon as history, every day of every agent stated (full-time
//     night staff four nights in seven, other full-timers five days in seven, part-timers the
//     shifts their weekly maximum takes, days off as "off"), so the first morning is covered by the
//     night shift of the day before (R1), the rest and run rules run across the start (R21) and
//     the week that straddles the start is judged whole (R3). Config.NoHistory leaves it out.
//   - Holidays: the Chinese statutory holidays and make-up days of the horizon (calendar.CN).
//   - Demand: a year of synthetic history before Start (synth.History, Chinese holidays) →
//     forecast.Run (Config.Model, default "regression") → staffing.Compute with the default Erlang C
//     target and shrinkage 10 % (breaks are placed by the roster itself) → Plan.Demand, with the
//     forecast's calls and handling time and per-interval UnderWeight (see below).
//
// # Calibration
//
// The volume is calibrated, not guessed. Deliverable counts the phone-hours the staff can give:
// per agent, the most shifts of its cheapest kind that fit its contract less leave and the weekly
// maximum, times the shift's minutes on the phones (a trainee at TraineeFactor, suspended agents
// not at all). The forecast's calls are scaled by a factor k, and k is solved (a secant in log–log,
// a handful of staffing runs) until the required agent-hours Σ agents·interval are Config.Load
// (default 90 %) of that, to within 0.3 %. Scaling the forecast equals scaling the history, as the
// forecast models are multiplicative; the history itself is generated at the centre's size up to
// 20,000 calls a day, which keeps it cheap for any centre.
//
// UnderWeight is, per interval, the calls a missing agent leaves unanswered within the target time,
// calls·(SL(n) − SL(n−1)) under Erlang C at the interval's requirement n on the phones, scaled so that
// its mean over the intervals with demand is 1, with a floor of 0.05.
//
// Minnan speakers: the Minnan callers need a speaker free often enough to meet their own target,
// and at least one speaker is on the phones whenever a Minnan call is expected (staffing's Minnan
// model), so the requirement is a larger share of the agent-hours than the 15 % of calls it
// carries: about 13 % in a centre of 2,000, 20 % in one of 200, over a quarter in one of 30.
// Speakers are therefore sized to the Minnan
// demand at the centre's load, separately in the day group and among night-capable staff, and never
// below 15 %; Config.MinnanShare fixes the share instead.
//
// # Feasibility
//
// Every generated problem passes wfm.Problem.Validate and can be rostered without breaking a HARD
// rule (hard.go): every template holds its breaks (R4) on the grid (BreaksFit); every agent can reach
// the weekly minimum of every ISO week (pro rata over a partial week's known days, the first week
// with its history shifts) in whole shifts within its weekly maximum and its contract less leave
// (R3; leave is only approved where this stays true; an agent whose weekly minimum in whole
// shifts exceeds its contract week, a night worker's four 10-hour nights, gets the whole shifts
// below it as its own minimum, three nights, so that every month can hold it; what a short horizon
// still cannot hold, partial weeks' shares rounded up, raises the contract to the next half hour
// that admits them, the agent keeping its band as its own, or, on a horizon too short for any
// contract within the band, lowers that band's minimum until it fits); annual leave never
// exceeds the R10 cap; every trainee's mentor is a full-time colleague of the same group who takes no
// leave (R14); the history has runs of at most five days of one template (R21). The SOFT rules
// (coverage, Minnan, leaders, requests, fairness) are left for the solver to trade.
//
// Generation is deterministic: the same Config gives the same problem, byte for byte. Holidays
// come from calendar.CN, which knows the years 2002–2027; beyond them a horizon has none.
package gen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/forecast"
	"wfm/staffing"
)

// Config describes the centre and the month to generate.
type Config struct {
	// Agents is the number of staff, at least MinAgents.
	Agents int
	// Days is the length of the horizon, 7 to 366; 0 means 31.
	Days int
	// Start is the first day of the horizon; 0 means DefaultStart.
	Start wfm.Date
	// IntervalMinutes is the demand grid; 0 means 30. It must divide 60 (shifts start on the hour).
	IntervalMinutes int
	// Seed drives every random choice.
	Seed uint64
	// Model is the forecast model (see forecast.ModelByName); "" means "regression".
	Model string
	// Load is the target ratio of required agent-hours to the phone-hours the staff can deliver
	// (see Deliverable); 0 means DefaultLoad. Values in [0.05, 1.5] are accepted.
	Load float64
	// MinnanShare, when positive, makes that share of the day group and of the night-capable staff
	// Minnan speakers. 0 sizes them to the Minnan demand at the centre's load, with at least 15 %:
	// 15–20 % in a large centre, more in a small one (see the package documentation).
	MinnanShare float64
	// ExactHistory regenerates the history until its own forecast, unscaled, staffs the centre at
	// Load (within 2 %), so that the history, the forecast and the demand tell one story (the demo);
	// otherwise the forecast is scaled to the load, which is faster.
	ExactHistory bool
	// NoHistory leaves out the previous roster's last week (Fixed entries before the horizon): the
	// month stands alone.
	NoHistory bool
}

// Centre is a generated centre with the pipeline that made its demand: the call history, the
// forecast (scaled by Scale to the centre's load) and its staffing plan.
type Centre struct {
	Problem  *wfm.Problem
	History  *forecast.History
	Forecast *forecast.Forecast
	Plan     *staffing.Plan
	Scale    float64
	demand   *wfm.Demand
}

// Defaults of Config.
const (
	DefaultDays     = 31
	DefaultInterval = 30
	DefaultModel    = "regression"
	DefaultLoad     = 0.90
	// MinAgents is the smallest centre generated: 7×24 service with a leader on duty day and night
	// needs a few leaders in each group.
	MinAgents = 20
	// MinDays is the shortest horizon generated: a week. (Contracts are prorated, and a day's
	// share of 40 hours a week holds no shift.)
	MinDays = 7
)

// DefaultStart is the first day of the default horizon, December 2026.
var DefaultStart = wfm.DateOf(2026, time.December, 1)

// Validate checks c as Generate would, naming the field of the first value out of range.
func (c Config) Validate() error {
	_, err := c.withDefaults()
	return err
}

// withDefaults fills the zero fields of c and checks the result.
func (c Config) withDefaults() (Config, error) {
	if c.Days == 0 {
		c.Days = DefaultDays
	}
	if c.Start == 0 {
		c.Start = DefaultStart
	}
	if c.IntervalMinutes == 0 {
		c.IntervalMinutes = DefaultInterval
	}
	if c.Model == "" {
		c.Model = DefaultModel
	}
	if c.Load == 0 {
		c.Load = DefaultLoad
	}
	switch {
	case c.Agents < MinAgents || c.Agents > wfm.MaxAgents:
		return c, wfm.Invalidf("agents", "must be between %d and %d, got %d", MinAgents, wfm.MaxAgents, c.Agents)
	case c.Days < MinDays || c.Days > forecast.MaxForecastDays:
		return c, wfm.Invalidf("days", "must be between %d and %d, got %d", MinDays, forecast.MaxForecastDays, c.Days)
	case c.IntervalMinutes < 1 || 60%c.IntervalMinutes != 0:
		return c, wfm.Invalidf("interval_minutes", "must divide 60 so that shifts start on the grid, got %d", c.IntervalMinutes)
	case !(c.Load >= 0.05 && c.Load <= 1.5):
		return c, wfm.Invalidf("load", "must be between 0.05 and 1.5, got %v", c.Load)
	case !(c.MinnanShare >= 0 && c.MinnanShare <= 1):
		return c, wfm.Invalidf("minnan_share", "must be between 0 and 1, got %v", c.MinnanShare)
	}
	return c, nil
}

// Random streams, one per part of the problem, so that a change in one part leaves the others alone.
const (
	streamAgents uint64 = iota + 1
	streamLeave
	streamRequests
	streamHistory
	streamSkills
	streamRoster
)

func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15*stream))
}

// Generate builds the problem described by cfg.
func Generate(cfg Config) (*wfm.Problem, error) {
	return GenerateContext(context.Background(), cfg)
}

// GenerateContext is Generate with a context for the forecast, the slowest step.
func GenerateContext(ctx context.Context, cfg Config) (*wfm.Problem, error) {
	c, err := GenerateCentre(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return c.Problem, nil
}

// GenerateCentre builds the centre described by cfg with its history, forecast and staffing.
func GenerateCentre(ctx context.Context, cfg Config) (*Centre, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	rules := wfm.DefaultRules()
	rules.MaxConcurrentAnnualLeave = max(1, cfg.Agents/50)
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: cfg.Start, Days: cfg.Days, IntervalMinutes: cfg.IntervalMinutes,
			TimeZone: wfm.DefaultTimeZone},
		Rules:  rules,
		Shifts: Templates(),
	}
	if err := checkTemplates(p.Shifts, rules, cfg.IntervalMinutes); err != nil {
		return nil, err
	}
	h := newHours(p, !cfg.NoHistory)
	p.Agents = makeAgents(cfg, h, newRand(cfg.Seed, streamAgents))
	if !cfg.NoHistory {
		p.Fixed = makeHistory(p, h, newRand(cfg.Seed, streamRoster))
	}
	fitContracts(p.Agents, h)
	p.Leave = makeLeave(p, h, newRand(cfg.Seed, streamLeave))
	p.Requests = makeRequests(p, newRand(cfg.Seed, streamRequests))
	cal := calendar.CN()
	for d := cfg.Start; d < cfg.Start.AddDays(cfg.Days); d++ {
		if sd, ok := cal.Day(d); ok {
			p.Holidays = append(p.Holidays, sd)
		}
	}
	target := cfg.Load * Deliverable(p)
	c, err := makeDemand(ctx, cfg, cal, target)
	if err != nil {
		return nil, err
	}
	p.Demand = c.demand
	addMinnan(p, h, cfg.Load, cfg.MinnanShare, newRand(cfg.Seed, streamSkills))
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("gen: generated problem is invalid (a bug): %w", err)
	}
	c.Problem = p
	return c, nil
}
