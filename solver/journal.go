package solver

// journal records the cells and agent costs a move changed, so a rejected move can be undone
// exactly without re-scoring.
type journal struct {
	cells  []cell
	agents []savedAgent
	soft   float64 // the move's change of the SOFT objective
	hard   float64 // the move's change of the HARD measure
}

type cell struct {
	i          int
	s, b       int16
	coverDelta float64
	traineeDel float64
}

type savedAgent struct {
	a    int
	cost agentCost
}

func (j *journal) reset() {
	j.cells, j.agents = j.cells[:0], j.agents[:0]
	j.soft, j.hard = 0, 0
}

// change sets agent a's day d to (s, b) and records the old value.
func (st *state) change(j *journal, a, d, s, b int) {
	i := a*st.m.D + d
	c := cell{i: i, s: st.x[i], b: st.br[i]}
	c.coverDelta, c.traineeDel = st.set(a, d, s, b)
	j.soft += c.coverDelta
	j.hard += c.traineeDel
	j.cells = append(j.cells, c)
}

// rescore refreshes agent a's cost after its cells changed, recording the old cost. An agent is
// rescored once per move.
func (st *state) rescore(j *journal, a int) {
	for _, s := range j.agents {
		if s.a == a {
			return
		}
	}
	j.agents = append(j.agents, savedAgent{a: a, cost: st.agent[a]})
	soft, hard := st.refreshAgent(a)
	j.soft += soft
	j.hard += hard
}

// undo restores everything the journal recorded, latest first.
func (st *state) undo(j *journal) {
	m := st.m
	for k := len(j.cells) - 1; k >= 0; k-- {
		c := j.cells[k]
		st.set(c.i/m.D, c.i%m.D, int(c.s), int(c.b))
	}
	for _, s := range j.agents {
		old := st.agent[s.a]
		st.agent[s.a] = s.cost
		st.agentHard += s.cost.hard - old.hard
		st.agentSoft += s.cost.soft - old.soft
	}
	j.reset()
}
