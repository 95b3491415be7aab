package web

import (
	"bytes"
	"io"
	"net/http"
	"strings"

	"wfm"
	"wfm/report"
	"wfm/store"
)

type downloadsData struct {
	Versions []store.Roster
	Agents   []wfm.Agent
}

// downloads lists every solved version with its report, workbook, CSV and calendars.
func (c *Console) downloads(w http.ResponseWriter, r *http.Request, s *session) {
	list, err := c.store.Rosters(r.Context(), s.Centre.ID)
	d := &downloadsData{}
	for _, v := range list {
		if v.Objective != nil {
			d.Versions = append(d.Versions, v)
		}
	}
	if err == nil {
		d.Agents, err = c.store.Agents(r.Context(), s.Centre.ID)
	}
	c.show(w, r, s, "downloads", "downloads", s.L.T("nav.downloads"), d, err)
}

// downloadFiles are the files of a version: name suffix, content type and writer.
var downloadFiles = map[string]struct {
	ctype string
	write func(io.Writer, report.Input) error
}{
	"report.html": {"text/html; charset=utf-8", report.WriteHTML},
	"roster.xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.WriteXLSX},
	"roster.csv":  {"text/csv; charset=utf-8", report.WriteCSV},
}

// download writes one file of a version: report.html, roster.xlsx, roster.csv, or an agent's
// calendar (calendar.ics?agent=).
func (c *Console) download(w http.ResponseWriter, r *http.Request, s *session) {
	v, err := c.loadVersion(r.Context(), s, r.PathValue("roster"))
	if err != nil {
		c.failPage(w, r, s.L, err)
		return
	}
	in := report.Input{Problem: v.P, Roster: v.R, Title: s.Centre.Name + " — " + v.Month + " v" + itoa(v.Version), Generated: c.now()}
	file := r.PathValue("file")
	if file == "calendar.ics" {
		c.sendCalendar(w, r, s, in, r.URL.Query().Get("agent"), v.ID)
		return
	}
	f, ok := downloadFiles[file]
	if !ok {
		c.failPage(w, r, s.L, &wfm.Error{Kind: wfm.KindNotFound, Message: file + " not found"})
		return
	}
	var b bytes.Buffer
	if err := f.write(&b, in); err != nil {
		c.failPage(w, r, s.L, err)
		return
	}
	send(w, f.ctype, strings.TrimSuffix(file, "."+ext(file))+"-"+v.Month+"-v"+itoa(v.Version)+"."+ext(file), b.Bytes())
}

// sendCalendar writes agent's calendar of a version.
func (c *Console) sendCalendar(w http.ResponseWriter, r *http.Request, s *session, in report.Input, agent, id string) {
	known := false
	for _, a := range in.Problem.Agents {
		known = known || a.ID == agent
	}
	if !known {
		c.failPage(w, r, s.L, &wfm.Error{Kind: wfm.KindNotFound, Field: "agent", Agent: agent, Message: "agent " + agent + " not in roster " + id})
		return
	}
	var b bytes.Buffer
	if err := report.WriteICS(&b, in, agent); err != nil {
		c.failPage(w, r, s.L, err)
		return
	}
	send(w, "text/calendar; charset=utf-8", agent+"-"+in.Problem.Horizon.Start.String()[:7]+".ics", b.Bytes())
}

func send(w http.ResponseWriter, ctype, name string, body []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}

func ext(name string) string { return name[strings.LastIndexByte(name, '.')+1:] }
