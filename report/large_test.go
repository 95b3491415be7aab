package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"wfm"
)

// readFiles reads a problem and a roster JSON (as written by `wfm bench gen` and `wfm solve`).
func readFiles(t testing.TB, problem, roster string) (*wfm.Problem, *wfm.Roster) {
	t.Helper()
	pf, err := os.Open(problem)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	p, err := wfm.ReadProblem(pf, problem)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(roster)
	if err != nil {
		t.Fatal(err)
	}
	var r wfm.Roster
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return p, &r
}

// TestWriteAllFiles writes every report for the problem and roster named by the environment
// variables WFM_REPORT_PROBLEM and WFM_REPORT_ROSTER into WFM_REPORT_OUT (default a temporary
// directory) and logs the sizes and the time taken. It is skipped without them. For a 150-agent
// month:
//
//	go build -o /tmp/wfm ./cmd/wfm && /tmp/wfm bench gen --agents 150 --out /tmp/rp.json &&
//	/tmp/wfm solve --problem /tmp/rp.json --time 20s --quiet --out /tmp/rr.json &&
//	WFM_REPORT_PROBLEM=/tmp/rp.json WFM_REPORT_ROSTER=/tmp/rr.json go test ./report -run WriteAllFiles -v
func TestWriteAllFiles(t *testing.T) {
	problem, roster := os.Getenv("WFM_REPORT_PROBLEM"), os.Getenv("WFM_REPORT_ROSTER")
	if problem == "" || roster == "" {
		t.Skip("set WFM_REPORT_PROBLEM and WFM_REPORT_ROSTER to write the reports of a problem and roster")
	}
	p, r := readFiles(t, problem, roster)
	out := os.Getenv("WFM_REPORT_OUT")
	if out == "" {
		out = t.TempDir()
	}
	in := Input{Problem: p, Roster: r, Title: "Demo centre — " + p.Horizon.Start.Time(time.UTC).Format("January 2006"),
		Generated: time.Now()}
	began := time.Now()
	files, err := WriteAll(out, in)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(began)
	var ics int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(f) == filepath.Join(out, DirICS) {
			ics += st.Size()
			continue
		}
		t.Logf("%s: %d bytes", f, st.Size())
	}
	t.Logf("%d calendars: %d bytes; %d agents × %d days written in %v", len(files)-3, ics, len(p.Agents), p.Horizon.Days, elapsed)
	if st, _ := os.Stat(filepath.Join(out, FileHTML)); st.Size() > 3<<20 {
		t.Errorf("report.html is %d bytes, over 3 MB", st.Size())
	}
}
