package api

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/store"
)

// audit builds an audit entry (R19) for a change made by the caller.
func audit(c *gin.Context, centre, action, entity, id string, detail any) store.AuditEntry {
	return auditBy(actor(c), centre, action, entity, id, detail)
}

// auditBy builds an audit entry (R19) for a change made by actor.
func auditBy(actor, centre, action, entity, id string, detail any) store.AuditEntry {
	b, _ := json.Marshal(detail)
	return store.AuditEntry{CentreID: centre, Actor: actor, Action: action, Entity: entity, EntityID: id, Detail: b}
}

// The audit trail's pages: entries are small, and a review reads many at once.
const (
	defaultAuditPage = 200
	maxAuditPage     = 10000
)

func (s *Server) auditTrail(c *gin.Context) {
	pg, err := readPage(c, defaultAuditPage, maxAuditPage)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	trail, err := s.store.AuditPage(c.Request.Context(), c.Param("centre"), pg.after, pg.limit+1)
	if wfm.ErrorKind(err) == wfm.KindNotFound {
		err = invalid("after", "%q is not an entry of this audit trail", pg.after)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	trail, next := cut(trail, pg, func(e store.AuditEntry) string { return e.ID })
	c.JSON(http.StatusOK, pageBody("entries", trail, next))
}
