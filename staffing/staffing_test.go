package staffing

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"testing"

	"wfm"
	"wfm/forecast"
	"wfm/forecast/erlang"
)

// dayForecast is one day at 30 minutes: no calls at night, a peak of 120 calls at noon.
func dayForecast(minnan bool) *forecast.Forecast {
	g := wfm.Grid{Start: wfm.DateOf(2026, 12, 1), Days: 1, Step: 30}
	fc := &forecast.Forecast{Grid: g, Calls: make([]float64, g.Len()), AHT: make([]float64, g.Len())}
	for i := range fc.Calls {
		if i >= 16 && i < 44 { // 08:00–22:00
			fc.Calls[i] = 120 * math.Exp(-math.Pow(float64(i-24)/8, 2))
		}
		fc.AHT[i] = 240
	}
	fc.P10, fc.P90 = fc.Calls, fc.Calls
	if minnan {
		fc.Minnan = make([]float64, len(fc.Calls))
		for i, c := range fc.Calls {
			fc.Minnan[i] = c / 2
		}
	}
	return fc
}

func TestComputeStaffsEveryIntervalByErlang(t *testing.T) {
	p := DefaultParams()
	fc := dayForecast(false)
	plan, err := Compute(fc, p)
	if err != nil {
		t.Fatal(err)
	}
	for i, iv := range plan.Intervals {
		if iv.Leaders != 1 || iv.Agents < 1 {
			t.Fatalf("interval %d: a leader and an agent must always be on duty (R1, R12): %+v", i, iv)
		}
		if fc.Calls[i] == 0 {
			if iv.Phone != 0 || iv.Agents != 1 {
				t.Errorf("interval %d without calls: %+v", i, iv)
			}
			continue
		}
		a := fc.Calls[i] * fc.AHT[i] / 1800
		want, err := erlang.Required(a, fc.AHT[i], p.Target)
		if err != nil {
			t.Fatal(err)
		}
		// The Erlang staffing of the whole stream, one more to keep a speaker free for the 15 %
		// of calls in Minnan, and the speakers the Minnan model asks for among them.
		phone, speakers, slM := minnanSpeakers(want.Agents, a, 0.15*a, fc.AHT[i], p.Target)
		if iv.Phone != want.Agents+1 || phone != iv.Phone || iv.Minnan != speakers || math.Abs(iv.MinnanServiceLevel-slM) > 1e-12 {
			t.Errorf("interval %d: %d on the phones, %d speakers; Erlang C says %d, the Minnan model %d of %d", i, iv.Phone, iv.Minnan,
				want.Agents, speakers, phone)
		}
		// Rostered = ⌈n/(1−0.3)⌉: e.g. 7 on the phones needs 10 rostered.
		if gross := int(math.Ceil(float64(iv.Phone)/0.7 - 1e-9)); iv.Agents != max(gross, 1) {
			t.Errorf("interval %d: rostered %d for %d on the phones", i, iv.Agents, iv.Phone)
		}
		if iv.ServiceLevel < 0.8 || iv.Occupancy > 0.85+1e-12 || iv.MinnanServiceLevel < 0.8 {
			t.Errorf("interval %d misses the target: %+v", i, iv)
		}
		if iv.Minnan < 1 || iv.Minnan > iv.Phone {
			t.Errorf("interval %d: %d speakers of %d on the phones", i, iv.Minnan, iv.Phone)
		}
	}
	if grossUp(7, 0.3) != 10 || grossUp(7, 0) != 7 || grossUp(0, 0.3) != 0 {
		t.Error("grossUp")
	}
}

func TestTinyMinnanStreamNeedsOneSpeaker(t *testing.T) {
	// A night interval of 12 calls, one of them in Minnan, at 30 % shrinkage: the Minnan callers
	// are served by one speaker on the phones (kept free for them), who is not grossed up to two.
	g := wfm.Grid{Start: wfm.DateOf(2026, 12, 1), Days: 1, Step: 30}
	fc := &forecast.Forecast{Grid: g, Calls: make([]float64, g.Len()), AHT: make([]float64, g.Len()), Minnan: make([]float64, g.Len())}
	for i := range fc.Calls {
		fc.Calls[i], fc.Minnan[i], fc.AHT[i] = 12, 1, 300
	}
	fc.P10, fc.P90 = fc.Calls, fc.Calls
	plan, err := Compute(fc, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	iv := plan.Intervals[0]
	if iv.Minnan != 1 || iv.MinnanServiceLevel < 0.8 {
		t.Errorf("one Minnan call per half hour needs %d speakers (Minnan callers' service level %.3f)", iv.Minnan, iv.MinnanServiceLevel)
	}
}

func TestComputeUsesForecastMinnanCalls(t *testing.T) {
	with, err := Compute(dayForecast(true), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	without, _ := Compute(dayForecast(false), DefaultParams())
	if with.Intervals[24].Minnan <= without.Intervals[24].Minnan {
		t.Errorf("half the calls in Minnan needs more Minnan staff than 15 %%: %d vs %d",
			with.Intervals[24].Minnan, without.Intervals[24].Minnan)
	}
}

func TestUnderWeightsFollowTheCostOfAGap(t *testing.T) {
	plan, err := Compute(dayForecast(false), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	d, err := plan.Demand()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	sum, n := 0.0, 0
	for i, w := range d.UnderWeight {
		if w < underFloor-1e-12 {
			t.Errorf("weight %v below the floor at %d", w, i)
		}
		if d.Agents[i] > 0 {
			sum += w
			n++
		}
	}
	if math.Abs(sum/float64(n)-1) > 1e-6 {
		t.Errorf("mean weight %v, want 1", sum/float64(n))
	}
	// A missing agent costs more at the noon peak than in the quiet early morning.
	if d.UnderWeight[24] <= d.UnderWeight[17] {
		t.Errorf("peak weight %v not above shoulder weight %v", d.UnderWeight[24], d.UnderWeight[17])
	}
	if d.Calls[24] != plan.Intervals[24].Calls || d.AHT[24] != 240 {
		t.Error("demand lacks calls or handling time")
	}
}

func TestParamsAndForecastErrorsNameTheField(t *testing.T) {
	bad := []struct {
		name  string
		edit  func(p *Params)
		field string
	}{
		{"shrinkage", func(p *Params) { p.Shrinkage = 1 }, "shrinkage"},
		{"minnan", func(p *Params) { p.MinnanShare = -0.1 }, "minnan_share"},
		{"leaders", func(p *Params) { p.MinLeaders = -1 }, "min_leaders"},
		{"a billion leaders", func(p *Params) { p.MinLeaders = 1e9 }, "min_leaders"},
		{"a billion agents", func(p *Params) { p.MinAgents = 1e9 }, "min_agents"},
		{"target", func(p *Params) { p.Target.ServiceLevel = 0 }, "ServiceLevel"},
	}
	for _, tc := range bad {
		p := DefaultParams()
		tc.edit(&p)
		_, err := Compute(dayForecast(false), p)
		var e *wfm.Error
		if err == nil || !asError(err, &e) || e.Field != tc.field {
			t.Errorf("%s: got %v, want an error on %s", tc.name, err, tc.field)
		}
	}
	fc := dayForecast(false)
	fc.AHT[24] = 0
	if _, err := Compute(fc, DefaultParams()); err == nil {
		t.Error("calls without handling time accepted")
	}
}

func asError(err error, e **wfm.Error) bool { return errors.As(err, e) }

func TestCSVAndSummary(t *testing.T) {
	plan, err := Compute(dayForecast(false), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := plan.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(recs) != 49 || len(recs[0]) != 10 || recs[0][3] != "agents" || recs[0][9] != "minnan_service_level" {
		t.Fatalf("csv: %d rows, header %v, %v", len(recs), recs[0], err)
	}
	s := plan.Summarise()
	hours := 0.0
	for _, iv := range plan.Intervals {
		hours += float64(iv.Agents) / 2
	}
	if len(s.Days) != 1 || math.Abs(s.Days[0].AgentHours-hours) > 1e-9 {
		t.Errorf("summary agent-hours %v, want %v", s.Days[0].AgentHours, hours)
	}
}

func TestComputeStaffsOnlyTheIntervalsForecast(t *testing.T) {
	// The forecast of a centre open 08:00–22:00: the night is closed, not a quiet time to staff
	// with the minimum agent and leader of R1 and R12.
	fc := dayForecast(false)
	fc.Closed = make([]bool, len(fc.Calls))
	for i := range fc.Closed {
		fc.Closed[i] = i < 16 || i >= 44
	}
	plan, err := Compute(fc, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	d, err := plan.Demand()
	if err != nil {
		t.Fatal(err)
	}
	for i, iv := range plan.Intervals {
		if fc.Closed[i] != iv.Closed || iv.Closed && (iv.Agents != 0 || iv.Leaders != 0 || d.Agents[i] != 0 || d.Leaders[i] != 0) ||
			!iv.Closed && (iv.Agents < 1 || iv.Leaders != 1) {
			t.Fatalf("interval %d (closed %v): %+v, demand %d agents %d leaders", i, fc.Closed[i], iv, d.Agents[i], d.Leaders[i])
		}
	}
	var b bytes.Buffer
	if err := plan.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(recs) != 1+28 || recs[1][0] != "2026-12-01T08:00:00" || recs[28][0] != "2026-12-01T21:30:00" {
		t.Fatalf("csv of the open hours: %d rows, first %v, %v", len(recs), recs[1], err)
	}
}

func TestRosterAtRequirementProjectsTheStaffingServiceLevel(t *testing.T) {
	// 12 % shrinkage: a roster with exactly the rostered requirement on the phones answers with
	// the agents the staffing sized, ⌊⌈n/0.88⌉·0.88⌋ = n, so its projected service level is the
	// staffing's own; every agent on the phones, before shrinkage, would promise more.
	p := DefaultParams()
	p.Shrinkage = 0.12
	plan, err := Compute(dayForecast(false), p)
	if err != nil {
		t.Fatal(err)
	}
	d, err := plan.Demand()
	if err != nil {
		t.Fatal(err)
	}
	proj := erlang.ProjectionFor(d)
	for i, iv := range plan.Intervals {
		if iv.Calls == 0 {
			continue
		}
		if proj.Answering(float64(d.Agents[i])) != iv.Phone {
			t.Errorf("interval %d: %d rostered answer as %d, the staffing sized %d", i, d.Agents[i], proj.Answering(float64(d.Agents[i])), iv.Phone)
		}
		got := proj.Metrics(d.Calls[i], d.AHT[i], 1800, float64(d.Agents[i]))
		sized, _ := erlang.ErlangCMetrics(iv.Phone, iv.Calls*iv.AHT/1800, iv.AHT, 10)
		if got.ServiceLevel != iv.ServiceLevel || got.ServiceLevel != sized.ServiceLevel {
			t.Errorf("interval %d: a roster at requirement projects %.4f, the staffing says %.4f (Erlang C of %d: %.4f)", i,
				got.ServiceLevel, iv.ServiceLevel, iv.Phone, sized.ServiceLevel)
		}
		all := proj
		all.Shrinkage = 0
		if before := all.Metrics(d.Calls[i], d.AHT[i], 1800, float64(d.Agents[i])); before.ServiceLevel <= got.ServiceLevel && got.ServiceLevel < 1 {
			t.Errorf("interval %d: before shrinkage %.4f, after %.4f", i, before.ServiceLevel, got.ServiceLevel)
		}
	}
}
