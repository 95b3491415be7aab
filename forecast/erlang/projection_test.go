package erlang

import (
	"math"
	"testing"
)

func TestProjection(t *testing.T) {
	// 20 Erlangs (240 calls of 150 s in half an hour) against 25 agents on the phones.
	const calls, aht, seconds = 240.0, 150.0, 1800.0
	p := Projection{Within: 20, Shrinkage: 0.12}
	if n := p.Answering(25); n != 22 { // 25·0.88 = 22
		t.Errorf("25 on the phones at 12 %% shrinkage answer as %d, want 22", n)
	}
	if n := p.Answering(23.5); n != 20 { // 20.68: whole agents
		t.Errorf("23.5 on the phones answer as %d, want 20", n)
	}
	want, _ := ErlangCMetrics(22, 20, aht, 20)
	if got := p.Metrics(calls, aht, seconds, 25); got != want {
		t.Errorf("Erlang C after shrinkage: %+v, want %+v", got, want)
	}
	p.Patience = 90
	wantA, _ := ErlangAMetrics(22, 20, aht, 90, 20)
	if got := p.Metrics(calls, aht, seconds, 25); got != wantA || got.Abandonment <= 0 {
		t.Errorf("Erlang A after shrinkage: %+v, want %+v", got, wantA)
	}
	// Fewer agents answering than the load: Erlang C never catches up, Erlang A sheds callers.
	p.Patience = 0
	if got := p.Metrics(calls, aht, seconds, 20); got.ServiceLevel != 0 || !math.IsInf(got.ASA, 1) {
		t.Errorf("unstable queue: %+v", got)
	}
	// No calls: the idle service, whatever the staffing; the default threshold without one.
	if got := (Projection{}).Metrics(0, 0, seconds, 3); got.ServiceLevel != 1 || got.Agents != 3 {
		t.Errorf("no calls: %+v", got)
	}
	def, _ := ErlangCMetrics(25, 20, aht, DefaultAnswerWithin)
	if got := (Projection{}).Metrics(calls, aht, seconds, 25); got != def {
		t.Errorf("default threshold: %+v, want %+v", got, def)
	}
}
