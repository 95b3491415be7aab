package staffing

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"wfm/callsim"
	"wfm/forecast/erlang"
)

// TestMinnanModelAgainstSimulation checks the Minnan model against a discrete-event simulation
// of the two-skill centre it assumes (callsim: Poisson arrivals, exponential handling times,
// first come first served within each queue with the skill constraint, the last free speaker kept
// for Minnan callers), from a night stream of one Minnan call an hour to a day with half the calls
// in Minnan. At the staffing the model asks for, the simulated Minnan callers' service level is
// within three points of what the model promises and at least the target less three points, and
// the Mandarin callers keep the target too. The same staffing with log-normal handling times of
// the bank's October 1999 calls (coefficient of variation 1.46) is simulated for comparison. With
// one speaker fewer (and one more Mandarin-only agent) the model's figure must also be within
// three points of the simulation's: the model errs on the safe side by at most that much where
// it decides.
func TestMinnanModelAgainstSimulation(t *testing.T) {
	const seconds, aht = 1800.0, 300.0
	target := erlang.DefaultTarget()
	var table strings.Builder
	fmt.Fprintln(&table, "| stream | calls / 30 min | Minnan calls / 30 min | target | agents on the phones | speakers | model's Minnan SL | simulated Minnan SL | simulated Mandarin SL | Minnan SL, log-normal | one speaker fewer: model | simulated |")
	fmt.Fprintln(&table, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, c := range []struct {
		name          string
		calls, minnan float64
	}{
		{"night, one Minnan call an hour", 12, 0.5},
		{"night, one Minnan call a half hour", 12, 1},
		{"evening, 10 %", 40, 4},
		{"day, 15 %", 120, 18},
		{"busy day, 15 %", 300, 45},
		{"busy day, 30 %", 300, 90},
		{"half the calls in Minnan", 120, 60},
	} {
		a, aM := c.calls*aht/seconds, c.minnan*aht/seconds
		need, err := erlang.Required(a, aht, target)
		if err != nil {
			t.Fatal(err)
		}
		phone, m, model := minnanSpeakers(need.Agents, a, aM, aht, target)
		intervals := max(1000, int(5e4/c.minnan))
		iv := callsim.Interval{Mandarin: c.calls - c.minnan, Minnan: c.minnan, AHT: aht, Agents: phone - m, Speakers: m}
		sim := func(iv callsim.Interval, cv float64) (mandarin, minnan callsim.Tally) {
			ivs := make([]callsim.Interval, intervals)
			for i := range ivs {
				ivs[i] = iv
			}
			res := callsim.Run(callsim.Config{Seconds: seconds, Intervals: ivs, Within: target.AnswerWithin, ServiceCV: cv, Seed: 7})
			return res.Total(10, intervals)
		}
		mandarin, minnan := sim(iv, 0)
		_, logNormal := sim(iv, 1.46)
		fewer := iv
		fewer.Agents, fewer.Speakers = iv.Agents+1, iv.Speakers-1
		_, short := sim(fewer, 0)
		shortModel := minnanService(phone, m-1, a, aM, aht, target.AnswerWithin)
		got := minnan.ServiceLevel()
		fmt.Fprintf(&table, "| %s | %.0f | %.1f | %.0f %% | %d | %d | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% |\n", c.name, c.calls, c.minnan,
			100*target.ServiceLevel, phone, m, 100*model, 100*got, 100*mandarin.ServiceLevel(), 100*logNormal.ServiceLevel(),
			100*shortModel, 100*short.ServiceLevel())
		if math.Abs(got-model) > 0.03 || got < target.ServiceLevel-0.03 || mandarin.ServiceLevel() < target.ServiceLevel-0.03 {
			t.Errorf("%s: %d speakers of %d on the phones: simulated Minnan SL %.3f (model %.3f), Mandarin SL %.3f; target %.2f",
				c.name, m, phone, got, model, mandarin.ServiceLevel(), target.ServiceLevel)
		}
		if math.Abs(short.ServiceLevel()-shortModel) > 0.03 {
			t.Errorf("%s: %d speakers: simulated Minnan SL %.3f, the model says %.3f", c.name, m-1, short.ServiceLevel(), shortModel)
		}
	}
	t.Log("\n" + table.String())
}
