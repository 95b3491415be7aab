package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/store"
)

type centreBody struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Settings *wfm.CentreSettings `json:"settings"`
}

// decodeCentre reads a centre body; settings left out keep their defaults (or the current ones).
func decodeCentre(c *gin.Context, current wfm.CentreSettings) (centreBody, error) {
	body := centreBody{Settings: &current}
	if err := bind(c, &body); err != nil {
		return body, err
	}
	if body.Name == "" || !wfm.ValidText(body.Name, wfm.MaxNameLength) {
		return body, invalid("name", "a centre needs a name of at most %d characters, without control characters", wfm.MaxNameLength)
	}
	if body.Settings == nil {
		body.Settings = &current
	}
	if err := body.Settings.Validate(); err != nil {
		// The settings name their fields from themselves; the body holds them under "settings".
		if we, ok := err.(*wfm.Error); ok && we.Field != "" {
			e := *we
			e.Field = "settings." + e.Field
			return body, &e
		}
		return body, err
	}
	return body, nil
}

func (s *Server) listCentres(c *gin.Context) {
	pg, err := readPage(c, defaultPage, maxPage)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.Centres(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	if t := who(c); t.CentreID != "" {
		mine := list[:0]
		for _, ce := range list {
			if ce.ID == t.CentreID {
				mine = append(mine, ce)
			}
		}
		list = mine
	}
	list, next, err := slicePage(list, pg, func(ce store.Centre) string { return ce.ID })
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, pageBody("centres", list, next))
}

func (s *Server) createCentre(c *gin.Context) {
	body, err := decodeCentre(c, wfm.DefaultCentreSettings())
	if err != nil {
		s.fail(c, err)
		return
	}
	if body.ID != "" && !wfm.ValidID(body.ID) {
		s.fail(c, invalid("id", "%q is not a usable id: ids are 1 to %d letters, digits, '-', '_' or '.'", body.ID, wfm.MaxIDLength))
		return
	}
	ce := store.Centre{ID: body.ID, Name: body.Name, Settings: *body.Settings}
	err = s.store.InTx(c.Request.Context(), func(q *store.Queries) error {
		if err := q.CreateCentre(c.Request.Context(), &ce); err != nil {
			return err
		}
		return q.Audit(c.Request.Context(), audit(c, ce.ID, "centre.create", "centre", ce.ID, ce))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ce)
}

func (s *Server) getCentre(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ce)
}

func (s *Server) updateCentre(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	body, err := decodeCentre(c, ce.Settings)
	if err != nil {
		s.fail(c, err)
		return
	}
	before := ce
	ce.Name, ce.Settings = body.Name, *body.Settings
	err = s.store.InTx(c.Request.Context(), func(q *store.Queries) error {
		if err := q.UpdateCentre(c.Request.Context(), &ce); err != nil {
			return err
		}
		return q.Audit(c.Request.Context(), audit(c, ce.ID, "centre.update", "centre", ce.ID, gin.H{"before": before, "after": ce}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ce)
}

// centre loads the centre named in the path.
func (s *Server) centre(c *gin.Context) (store.Centre, error) {
	return s.store.Centre(c.Request.Context(), c.Param("centre"))
}
