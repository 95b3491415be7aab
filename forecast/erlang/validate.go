package erlang

import (
	"math"

	"wfm"
)

// maxSeconds bounds every duration argument: about 32 years, far beyond any call centre, and
// small enough that no wait computed from it can overflow.
const maxSeconds = 1e9

// checkAgents rejects a negative number of agents.
func checkAgents(n int) error {
	if n < 0 {
		return wfm.Invalidf("agents", "must be at least 0, got %d", n)
	}
	return nil
}

// checkLoad rejects an offered load that is negative, NaN or infinite.
func checkLoad(a float64) error {
	if !(a >= 0) || math.IsInf(a, 1) {
		return wfm.Invalidf("load", "must be a finite number of Erlangs, at least 0, got %v", a)
	}
	return nil
}

// checkPositive rejects a duration that is not in (0, maxSeconds].
func checkPositive(field string, v float64) error {
	if !(v > 0 && v <= maxSeconds) {
		return wfm.Invalidf(field, "must be a number of seconds in (0, %g], got %v", maxSeconds, v)
	}
	return nil
}

// checkThreshold rejects a service-level threshold that is not in [0, maxSeconds].
func checkThreshold(field string, t float64) error {
	if !(t >= 0 && t <= maxSeconds) {
		return wfm.Invalidf(field, "must be a number of seconds in [0, %g], got %v", maxSeconds, t)
	}
	return nil
}

// checkQueue validates the arguments shared by the metrics of both waiting models.
func checkQueue(n int, a, aht, answerWithin float64) error {
	if err := checkAgents(n); err != nil {
		return err
	}
	if err := checkLoad(a); err != nil {
		return err
	}
	if err := checkPositive("aht", aht); err != nil {
		return err
	}
	return checkThreshold("answerWithin", answerWithin)
}
