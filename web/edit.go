package web

import (
	"net/http"
	"strconv"

	"wfm"
	"wfm/store"
	"wfm/workflow"
)

type editData struct {
	V      *version
	Agent  string
	Date   wfm.Date
	Shift  string
	Days   []wfm.Date
	Result *editResult
}

// editResult is the API's answer to an edit: the checker's, and the new version when saved.
type editResult struct {
	Impact *workflow.EditImpact `json:"impact"`
	Saved  *store.Roster        `json:"roster"`
}

// submit hands the edit to the API (POST …/rosters/{r}/days), saving it when save is true.
func (c *Console) submit(r *http.Request, s *session, d *editData, save bool) (*editResult, error) {
	var out editResult
	body := map[string]any{"agent": d.Agent, "date": d.Date, "shift": d.Shift, "save": save}
	return &out, c.callAPI(r.Context(), s, "POST", c.rosterAPI(s, d.V.ID)+"/days", body, &out)
}

// editForm reads the edit form (or the query): the version, the agent, the date and the shift
// ("" for a day off).
func (c *Console) editForm(r *http.Request, s *session) (*editData, error) {
	d := &editData{Agent: r.FormValue("agent"), Shift: r.FormValue("shift")}
	var err error
	if d.V, err = c.loadVersion(r.Context(), s, r.FormValue("roster")); err != nil {
		return d, err
	}
	for k := range d.V.P.Horizon.Days {
		d.Days = append(d.Days, d.V.P.Horizon.Start.AddDays(k))
	}
	d.Date = d.V.P.Horizon.Start
	if v := r.FormValue("date"); v != "" {
		if d.Date, err = wfm.ParseDate(v); err != nil {
			return d, err
		}
	}
	if d.Agent == "" && len(d.V.P.Agents) > 0 {
		d.Agent = d.V.P.Agents[0].ID
	}
	if r.Method == http.MethodGet {
		for _, sch := range d.V.R.Schedules {
			if k := int(d.Date - d.V.P.Horizon.Start); sch.Agent == d.Agent && k >= 0 && k < len(sch.Days) {
				d.Shift = sch.Days[k].Shift
			}
		}
	}
	return d, nil
}

func (c *Console) editPage(w http.ResponseWriter, r *http.Request, s *session) {
	d, err := c.editForm(r, s)
	c.show(w, r, s, "edit", "edit", s.L.T("nav.edit"), d, err)
}

// editCheck answers, for htmx, what the edit breaks and costs (nothing is saved).
func (c *Console) editCheck(w http.ResponseWriter, r *http.Request, s *session) {
	d, err := c.editForm(r, s)
	if err == nil {
		d.Result, err = c.submit(r, s, d, false)
	}
	if err != nil {
		c.render(w, http.StatusOK, "fragments", "error", showError(s.L, err))
		return
	}
	c.render(w, http.StatusOK, "fragments", "editresult", struct {
		L locale
		*editData
	}{s.L, d})
}

// editSave saves the edit as a new version (audited by the API, R19) and shows it.
func (c *Console) editSave(w http.ResponseWriter, r *http.Request, s *session) {
	d, err := c.editForm(r, s)
	if err == nil {
		d.Result, err = c.submit(r, s, d, true)
	}
	if err != nil {
		c.show(w, r, s, "edit", "edit", s.L.T("nav.edit"), d, err)
		return
	}
	v := d.Result.Saved
	http.Redirect(w, r, c.centrePath(s, "/month?month="+v.Month+"&roster="+v.ID+"&done=saved&v="+strconv.Itoa(v.Version)), http.StatusSeeOther)
}
