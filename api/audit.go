package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"wfm/store"
)

// audit builds an audit entry (R19) for a change made by the caller.
func audit(c *gin.Context, centre, action, entity, id string, detail any) store.AuditEntry {
	b, _ := json.Marshal(detail)
	return store.AuditEntry{CentreID: centre, Actor: actor(c), Action: action, Entity: entity, EntityID: id, Detail: b}
}

func (s *Server) auditTrail(c *gin.Context) {
	limit := 200
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			s.fail(c, invalid("limit", "must be a number from 1 to 10000"))
			return
		}
		limit = n
	}
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	trail, err := s.store.AuditTrail(c.Request.Context(), c.Param("centre"), limit)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"entries": trail})
}
