package forecast

import (
	"testing"

	"wfm"
)

func TestScaledMultipliesVolumesAndHandlingTime(t *testing.T) {
	f := &Forecast{Grid: wfm.Grid{Start: 1, Days: 1, Step: 720}, Model: "m", Calls: []float64{10, 20},
		P10: []float64{8, 16}, P90: []float64{12, 24}, AHT: []float64{300, 200}}
	s := f.Scaled(1.5, 2)
	if s.Calls[1] != 30 || s.P10[0] != 12 || s.P90[1] != 36 || s.AHT[0] != 600 || s.Minnan != nil || s.Model != "m" {
		t.Errorf("scaled %+v", s)
	}
	if f.Calls[1] != 20 || f.AHT[0] != 300 {
		t.Error("Scaled changed its receiver")
	}
}
