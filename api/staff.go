package api

import (
	"bytes"
	"fmt"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/inputs"
	"wfm/store"
)

// publicAgent is what an agent may see of a colleague (R20): no name, no contract, no limits, of
// the roles only whether the colleague is a shift leader (R12), never trainee or suspended.
type publicAgent struct {
	ID     string   `json:"id"`
	Group  string   `json:"group"`
	Skills []string `json:"skills,omitempty"`
	Roles  []string `json:"roles,omitempty"`
}

func (s *Server) listAgents(c *gin.Context) {
	pg, err := readPage(c, defaultPage, maxPage)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	agents, err := s.store.AgentsPage(c.Request.Context(), c.Param("centre"), pg.after, pg.limit+1)
	if err != nil {
		s.fail(c, err)
		return
	}
	agents, next := cut(agents, pg, func(a wfm.Agent) string { return a.ID })
	out := make([]any, len(agents))
	for i, a := range agents {
		out[i] = redactAgent(c, a)
	}
	c.JSON(http.StatusOK, pageBody("agents", out, next))
}

// redactAgent shows an agent caller its own record in full and colleagues in public form.
func redactAgent(c *gin.Context, a wfm.Agent) any {
	if !isAgent(c) || who(c).AgentID == a.ID {
		return a
	}
	var roles []string
	if a.Has(wfm.RoleLeader) {
		roles = []string{wfm.RoleLeader}
	}
	return publicAgent{ID: a.ID, Group: a.Group, Skills: a.Skills, Roles: roles}
}

func (s *Server) getAgent(c *gin.Context) {
	a, err := s.store.Agent(c.Request.Context(), c.Param("centre"), c.Param("agent"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, redactAgent(c, a))
}

// putAgent creates or replaces an agent: POST with the id in the body, PUT with it in the path.
func (s *Server) putAgent(c *gin.Context) {
	var a wfm.Agent
	if err := bind(c, &a); err != nil {
		s.fail(c, err)
		return
	}
	if id := c.Param("agent"); id != "" {
		if a.ID != "" && a.ID != id {
			s.fail(c, invalid("id", "body id %q differs from the path's %q", a.ID, id))
			return
		}
		a.ID = id
	}
	if err := s.saveAgents(c, []wfm.Agent{a}, "agent.put"); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, a)
}

// MaxImportAgents bounds the agents of one import: a write of that size holds the database for a
// fraction of a second, so other writers wait rather than fail. A larger staff list is imported in
// parts; a centre holds at most wfm.MaxAgents agents, the largest problem the solver takes.
const MaxImportAgents = 10_000

// withinCap refuses (409) a write that would leave the centre with n of what, more than most: the
// largest roster problem the solver takes. err is the error of counting them.
func withinCap(n int, err error, most int, what string) error {
	if err != nil || n <= most {
		return err
	}
	return &wfm.Error{Kind: wfm.KindConflict, Message: fmt.Sprintf(
		"the centre would have %d %s; it holds at most %d, the most a roster takes", n, what, most)}
}

// saveAgents validates agents and stores them, all or none, with an audit entry each.
func (s *Server) saveAgents(c *gin.Context, agents []wfm.Agent, action string) error {
	if _, err := s.centre(c); err != nil {
		return err
	}
	seen := make(map[string]bool, len(agents))
	for i := range agents {
		if err := agents[i].Validate(); err != nil {
			return err
		}
		if agents[i].ID == "import" { // .../agents/import is the CSV import: such an agent could never be read back
			return &wfm.Error{Kind: wfm.KindInvalid, Field: "id", Agent: agents[i].ID, Message: `"import" is reserved`}
		}
		if seen[agents[i].ID] {
			return &wfm.Error{Kind: wfm.KindInvalid, Field: "id", Agent: agents[i].ID, Message: "agent listed twice"}
		}
		seen[agents[i].ID] = true
	}
	ctx, centre := c.Request.Context(), c.Param("centre")
	return s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.PutAgents(ctx, centre, agents); err != nil {
			return err
		}
		n, err := q.AgentCount(ctx, centre)
		if err := withinCap(n, err, wfm.MaxAgents, "agents"); err != nil {
			return err
		}
		entries := make([]store.AuditEntry, len(agents))
		for i, a := range agents {
			entries[i] = audit(c, centre, action, "agent", a.ID, a)
		}
		return q.Audit(ctx, entries...)
	})
}

func (s *Server) deleteAgent(c *gin.Context) {
	ctx, centre, id := c.Request.Context(), c.Param("centre"), c.Param("agent")
	err := s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.DeleteAgent(ctx, centre, id); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, centre, "agent.delete", "agent", id, nil))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// importAgents reads agents from CSV (text/csv body) and stores them all or none. Skills and roles
// are separated by ';'. Errors name the line and the column.
func (s *Server) importAgents(c *gin.Context) {
	body, err := io.ReadAll(c.Request.Body) // over the limit: 413, not a CSV error
	if err != nil {
		s.fail(c, err)
		return
	}
	agents, _, err := inputs.ReadAgents(bytes.NewReader(body), "agents.csv")
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(agents) > MaxImportAgents {
		s.fail(c, statusErr(http.StatusRequestEntityTooLarge, fmt.Sprintf(
			"%d agents in one import; at most %d: import the list in parts", len(agents), MaxImportAgents)))
		return
	}
	if err := s.saveAgents(c, agents, "agent.import"); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"imported": len(agents)})
}

func (s *Server) listShifts(c *gin.Context) {
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	shifts, err := s.store.Shifts(c.Request.Context(), c.Param("centre"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"shifts": shifts})
}

func (s *Server) putShift(c *gin.Context) {
	var sh wfm.ShiftTemplate
	if err := bind(c, &sh); err != nil {
		s.fail(c, err)
		return
	}
	if sh.ID == "" {
		sh.ID = c.Param("shift")
	}
	if sh.ID != c.Param("shift") {
		s.fail(c, invalid("id", "body id %q differs from the path's %q", sh.ID, c.Param("shift")))
		return
	}
	if err := sh.Validate(); err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	ctx, centre := c.Request.Context(), c.Param("centre")
	err := s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.PutShift(ctx, centre, sh); err != nil {
			return err
		}
		n, err := q.ShiftCount(ctx, centre)
		if err := withinCap(n, err, wfm.MaxShifts, "shift templates"); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, centre, "shift.put", "shift", sh.ID, sh))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sh)
}

func (s *Server) deleteShift(c *gin.Context) {
	ctx, centre, id := c.Request.Context(), c.Param("centre"), c.Param("shift")
	err := s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.DeleteShift(ctx, centre, id); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, centre, "shift.delete", "shift", id, nil))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
