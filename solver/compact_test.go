package solver

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"wfm/benchmarks/gen"
)

// BenchmarkShortBound builds and solves the compact programme of a generated month (its move-budget
// schedule: compactSteps steps, the relaxation evaluated at its duals as it goes) and reports the
// bound on agent-intervals short it certifies.
func BenchmarkShortBound(b *testing.B) {
	for _, agents := range []int{200, 2000} {
		p, err := gen.Generate(gen.Config{Agents: agents, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		m, err := compile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("agents=%d", agents), func(b *testing.B) {
			v := 0.0
			for b.Loop() {
				_, v = newRelaxation(m, true).lpStart(func() bool { return false }, time.Time{}, compactShare)
			}
			b.ReportMetric(v, "bound")
		})
	}
}

// TestCompactClassesAgentsAlike: agents alike in every row of the compact programme (presence,
// templates and their paid minutes, pinned days and leave, limits and bands) share one class, and
// no others do.
func TestCompactClassesAgentsAlike(t *testing.T) {
	p, err := gen.Generate(gen.Config{Agents: 40, Days: 14, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	r := newRelaxation(m, true)
	c := newCompactLP(r)
	total := 0.0
	for _, n := range c.size {
		total += n
	}
	if int(total) != m.A || len(c.size) >= m.A {
		t.Fatalf("%d classes of %v agents for %d agents: want fewer classes than agents, every agent in one", len(c.size), total, m.A)
	}
	for a := range m.A {
		for b := range m.A {
			same := c.class[a] == c.class[b]
			alike := m.agents[a].weight == m.agents[b].weight && slices.Equal(m.agents[a].allowed, m.agents[b].allowed) &&
				m.agents[a].preShift == m.agents[b].preShift &&
				slices.Equal(m.fixed[a*m.D:(a+1)*m.D], m.fixed[b*m.D:(b+1)*m.D]) && slices.Equal(m.agents[a].weekMin, m.agents[b].weekMin) &&
				slices.Equal(m.agents[a].weekMax, m.agents[b].weekMax) && slices.Equal(m.agents[a].weekBase, m.agents[b].weekBase) &&
				r.lo[a] == r.lo[b] && r.hi[a] == r.hi[b] && slices.Equal(m.agents[a].maxShifts, m.agents[b].maxShifts)
			if same != alike {
				t.Fatalf("agents %s and %s: same class %v, alike in every row %v", m.agents[a].id, m.agents[b].id, same, alike)
			}
		}
	}
}
