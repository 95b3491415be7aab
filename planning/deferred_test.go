package planning

import (
	"errors"
	"strings"
	"testing"

	"wfm"
	"wfm/inputs"
)

func TestCheckDeferred(t *testing.T) {
	end := wfm.DateOf(2027, 1, 1)
	items := []wfm.DeferredWork{
		{ID: "OLD", Kind: wfm.DeferredFollowUp, Minutes: 10, Release: wfm.WallTimeOf(wfm.DateOf(2026, 11, 30), 600), DeadlineDays: 2},
		{ID: "LAST", Kind: wfm.DeferredFollowUp, Minutes: 10, Release: wfm.WallTimeOf(end, -1), DeadlineDays: 1},
	}
	if err := CheckDeferred(end, items, nil); err != nil {
		t.Errorf("work released before the month and in its last minute: %v", err)
	}
	items = append(items, wfm.DeferredWork{ID: "NEXT", Kind: wfm.DeferredCallBack, Minutes: 5, Release: wfm.WallTimeOf(end, 0), DeadlineDays: 3})
	for _, tc := range []struct {
		origins []inputs.Origin
		want    string
	}{
		{[]inputs.Origin{{File: "d.csv", Line: 2}, {File: "d.csv", Line: 3}, {File: "d.csv", Line: 4}}, "d.csv:4: R25: field release: NEXT"},
		{nil, "R25: field items[2].release: NEXT"},
	} {
		err := CheckDeferred(end, items, tc.origins)
		var e *wfm.Error
		if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("got %v, want %q…", err, tc.want)
		}
	}
}

func TestParseDeferredCapacity(t *testing.T) {
	for in, want := range map[string]DeferredCapacity{"": DeferredIdle, "idle": DeferredIdle, "add": DeferredAdd} {
		if got, err := ParseDeferredCapacity(in); err != nil || got != want {
			t.Errorf("%q: %v, %v", in, got, err)
		}
	}
	if _, err := ParseDeferredCapacity("hire"); wfm.ErrorKind(err) != wfm.KindInvalid {
		t.Errorf("hire: %v", err)
	}
}
