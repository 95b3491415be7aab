package workflow

import (
	"testing"
	"time"

	"wfm"
)

// FuzzRequests feeds CheckSwap, ApplySwap, CheckLeave, Impact and ApplyLeave arbitrary requests
// against the fixture: each returns a decision or a *wfm.Error, never panics, and never changes
// the roster it is given.
func FuzzRequests(f *testing.F) {
	f.Add("d1", int64(0), "d3", int64(0), int64(1796256000), "sick", false, int32(0), int32(1), uint8(0))
	f.Add("d1", int64(0), "d2", int64(6), int64(1796256000), "annual", true, int32(-5), int32(3), uint8(1))
	f.Add("a1", int64(0), "n1", int64(0), int64(0), "", false, int32(-1<<31), int32(1<<31-1), uint8(2))
	f.Add("", int64(-1<<40), "zz", int64(1<<40), int64(-1<<62), "other", true, int32(7), int32(6), uint8(3))
	f.Fuzz(func(t *testing.T, a string, da int64, b string, db int64, unix int64, typ string, emergency bool, from, to int32, corrupt uint8) {
		p, r := fixture(t)
		switch corrupt % 5 {
		case 1:
			r.Schedules = r.Schedules[:len(r.Schedules)/2]
		case 2:
			r.Schedules[0].Days = r.Schedules[0].Days[:2]
		case 3:
			r = nil
		case 4:
			r.Schedules[1].Days[3].Shift = "nope"
		}
		var before string
		if r != nil {
			before = snapshot(t, r)
		}
		asked := time.Unix(unix, 0)
		req := SwapRequest{AgentA: a, DateA: wfm.Date(int32(da)), AgentB: b, DateB: wfm.Date(int32(db)), RequestedAt: asked}
		check := func(err error) {
			if err != nil && wfm.ErrorKind(err) == wfm.KindInternal {
				t.Errorf("not a *wfm.Error: %v", err)
			}
		}
		_, err := CheckSwap(p, r, req, map[string]int{a: int(corrupt) - 2}, nil)
		check(err)
		_, err = ApplySwap(r, req)
		check(err)
		lr := LeaveRequest{Agent: a, Type: typ, From: wfm.Date(from), To: wfm.Date(to), Emergency: emergency, RequestedAt: asked}
		_, err = CheckLeaveOnRoster(p, r, p.Leave, lr, nil)
		check(err)
		_, err = Impact(p, r, lr.Leave())
		check(err)
		_, err = ApplyLeave(r, lr.Leave())
		check(err)
		if r != nil && snapshot(t, r) != before {
			t.Error("input roster changed")
		}
	})
}
