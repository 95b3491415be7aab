package erlang_test

import (
	"fmt"
	"log"

	"wfm/forecast/erlang"
)

// 100 calls in a half hour with a mean handling time of 3 minutes offer 100·180/1800 = 10 Erlangs.
const (
	exampleLoad = 100 * 180.0 / 1800
	exampleAHT  = 180.0
)

func ExampleErlangC() {
	c, err := erlang.ErlangC(14, exampleLoad)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("P(wait) with 14 agents: %.4f\n", c)
	// Output:
	// P(wait) with 14 agents: 0.1741
}

func ExampleErlangCMetrics() {
	m, err := erlang.ErlangCMetrics(14, exampleLoad, exampleAHT, 20)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("answered within 20 s: %.1f %%\n", 100*m.ServiceLevel)
	fmt.Printf("ASA: %.1f s\n", m.ASA)
	fmt.Printf("occupancy: %.1f %%\n", 100*m.Occupancy)
	// Output:
	// answered within 20 s: 88.8 %
	// ASA: 7.8 s
	// occupancy: 71.4 %
}

func ExampleErlangAMetrics() {
	// The same queue, but callers hang up after two minutes on average.
	m, err := erlang.ErlangAMetrics(14, exampleLoad, exampleAHT, 120, 20)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("answered within 20 s: %.1f %%\n", 100*m.ServiceLevel)
	fmt.Printf("abandoned: %.2f %%\n", 100*m.Abandonment)
	fmt.Printf("ASA: %.1f s\n", m.ASA)
	// Output:
	// answered within 20 s: 93.3 %
	// abandoned: 2.28 %
	// ASA: 2.3 s
}

func ExampleRequired() {
	target := erlang.DefaultTarget() // 80 % within 10 s, occupancy ≤ 85 %
	target.AnswerWithin = 20
	m, err := erlang.Required(exampleLoad, exampleAHT, target)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Erlang C: %d agents, service level %.1f %%\n", m.Agents, 100*m.ServiceLevel)

	target.Patience = 120
	m, err = erlang.Required(exampleLoad, exampleAHT, target)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Erlang A: %d agents, service level %.1f %%, abandoned %.1f %%\n",
		m.Agents, 100*m.ServiceLevel, 100*m.Abandonment)
	// Output:
	// Erlang C: 14 agents, service level 88.8 %
	// Erlang A: 12 agents, service level 82.6 %, abandoned 6.2 %
}
