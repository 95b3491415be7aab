package solver

// journal records the cells a move changed, so a rejected move can be undone exactly.
type journal struct {
	cells []cell
	soft  float64 // the move's change of the SOFT objective
	hard  float64 // the move's change of the HARD measure
}

type cell struct {
	i    int
	s, b int16
}

func (j *journal) reset() {
	j.cells = j.cells[:0]
	j.soft, j.hard = 0, 0
}

// change sets agent a's day d to (s, b), recording the old value and the cost change.
func (st *state) change(j *journal, a, d, s, b int) {
	i := a*st.m.D + d
	j.cells = append(j.cells, cell{i: i, s: st.x[i], b: st.br[i]})
	soft, hard := st.set(a, d, s, b)
	j.soft += soft
	j.hard += hard
}

// undo restores the recorded cells, latest first.
func (st *state) undo(j *journal) {
	m := st.m
	for k := len(j.cells) - 1; k >= 0; k-- {
		c := j.cells[k]
		st.set(c.i/m.D, c.i%m.D, int(c.s), int(c.b))
	}
	j.reset()
}
