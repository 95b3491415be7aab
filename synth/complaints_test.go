package synth

import (
	"math"
	"reflect"
	"testing"

	"wfm"
)

// TestComplaints draws a month of complaints for 200,000 calls, a sixth of them in Minnan, and
// holds the stream to its configuration: 0.3 % of calls, levels 60/30/10 with deadlines of 1, 2
// and 3 working days, 30 % call backs each after its follow-up, Minnan as the calls.
func TestComplaints(t *testing.T) {
	g := wfm.Grid{Start: wfm.DateOf(2026, 12, 1), Days: 31, Step: 30}
	calls, minnan := make([]float64, g.Len()), make([]float64, g.Len())
	total := 0.0
	for i := range calls {
		if h := i % g.PerDay(); h >= 16 && h < 44 {
			calls[i] = 230
			minnan[i] = calls[i] / 6
			total += calls[i]
		}
	}
	cfg := DefaultComplaints(3)
	items := Complaints(cfg, g, calls, minnan)
	if err := wfm.ValidateDeferred(items); err != nil {
		t.Fatal(err)
	}
	var complaints, callBacks, speakers float64
	levels := [3]float64{}
	for i, w := range items {
		switch w.Kind {
		case wfm.DeferredFollowUp:
			complaints++
			levels[w.Level-1]++
			if w.DeadlineDays != w.Level || w.Minutes != cfg.FollowUp[w.Level-1] {
				t.Errorf("%s: level %d due in %d days, %g minutes", w.ID, w.Level, w.DeadlineDays, w.Minutes)
			}
			if w.Minnan() {
				speakers++
			}
		case wfm.DeferredCallBack:
			callBacks++
			if prev := items[i-1]; w.After != prev.ID || w.Skill != prev.Skill || w.DeadlineDays != 3 || w.Minutes != 5 {
				t.Errorf("%s follows %+v", w.ID, prev)
			}
		}
		if i > 0 && w.Release < items[i-1].Release {
			t.Errorf("%s released before the item listed before it", w.ID)
		}
	}
	want := 0.003 * total // 640: a Poisson count's sd is 25
	if math.Abs(complaints-want) > 4*math.Sqrt(want) {
		t.Errorf("%g complaints for %g calls, want about %g", complaints, total, want)
	}
	for l, share := range cfg.Levels {
		if got := levels[l] / complaints; math.Abs(got-share) > 0.05 {
			t.Errorf("level %d: %.3f of the complaints, want %.2f", l+1, got, share)
		}
	}
	if got := callBacks / complaints; math.Abs(got-0.3) > 0.05 {
		t.Errorf("%.3f of the complaints called back, want 0.30", got)
	}
	if got := speakers / complaints; math.Abs(got-1.0/6) > 0.05 {
		t.Errorf("%.3f of the complaints in Minnan, want 1/6", got)
	}
	if again := Complaints(cfg, g, calls, minnan); !reflect.DeepEqual(again, items) {
		t.Error("the same seed drew another stream")
	}
}
