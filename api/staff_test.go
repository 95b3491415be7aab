package api

import (
	"net/http"
	"testing"

	"wfm"
)

// TestStaff is the staff family: agents (one by one and by CSV import) and shift templates.
func TestStaff(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{noHistory: true})
		pl, agent := ts.planner, ts.agentToken(t, c.id, "A0002")
		agents, imp, shifts := p("/centres/%s/agents", c.id), p("/centres/%s/agents/import", c.id), p("/centres/%s/shifts", c.id)
		b1 := map[string]any{"id": "B0001", "name": "陈明", "group": "night", "skills": []string{"mandarin", "minnan"},
			"roles": []string{"leader"}, "contract_hours": 40}
		ts.run(t, []apiCase{
			{name: "add an agent", method: "POST", path: agents, body: b1, token: pl, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if r.str("id") != "B0001" || r.str("group") != "night" || r.str("roles.0") != "leader" {
						t.Errorf("added: %s", r)
					}
				}},
			{name: "read it", method: "GET", path: agents + "/B0001", token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if r.str("name") != "陈明" || r.str("skills.1") != "minnan" || r.num("contract_hours") != 40 {
					t.Errorf("agent: %s", r)
				}
			}},
			{name: "replace it", method: "PUT", path: agents + "/B0001", body: map[string]any{"group": "any", "contract_hours": 32},
				token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.str("id") != "B0001" || r.str("group") != "any" || r.at("roles") != nil {
						t.Errorf("replaced: %s", r)
					}
				}},
			{name: "31 agents", method: "GET", path: agents, token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if len(r.list("agents")) != 31 {
					t.Errorf("agents: %d", len(r.list("agents")))
				}
			}},
			{name: "body id differs from the path", method: "PUT", path: agents + "/B0001", body: map[string]any{"id": "B0002", "group": "day"},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "id")},
			{name: "unknown group", method: "POST", path: agents, body: map[string]any{"id": "B0003", "group": "evening"}, token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "group", rule: "R22", agent: "B0003"}},
			{name: "unknown role", method: "POST", path: agents, body: map[string]any{"id": "B0003", "group": "day", "roles": []string{"boss"}},
				token: pl, status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "roles", rule: "R14"}},
			{name: "unusable id", method: "POST", path: agents, body: map[string]any{"id": "B 3/x", "group": "day"}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "id")},
			{name: "an agent called import", method: "PUT", path: agents + "/import", body: map[string]any{"group": "day"}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "id")},
			{name: "contract hours of the wrong type", method: "POST", path: agents, body: rawBody(`{"id": "B0003", "group": "day", "contract_hours": "forty"}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "contract_hours")},
			{name: "skills of the wrong type", method: "POST", path: agents, body: rawBody(`{"id": "B0003", "group": "day", "skills": "minnan"}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "skills")},
			{name: "contract hours out of range", method: "POST", path: agents, body: map[string]any{"id": "B0003", "group": "day", "contract_hours": 200},
				token: pl, status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "contract_hours", rule: "R3"}},
			{name: "unknown field", method: "POST", path: agents, body: rawBody(`{"id": "B0003", "group": "day", "salary": 9000}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "salary")},
			{name: "malformed JSON", method: "POST", path: agents, body: rawBody(`{"id": "B0003", "group": `),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "body")},
			{name: "agent of an unknown centre", method: "POST", path: p("/centres/nope/agents"), body: b1, token: pl,
				status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "add as an agent", method: "POST", path: agents, body: b1, token: agent, status: http.StatusForbidden,
				err: e(wfm.KindForbidden, "")},
			{name: "delete", method: "DELETE", path: agents + "/B0001", token: pl, status: http.StatusNoContent},
			{name: "deleted is gone", method: "GET", path: agents + "/B0001", token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "delete unknown", method: "DELETE", path: agents + "/B0001", token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "unknown agent", method: "GET", path: agents + "/Z9999", token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},

			{name: "import", method: "POST", path: imp, body: csvBody("id,name,group,skills,roles,contract_hours,mentor\n" +
				"C0001,黄海,day,mandarin;minnan,leader,40,\nC0002,,night,mandarin,,,\nC0003,,day,mandarin,trainee,40,C0001\n"),
				token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.num("imported") != 3 {
						t.Errorf("import: %s", r)
					}
					g := ts.get(t, agents+"/C0003").want(t, http.StatusOK)
					if g.str("mentor") != "C0001" || g.str("roles.0") != "trainee" || g.str("skills.0") != "mandarin" {
						t.Errorf("imported agent: %s", g)
					}
				}},
			{name: "import columns in any order, BOM", method: "POST", path: imp, body: csvBody("\ufeffgroup,id\nday,C0004\n"), token: pl,
				status: http.StatusOK},
			{name: "import: unknown column", method: "POST", path: imp, body: csvBody("id,group,salary\nC0005,day,9000\n"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 1, field: "salary"}},
			{name: "import: no group column", method: "POST", path: imp, body: csvBody("id,name\nC0005,x\n"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 1, field: "group"}},
			{name: "import: bad group on line 3", method: "POST", path: imp, body: csvBody("id,group\nC0005,day\nC0006,evening\n"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 3, field: "group", agent: "C0006"}},
			{name: "import is all or nothing", method: "GET", path: agents + "/C0005", token: pl, status: http.StatusNotFound},
			{name: "import: bad hours on line 2", method: "POST", path: imp, body: csvBody("id,group,contract_hours\nC0005,day,forty\n"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 2, field: "contract_hours"}},
			{name: "import: broken quoting", method: "POST", path: imp, body: csvBody("id,group\nC0005,day\n\"C0006,day\n"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 3}},
			{name: "import: header only", method: "POST", path: imp, body: csvBody("id,group\n"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 2}},
			{name: "import: empty", method: "POST", path: imp, body: csvBody(""), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 1}},
			{name: "import as an agent", method: "POST", path: imp, body: csvBody("id,group\nC0005,day\n"), token: agent,
				status: http.StatusForbidden},

			{name: "put a shift", method: "PUT", path: shifts + "/M06", body: map[string]any{"start": "06:00", "minutes": 480},
				token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.str("id") != "M06" || r.str("start") != "06:00" || r.num("minutes") != 480 {
						t.Errorf("shift: %s", r)
					}
				}},
			{name: "11 shifts", method: "GET", path: shifts, token: agent, status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if len(r.list("shifts")) != 11 {
					t.Errorf("shifts: %s", r)
				}
			}},
			{name: "shift id differs from the path", method: "PUT", path: shifts + "/M06", body: map[string]any{"id": "M07", "start": "07:00", "minutes": 480},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "id")},
			{name: "shift of no length", method: "PUT", path: shifts + "/M06", body: map[string]any{"start": "06:00", "minutes": 0},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "minutes")},
			{name: "shift start out of range", method: "PUT", path: shifts + "/M06", body: map[string]any{"start": "25:00", "minutes": 480},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "start")},
			{name: "shift start of the wrong type", method: "PUT", path: shifts + "/M06", body: rawBody(`{"start": 360, "minutes": 480}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "start")},
			{name: "shift named like a leave type", method: "PUT", path: shifts + "/annual", body: map[string]any{"start": "06:00", "minutes": 480},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "id")},
			{name: "shift of an unknown centre", method: "PUT", path: p("/centres/nope/shifts/M06"), body: map[string]any{"start": "06:00", "minutes": 480},
				token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "put a shift as an agent", method: "PUT", path: shifts + "/M06", body: map[string]any{"start": "06:00", "minutes": 480},
				token: agent, status: http.StatusForbidden},
			{name: "delete a shift", method: "DELETE", path: shifts + "/M06", token: pl, status: http.StatusNoContent},
			{name: "delete an unknown shift", method: "DELETE", path: shifts + "/M06", token: pl, status: http.StatusNotFound,
				err: e(wfm.KindNotFound, "")},

			{name: "schedule without a month", method: "GET", path: agents + "/A0002/schedule", token: agent, status: http.StatusBadRequest,
				err: e(wfm.KindInvalid, "month")},
			{name: "schedule of a month not published", method: "GET", path: agents + "/A0002/schedule?month=2026-12", token: agent,
				status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
		})
	})
}
