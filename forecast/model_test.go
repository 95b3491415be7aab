package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"wfm"
)

// forecastAhead trains each model on the first train days of s and forecasts the next ahead days,
// returning the forecast and the truth.
func forecastAhead(t *testing.T, m Model, s synth, cal *wfm.Calendar, train, ahead int) (f, truth []float64, out wfm.Grid) {
	t.Helper()
	all := s
	all.days = train + ahead
	ser := all.series()
	tr := ser.Slice(0, train)
	test := ser.Slice(train, train+ahead)
	f, err := m.Forecast(tr, cal, test.Grid)
	if err != nil {
		t.Fatalf("%s: %v", m.Name(), err)
	}
	checkForecastValues(t, m.Name(), f, test.Grid)
	return f, test.Values, test.Grid
}

func TestModelsOnWeeklyPeriodicSeries(t *testing.T) {
	// Every week the same: the naive methods must reproduce it exactly; the day × profile models
	// smooth the intraday shape (weights ½,1,½), which bends a one-cycle-a-day curve by
	// (1−cos 2π/48)/2 ≈ 0.4 % of its amplitude at 30 minutes, so they land within 1 %.
	s := synth{start: sunday, step: 30}
	tests := []struct {
		model   Model
		maxWAPE float64
	}{
		{SeasonalNaive{}, 1e-12},
		{MeanOfFour{}, 1e-12},
		{Profile{}, 0.01},
		{Regression{}, 0.01},
		{Auto{Candidates: Models()}, 0.01},
	}
	for _, tt := range tests {
		for _, cal := range []*wfm.Calendar{nil, wfm.NewCalendar(nil)} {
			f, truth, _ := forecastAhead(t, tt.model, s, cal, 16*7, 31)
			if w := wape(f, truth); w > tt.maxWAPE {
				t.Errorf("%s: WAPE %.4g, want ≤ %g", tt.model.Name(), w, tt.maxWAPE)
			}
		}
	}
}

// domEffect is a smooth day-of-month cycle: busy at the start of the month (salaries), quiet in
// the third week, ±40 %.
func domEffect(d wfm.Date) float64 {
	phi := float64(d.Time(time.UTC).Day()-1) / float64(daysInMonth(d))
	return 1 + 0.3*math.Cos(2*math.Pi*phi) + 0.1*math.Sin(4*math.Pi*phi)
}

func TestRegressionRecoversDayOfMonthEffect(t *testing.T) {
	// A year of noisy history with a day-of-month multiplier: the regression's Fourier terms span
	// the multiplier, the mean of four same weekdays (spread over a month) cannot follow it. Both
	// are scored on daily totals against the noiseless truth.
	s := synth{start: sunday, step: 30, dom: domEffect, noise: rand.New(rand.NewPCG(7, 7))}
	clean := s
	clean.noise = nil
	_, truth, out := forecastAhead(t, SeasonalNaive{}, clean, nil, 52*7, 35)
	want := dayTotals(out, truth)
	fr, _, _ := forecastAhead(t, Regression{}, s, nil, 52*7, 35)
	fm, _, _ := forecastAhead(t, MeanOfFour{}, s, nil, 52*7, 35)
	wr, wm := wape(dayTotals(out, fr), want), wape(dayTotals(out, fm), want)
	t.Logf("daily WAPE regression %.4f, mean4 %.4f", wr, wm)
	if wr > 0.25*wm {
		t.Errorf("regression daily WAPE %.4f is not under a quarter of mean4's %.4f", wr, wm)
	}
}

func TestModelsForecastZeroForAWeekdayWithoutVolume(t *testing.T) {
	// Saturdays never have volume: not recorded at all (NaN), or recorded as zeros.
	for _, sat := range []float64{math.NaN(), 0} {
		s := synth{start: sunday, step: 60, noise: rand.New(rand.NewPCG(1, 1))}
		s.weekday = weekTotals
		s.weekday[time.Saturday] = sat
		for _, m := range append(Models(), Auto{Candidates: Models()}) {
			f, _, out := forecastAhead(t, m, s, nil, 10*7, 21)
			for d, tot := range dayTotals(out, f) {
				date := out.Start.AddDays(d)
				if isSat := date.Weekday() == time.Saturday; isSat && tot != 0 || !isSat && tot < 500 {
					t.Errorf("%s, Saturday volume %v: %s (%s) forecast %v", m.Name(), sat, date, date.Weekday(), tot)
				}
			}
		}
	}
}

func TestModelsLearnHolidays(t *testing.T) {
	// Sixteen weeks of history with two holidays: "Founders Day" on a Tuesday at half volume and
	// "Harvest" on a Thursday at a tenth. Ahead: Founders Day again (on a Wednesday), a holiday of
	// a new name, and a make-up working Saturday.
	tue := sunday.AddDays(7*6 + 2)
	thu := sunday.AddDays(7*9 + 4)
	ahead := sunday.AddDays(7 * 16) // the first day forecast, a Sunday
	founders := ahead.AddDays(7 + 3)
	newHoliday := ahead.AddDays(14 + 1)
	makeUp := ahead.AddDays(14 + 6)
	cal := wfm.NewCalendar([]wfm.SpecialDay{
		{Date: tue, Kind: wfm.Holiday, Name: "Founders Day"},
		{Date: thu, Kind: wfm.Holiday, Name: "Harvest"},
		{Date: founders, Kind: wfm.Holiday, Name: "Founders Day"},
		{Date: newHoliday, Kind: wfm.Holiday, Name: "Jubilee"},
		{Date: makeUp, Kind: wfm.Workday, Name: "Founders Day"},
	})
	s := synth{start: sunday, step: 30, special: map[wfm.Date]float64{tue: 0.5, thu: 0.1}}
	// Expected totals: Founders Day takes its own ratio, ½ of a Wednesday; the new holiday the
	// mean ratio of all past holidays, (0.5 + 0.1)/2 = 0.3 of a Monday; the make-up Saturday works
	// like a Wednesday.
	want := map[wfm.Date]float64{
		founders:   0.5 * weekTotals[time.Wednesday],
		newHoliday: 0.3 * weekTotals[time.Monday],
		makeUp:     weekTotals[time.Wednesday],
	}
	for _, m := range []Model{Profile{}, Regression{}, Auto{Candidates: []Model{Profile{}, Regression{}}}} {
		f, _, out := forecastAhead(t, m, s, cal, 16*7, 28)
		totals := dayTotals(out, f)
		for date, w := range want {
			if got := totals[date-out.Start]; math.Abs(got/w-1) > 0.02 {
				t.Errorf("%s: %s (%s, %s) forecast %.1f, want %.1f", m.Name(), date, date.Weekday(), cal.Kind(date), got, w)
			}
		}
		// Ordinary days stay ordinary.
		if got, w := totals[founders-out.Start-7], weekTotals[time.Wednesday]; math.Abs(got/w-1) > 0.02 {
			t.Errorf("%s: the Wednesday before the holiday forecast %.1f, want %.1f", m.Name(), got, w)
		}
	}
}

func TestModelsOnUnseenHoliday(t *testing.T) {
	// No holiday in the history: a holiday ahead is forecast like the quietest day of its week,
	// here the Saturday (600).
	ahead := sunday.AddDays(7 * 12)
	hol := ahead.AddDays(3)
	cal := wfm.NewCalendar([]wfm.SpecialDay{{Date: hol, Kind: wfm.Holiday, Name: "Jubilee"}})
	for _, m := range []Model{Profile{}, Regression{}} {
		f, _, out := forecastAhead(t, m, synth{start: sunday, step: 60}, cal, 12*7, 7)
		if got, w := dayTotals(out, f)[3], weekTotals[time.Saturday]; math.Abs(got/w-1) > 0.02 {
			t.Errorf("%s: unseen holiday forecast %.1f, want %.1f", m.Name(), got, w)
		}
	}
}

func TestModelsOnRoughData(t *testing.T) {
	// Noise, gaps, a day-of-month cycle and holidays: whatever the models make of it, the forecast
	// has one finite non-negative value per interval.
	r := rand.New(rand.NewPCG(3, 4))
	var special []wfm.SpecialDay
	mult := map[wfm.Date]float64{}
	for k := range 12 {
		d := sunday.AddDays(11*k + 3)
		special = append(special, wfm.SpecialDay{Date: d, Kind: wfm.DayKind(k%2 + 1), Name: "x"})
		mult[d] = 0.4
	}
	s := synth{start: sunday, step: 15, dom: domEffect, special: mult, noise: r,
		missing: func(d wfm.Date, i int) bool { return int(d)%9 == 0 && i < 60 || int(d)%23 == 0 }}
	cal := wfm.NewCalendar(special)
	for _, train := range []int{14, 15, 40, 120} {
		all := s
		all.days = train + 10
		ser := all.series()
		for _, m := range append(Models(), Auto{Candidates: Models()}) {
			out := ser.Slice(train, train+10).Grid
			f, err := m.Forecast(ser.Slice(0, train), cal, out)
			if _, ok := m.(Regression); ok && train < 20 && err != nil {
				continue // too few ordinary days to fit: an error, not a panic, is right
			}
			if err != nil {
				t.Fatalf("%s on %d days: %v", m.Name(), train, err)
			}
			checkForecastValues(t, m.Name(), f, out)
		}
	}
}

func TestModelByName(t *testing.T) {
	for _, name := range []string{"snaive", "mean4", "profile", "regression", "auto", ""} {
		m, err := ModelByName(name)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if want := map[string]string{"": "auto"}[name]; m.Name() != name && m.Name() != want {
			t.Errorf("ModelByName(%q) is %s", name, m.Name())
		}
	}
	_, err := ModelByName("prophet")
	checkInvalid(t, err, 0, "model")
}

func TestModelsOnCentreWithClosedHours(t *testing.T) {
	// A centre unlike the bank's: 15-minute intervals, open Monday to Friday 08:00–18:00 and
	// Saturday 09:00–13:00, closed on Sunday, with its own intraday shape (a morning peak and a
	// lunch dip). The closed hours are absent from the history. Every model must forecast nothing
	// in a closed hour, and the day × profile models must not scale the open hours up as if the
	// closed ones were gaps in the data.
	open := func(d wfm.Date, i int) bool {
		m := i * 15
		switch d.Weekday() {
		case time.Sunday:
			return false
		case time.Saturday:
			return m >= 9*60 && m < 13*60
		}
		return m >= 8*60 && m < 18*60
	}
	shape := func(x float64) float64 {
		return 1.5 + math.Sin(2*math.Pi*x) - 0.6*math.Exp(-math.Pow((x-0.53)/0.02, 2))
	}
	var volume [7]float64
	for w, v := range weekTotals {
		volume[w] = 10 * v
	}
	s := synth{start: sunday, step: 15, weekday: volume, shape: shape, noise: rand.New(rand.NewPCG(11, 12)),
		missing: func(d wfm.Date, i int) bool { return !open(d, i) }}
	clean := s
	clean.noise = nil
	_, truth, _ := forecastAhead(t, SeasonalNaive{}, clean, nil, 20*7, 28)
	for _, m := range append(Models(), Auto{Candidates: Models()}) {
		f, _, out := forecastAhead(t, m, s, nil, 20*7, 28)
		for k, v := range f {
			if d, i := out.At(k); !open(d, i/15) && v != 0 {
				t.Fatalf("%s: %v calls at %s, when the centre is closed", m.Name(), v, out.Label(k))
			}
		}
		var sf, st float64
		for k := range f {
			if !math.IsNaN(truth[k]) {
				sf += f[k]
				st += truth[k]
			}
		}
		w := wape(f, truth)
		t.Logf("%-10s WAPE %.4f against the noiseless truth, volume %.3f of it", m.Name(), w, sf/st)
		if math.Abs(sf/st-1) > 0.03 || w > 0.1 {
			t.Errorf("%s: volume %.3f of the truth, WAPE %.4f; want within 3 %% and WAPE ≤ 0.1", m.Name(), sf/st, w)
		}
	}
}

func TestModelsLearnTheDaysAroundBreaks(t *testing.T) {
	// Thirty weeks of history with two kinds of break, Monday to Wednesday ("Festival", twice)
	// and Monday to Tuesday ("Summer", twice), each after a weekend off. Around Festival the eve
	// (the Friday before) runs at 0.85 of its weekday, the first working day after at 1.3 and the
	// second at 1.15; around Summer nothing changes. Ahead: Festival again, and a break never seen
	// ("Jubilee"). Each past day around a break is measured against the median of its neighbours,
	// so the effects are learnt to within a few per cent.
	week := func(w, day int) wfm.Date { return sunday.AddDays(7*w + day) }
	var special []wfm.SpecialDay
	mult := map[wfm.Date]float64{}
	holiday := func(name string, w int, days ...int) {
		for _, d := range days {
			special = append(special, wfm.SpecialDay{Date: week(w, d), Kind: wfm.Holiday, Name: name})
			mult[week(w, d)] = 0.3
		}
	}
	for _, w := range []int{8, 20, 31} {
		holiday("Festival", w, 1, 2, 3)
		mult[week(w, -2)], mult[week(w, 4)], mult[week(w, 5)] = 0.85, 1.3, 1.15
	}
	for _, w := range []int{12, 24} {
		holiday("Summer", w, 1, 2)
	}
	holiday("Jubilee", 33, 1, 2)
	cal := wfm.NewCalendar(special)
	s := synth{start: sunday, step: 60, special: mult, noise: rand.New(rand.NewPCG(21, 22))}
	for _, m := range []Model{Profile{}, Regression{}} {
		f, _, out := forecastAhead(t, m, s, cal, 30*7, 28)
		totals := dayTotals(out, f)
		// got is the forecast of date against that of an ordinary day of its weekday (the Friday of
		// week 32 is the eve of Jubilee).
		ordinary := map[time.Weekday]wfm.Date{time.Wednesday: week(32, 3), time.Thursday: week(32, 4), time.Friday: week(33, 5)}
		got := func(d wfm.Date) float64 { return totals[d-out.Start] / totals[ordinary[d.Weekday()]-out.Start] }
		for _, c := range []struct {
			what string
			date wfm.Date
		}{{"eve of Festival", week(31, -2)}, {"first day after Festival", week(31, 4)}, {"second day after Festival", week(31, 5)}} {
			t.Logf("%s: %s at %.3f (truth %.2f)", m.Name(), c.what, got(c.date), mult[c.date])
			if r := got(c.date) / mult[c.date]; math.Abs(r-1) > 0.08 {
				t.Errorf("%s: %s (%s) forecast at %.3f of an ordinary %s, want %.2f", m.Name(), c.what, c.date, got(c.date), c.date.Weekday(), mult[c.date])
			}
		}
		// Jubilee has no history: the pooled effect of every first day after a break, half of
		// them with a rebound of 30 %, shrunk towards none.
		if r := got(week(33, 3)); !(r > 1.02 && r < 1.25) {
			t.Errorf("%s: first day after an unseen break forecast at %.3f of an ordinary Wednesday, want a rebound below Festival's", m.Name(), r)
		}
	}
}
