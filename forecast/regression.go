package forecast

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/gonum/mat"

	"wfm"
)

// Regression settings; see Regression.
const (
	regHalfLifeWeeks = 16  // age at which a day weighs half in the fit
	regHarmonics     = 8   // Fourier pairs for the day-of-month effect
	regRidge         = 0.5 // ridge penalty on the day-of-month coefficients
	levelHalfLife    = 7.0 // days; age at which a residual weighs half in the recent level
	levelSpan        = 42  // days of residuals the recent level looks at
	minRegressionObs = 14  // ordinary days needed to fit
)

// Regression forecasts daily volume with a log-linear model of weekday and day-of-month effects,
// fitted by weighted least squares, and spreads it over the day with pooled weekday profiles:
//
//	log T_d = β_{w(d)} + Σ_{k=1..K} (a_k cos 2πkφ_d + b_k sin 2πkφ_d) + ℓ + ε_d,   φ_d = (dom(d)−1)/len(month(d))
//
// β (one level per weekday) and the Fourier terms (K = 8 pairs, the day-of-month cycle of salary and
// card-billing dates that bank centres see) minimise Σ_d ω_d (log T_d − x_dᵀθ)² + λ‖a,b‖² over ordinary
// days, ω_d = 2^(−age_d/16 weeks), λ = 0.5. The recent level ℓ is the exponentially weighted mean
// residual of the last six weeks (half-life 7 days), so a shift in volume shows within days.
// T̂_d = exp(x_dᵀθ + ℓ)·S, with S = Σω e^{ε}/Σω the smearing correction for the log transform
// (Duan 1983). Holidays follow their learnt ratio (see compose).
type Regression struct{}

// Name implements Model.
func (Regression) Name() string { return "regression" }

// Forecast implements Model.
func (Regression) Forecast(train Series, cal *wfm.Calendar, out wfm.Grid) ([]float64, error) {
	t := newDayTable(train, cal)
	theta, err := fitDayModel(t)
	if err != nil {
		return nil, err
	}
	level, smear := t.residualLevel(theta)
	ordinary := func(d wfm.Date) float64 {
		return math.Exp(dot(dayFeatures(cal, d), theta)+level) * smear
	}
	return compose(t, learnProfiles(t, shareWeeks, sharePool), out, ordinary), nil
}

// dayFeatures is x_d: seven weekday indicators, then the Fourier terms of the day of month.
func dayFeatures(cal *wfm.Calendar, d wfm.Date) []float64 {
	x := make([]float64, 7+2*regHarmonics)
	x[dayClass(cal, d)] = 1
	phase := 2 * math.Pi * float64(d.Time(time.UTC).Day()-1) / float64(daysInMonth(d))
	for k := 1; k <= regHarmonics; k++ {
		s, c := math.Sincos(float64(k) * phase)
		x[5+2*k], x[6+2*k] = c, s
	}
	return x
}

// fitDayModel solves the ridge-weighted normal equations (XᵀΩX + λD)θ = XᵀΩ log T, where D is 1 on
// the Fourier coefficients and 0 on the weekday levels. A weekday never observed gets a level of
// −∞ in effect: its indicator column is empty, so a tiny ridge keeps the system solvable and its
// forecast is discarded by the missing profile.
func fitDayModel(t *dayTable) ([]float64, error) {
	k := 7 + 2*regHarmonics
	a := mat.NewSymDense(k, nil)
	b := mat.NewVecDense(k, nil)
	end := t.train.Grid.End()
	n := 0
	for d := range t.total {
		if !t.clean[d] || t.total[d] <= 0 {
			continue
		}
		n++
		date := t.date(d)
		x := dayFeatures(t.cal, date)
		w := math.Exp2(-float64(end-date) / (7 * regHalfLifeWeeks))
		y := math.Log(t.total[d])
		for i := range k {
			if x[i] == 0 {
				continue
			}
			b.SetVec(i, b.AtVec(i)+w*x[i]*y)
			for j := i; j < k; j++ {
				a.SetSym(i, j, a.At(i, j)+w*x[i]*x[j])
			}
		}
	}
	if n < minRegressionObs {
		return nil, fmt.Errorf("regression needs %d ordinary days with volume, the history has %d", minRegressionObs, n)
	}
	for i := range k {
		ridge := regRidge
		if i < 7 {
			ridge = 1e-9
		}
		a.SetSym(i, i, a.At(i, i)+ridge)
	}
	var theta mat.VecDense
	if err := theta.SolveVec(a, b); err != nil {
		return nil, fmt.Errorf("regression fit: %w", err)
	}
	return theta.RawVector().Data, nil
}

// residualLevel returns the recent level ℓ and the smearing factor S of the fitted model.
func (t *dayTable) residualLevel(theta []float64) (level, smear float64) {
	var sw, sr, se float64
	last := len(t.total) - 1
	for d := last; d >= 0 && d > last-levelSpan; d-- {
		if !t.clean[d] || t.total[d] <= 0 {
			continue
		}
		r := math.Log(t.total[d]) - dot(dayFeatures(t.cal, t.date(d)), theta)
		w := math.Exp2(-float64(last-d) / levelHalfLife)
		sw += w
		sr += w * r
	}
	if sw == 0 {
		return 0, 1
	}
	level = sr / sw
	var sw2 float64
	for d := last; d >= 0 && d > last-levelSpan; d-- {
		if !t.clean[d] || t.total[d] <= 0 {
			continue
		}
		r := math.Log(t.total[d]) - dot(dayFeatures(t.cal, t.date(d)), theta) - level
		w := math.Exp2(-float64(last-d) / levelHalfLife)
		sw2 += w
		se += w * math.Exp(r)
	}
	return level, se / sw2
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
