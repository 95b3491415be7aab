package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"wfm"
	"wfm/api"
	"wfm/planning"
)

// scenario is the what-if form: percentages as the sliders show them.
type scenario struct {
	Forecast                        string
	Volume, AHT, Target, Shrinkage  int // percent
	TargetDefault, ShrinkageDefault int
}

// Slider bounds, percent.
const (
	minFactor, maxFactor = 50, 200
	minTarget, maxTarget = 50, 99
	maxShrinkage         = 60
)

// readScenario reads the sliders, each within its bounds (a value outside is an error naming it).
func readScenario(r *http.Request, set wfm.CentreSettings) (scenario, error) {
	sc := scenario{Forecast: r.FormValue("forecast"), Volume: 100, AHT: 100, Target: int(math.Round(set.ServiceLevel * 100)),
		Shrinkage: int(math.Round(set.Shrinkage * 100))}
	sc.TargetDefault, sc.ShrinkageDefault = sc.Target, sc.Shrinkage
	for _, f := range []struct {
		name   string
		dst    *int
		lo, hi int
	}{{"volume", &sc.Volume, minFactor, maxFactor}, {"aht", &sc.AHT, minFactor, maxFactor},
		{"target", &sc.Target, minTarget, maxTarget}, {"shrinkage", &sc.Shrinkage, 0, maxShrinkage}} {
		v := r.FormValue(f.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < f.lo || n > f.hi {
			return sc, wfm.Invalidf(f.name, "must be a whole number from %d to %d, got %q", f.lo, f.hi, v)
		}
		*f.dst = n
	}
	return sc, nil
}

type whatIfData struct {
	Sc     scenario
	Month  string
	Answer *whatIfView
}

// whatIfView is an answer as the page shows it, with a bar per day of agent-hours.
type whatIfView struct {
	L                       locale
	R                       api.WhatIfResult
	Days                    []dayBar
	Max                     float64
	ServiceLevel, TargetPct float64
}

// dayBar is one day of the what-if chart.
type dayBar struct {
	X, Y, W, H float64
	Title      string
}

func (c *Console) whatIf(w http.ResponseWriter, r *http.Request, s *session) {
	sc, err := readScenario(r, s.Centre.Settings)
	d := &whatIfData{Sc: sc, Month: c.today(s).Time(time.UTC).AddDate(0, 1, 0).Format("2006-01")}
	if err == nil && sc.Forecast != "" {
		d.Answer, err = c.scenarioAnswer(r, s, sc)
	}
	c.show(w, r, s, "whatif", "whatif", s.L.T("nav.whatif"), d, err)
}

// whatIfForecast makes and stores a forecast of a month through the API, the scenarios' base.
func (c *Console) whatIfForecast(w http.ResponseWriter, r *http.Request, s *session) {
	start, days, err := planning.Month(r.PostFormValue("month"))
	var out struct {
		ID string `json:"id"`
	}
	if err == nil {
		err = c.callAPI(r.Context(), s, "POST", "/centres/"+url.PathEscape(s.Centre.ID)+"/forecasts",
			map[string]any{"start": start, "days": days}, &out)
	}
	if err != nil {
		sc, _ := readScenario(r, s.Centre.Settings)
		c.show(w, r, s, "whatif", "whatif", s.L.T("nav.whatif"), &whatIfData{Sc: sc, Month: r.PostFormValue("month")}, err)
		return
	}
	http.Redirect(w, r, c.centrePath(s, "/whatif?forecast="+url.QueryEscape(out.ID)), http.StatusSeeOther)
}

// whatIfAnswer answers a slider's move (htmx): the staffing of the scenario and its service level.
func (c *Console) whatIfAnswer(w http.ResponseWriter, r *http.Request, s *session) {
	sc, err := readScenario(r, s.Centre.Settings)
	var v *whatIfView
	if err == nil {
		v, err = c.scenarioAnswer(r, s, sc)
	}
	if err != nil {
		c.render(w, showError(s.L, err).Status, "fragments", "error", showError(s.L, err))
		return
	}
	c.render(w, http.StatusOK, "fragments", "whatif", v)
}

// scenarioAnswer asks the API's what-if staffing (api whatIfStaffing) for the scenario.
func (c *Console) scenarioAnswer(r *http.Request, s *session, sc scenario) (*whatIfView, error) {
	body := map[string]any{"forecast_id": sc.Forecast, "volume_factor": float64(sc.Volume) / 100, "aht_factor": float64(sc.AHT) / 100,
		"service_level": float64(sc.Target) / 100, "shrinkage": float64(sc.Shrinkage) / 100}
	v := &whatIfView{L: s.L, TargetPct: float64(sc.Target)}
	if err := c.callAPI(r.Context(), s, "POST", "/centres/"+url.PathEscape(s.Centre.ID)+"/whatif/staffing", body, &v.R); err != nil {
		return nil, err
	}
	v.ServiceLevel = v.R.ServiceLevel * 100
	per := v.R.Grid.PerDay()
	if per <= 0 {
		return v, nil
	}
	hours := float64(v.R.Grid.Step) / 60
	sums := make([]float64, v.R.Grid.Days)
	for i, n := range v.R.Agents {
		if k := i / per; k < len(sums) {
			sums[k] += float64(n) * hours
		}
	}
	for _, x := range sums {
		v.Max = math.Max(v.Max, x)
	}
	const width, height = 930.0, 120.0
	step := width / float64(max(1, len(sums)))
	for k, x := range sums {
		h := 0.0
		if v.Max > 0 {
			h = x / v.Max * (height - 10)
		}
		d := v.R.Grid.Start.AddDays(k)
		v.Days = append(v.Days, dayBar{X: float64(k)*step + 2, Y: height - h, W: step - 4, H: h,
			Title: fmt.Sprintf("%s: %s", s.L.ShortDate(d), s.L.T("whatif.dayhours", x))})
	}
	return v, nil
}
