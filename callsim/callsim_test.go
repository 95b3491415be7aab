package callsim

import (
	"math"
	"testing"

	"wfm/forecast/erlang"
)

// stationary is days of half-hour intervals with the same calls and staffing.
func stationary(intervals int, iv Interval) []Interval {
	out := make([]Interval, intervals)
	for i := range out {
		out[i] = iv
	}
	return out
}

func TestSingleSkillMatchesErlang(t *testing.T) {
	// With no Minnan calls and no speakers the centre is M/M/n (+M): over a thousand half hours or more the
	// simulated service level, abandonment and ASA must match Erlang C and Erlang A. Each case
	// runs for at least 100,000 calls, ten hours of warm-up left out.
	const seconds, aht, within = 1800.0, 300.0, 10.0
	for _, c := range []struct {
		calls    float64
		agents   int
		patience float64
	}{{120, 24, 0}, {120, 21, 0}, {300, 55, 0}, {6, 2, 0}, {120, 19, 120}, {300, 50, 60}} {
		a := c.calls * aht / seconds
		var want erlang.Metrics
		var err error
		if c.patience == 0 {
			want, err = erlang.ErlangCMetrics(c.agents, a, aht, within)
		} else {
			want, err = erlang.ErlangAMetrics(c.agents, a, aht, c.patience, within)
		}
		if err != nil {
			t.Fatal(err)
		}
		n := max(1000, int(1e5/c.calls))
		res := Run(Config{Seconds: seconds, Intervals: stationary(n, Interval{Mandarin: c.calls, AHT: aht, Agents: c.agents}),
			Within: within, Patience: c.patience, Seed: 1})
		got, minnan := res.Total(20, n)
		if minnan.Calls != 0 {
			t.Fatalf("%d Minnan calls simulated without a Minnan stream", minnan.Calls)
		}
		sl, ab := got.ServiceLevel(), float64(got.Abandoned)/float64(got.Calls)
		asa := got.Wait / float64(got.Calls-got.Abandoned)
		t.Logf("a %.1f n %d patience %v: SL %.4f (model %.4f), abandoned %.4f (%.4f), ASA %.1f s (%.1f), %d calls",
			a, c.agents, c.patience, sl, want.ServiceLevel, ab, want.Abandonment, asa, want.ASA, got.Calls)
		if math.Abs(sl-want.ServiceLevel) > 0.01 || math.Abs(ab-want.Abandonment) > 0.005 ||
			math.Abs(asa-want.ASA) > 0.1*want.ASA+0.5 {
			t.Errorf("a %.1f n %d patience %v: simulated SL %.4f, abandonment %.4f, ASA %.1f; the model says %.4f, %.4f, %.1f",
				a, c.agents, c.patience, sl, ab, asa, want.ServiceLevel, want.Abandonment, want.ASA)
		}
	}
}

func TestStaffingChangesAtBoundaries(t *testing.T) {
	// Nobody on the phones in the second interval: its callers wait for the third, and the
	// agents of the first finish their calls before they leave.
	ivs := []Interval{
		{Mandarin: 50, AHT: 300, Agents: 15},
		{Mandarin: 50, AHT: 300, Agents: 0},
		{AHT: 300, Agents: 15},
	}
	res := Run(Config{Seconds: 1800, Intervals: ivs, Within: 10, Seed: 3})
	first, second := res.Mandarin[0], res.Mandarin[1]
	if first.Calls == 0 || second.Calls == 0 {
		t.Fatalf("no calls: %+v %+v", first, second)
	}
	if first.ServiceLevel() < 0.95 {
		t.Errorf("fifteen agents for 50 calls of 5 minutes answer only %.3f in time", first.ServiceLevel())
	}
	if second.InTime > 2 || second.Wait/float64(second.Calls) < 600 {
		t.Errorf("with nobody on the phones %d of %d calls were answered in time, mean wait %.0f s", second.InTime, second.Calls, second.Wait/float64(second.Calls))
	}
	if second.Calls-second.Abandoned == 0 {
		t.Error("the waiting callers were never answered")
	}
}

func TestLastFreeSpeakerIsKeptForMinnanCallers(t *testing.T) {
	// One speaker among six agents: it never answers a Mandarin call, so the Minnan callers see
	// M/M/1 and the Mandarin callers M/M/5.
	const seconds, aht, within = 1800.0, 300.0, 10.0
	ivs := stationary(20000, Interval{Mandarin: 19, Minnan: 1, AHT: aht, Agents: 5, Speakers: 1})
	mandarin, minnan := Run(Config{Seconds: seconds, Intervals: ivs, Within: within, Seed: 5}).Total(10, len(ivs))
	wantM, _ := erlang.ErlangCMetrics(1, 1*aht/seconds, aht, within)
	wantN, _ := erlang.ErlangCMetrics(5, 19*aht/seconds, aht, within)
	t.Logf("Minnan SL %.4f (M/M/1 %.4f), Mandarin SL %.4f (M/M/5 %.4f)", minnan.ServiceLevel(), wantM.ServiceLevel, mandarin.ServiceLevel(), wantN.ServiceLevel)
	if math.Abs(minnan.ServiceLevel()-wantM.ServiceLevel) > 0.01 || math.Abs(mandarin.ServiceLevel()-wantN.ServiceLevel) > 0.01 {
		t.Errorf("Minnan SL %.4f, Mandarin SL %.4f; want %.4f and %.4f", minnan.ServiceLevel(), mandarin.ServiceLevel(), wantM.ServiceLevel, wantN.ServiceLevel)
	}
}
