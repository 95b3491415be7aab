package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/solver"
	"wfm/store"
)

// TestMessages holds the message table to both languages: every key has a Chinese and an
// English text with the same fmt verbs, and every key the templates or the code name, and every
// key of the families named at run time (statuses, phases, leave types, groups, roles, tabs), is
// in the table.
func TestMessages(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for k, m := range messages {
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s: a language has no text: %q", k, m)
		}
		if a, b := verbs.FindAllString(m[0], -1), verbs.FindAllString(m[1], -1); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: verbs %v in Chinese, %v in English", k, a, b)
		}
	}
	used := map[string]bool{}
	literal := regexp.MustCompile(`\.T "([a-z.]+)"|T\("([a-z.]+)"`)
	err := fs.WalkDir(templateFiles, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFiles, path)
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			used[m[1]+m[2]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	goFiles, _ := filepath.Glob("*.go")
	for _, f := range goFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			used[m[1]+m[2]] = true
		}
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in use: the scan is broken", len(used))
	}
	for _, family := range []struct {
		prefix string
		values []string
	}{
		{"status.", []string{store.RosterQueued, store.RosterSolving, store.RosterDraft, store.RosterFailed, store.RosterCancelled,
			store.RosterPublished, store.RosterSuperseded, store.JobQueued, store.JobRunning, store.JobSucceeded, store.JobFailed,
			store.JobCancelled, store.RequestPending, store.RequestApproved, store.RequestRejected}},
		{"kind.", []string{store.KindSolve, store.KindRepair, store.KindChange}},
		{"phase.", []string{string(solver.PhaseConstruct), string(solver.PhaseBreaks), string(solver.PhaseRepair),
			string(solver.PhaseBound), string(solver.PhaseSearch), string(solver.PhaseDive)}},
		{"leave.", []string{wfm.LeaveAnnual, wfm.LeaveSick, wfm.LeavePersonal, wfm.LeaveMarriage, wfm.LeaveMaternity, wfm.LeaveOther, "leave"}},
		{"group.", []string{wfm.GroupDay, wfm.GroupNight, wfm.GroupAny}},
		{"role.", []string{wfm.RoleLeader, wfm.RoleTrainee, "none"}},
		{"skill.", []string{"mandarin", wfm.SkillMinnan}},
		{"nav.", tabs},
		{"done.", []string{"published", "cancelled", "saved", "approved", "rejected", "filed", "replanned"}},
	} {
		for _, v := range family.values {
			used[family.prefix+v] = true
		}
	}
	for k := range used {
		if strings.HasSuffix(k, ".") {
			continue // a family's prefix, completed at run time (the families above)
		}
		if _, ok := messages[k]; !ok {
			t.Errorf("key %q is used but not in the message table", k)
		}
	}
}

// TestDates checks dates as each reader writes them, and holiday names from the calendar.
func TestDates(t *testing.T) {
	zh, en := locale{langZH}, locale{langEN}
	d := wfm.DateOf(2026, time.October, 1)
	for _, tc := range []struct{ got, want string }{
		{zh.Date(d), "2026年10月1日 星期四"}, {en.Date(d), "Thu 1 Oct 2026"},
		{zh.ShortDate(d), "10月1日 星期四"}, {zh.Weekday(d), "四"}, {en.Weekday(d), "Th"},
		{zh.Month("2026-10"), "2026年10月"}, {en.Month("2026-10"), "October 2026"},
		{zh.T("month.shown", 3, 30), "（显示 3 / 30 名坐席）"}, {en.T("no.such.key"), "no.such.key"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	p := &wfm.Problem{Horizon: wfm.Horizon{Start: d, Days: 7, IntervalMinutes: 30}, Rules: wfm.DefaultRules(),
		Holidays: []wfm.SpecialDay{{Date: d, Kind: wfm.Holiday, Name: "国庆节"}, {Date: d.AddDays(9), Kind: wfm.Workday, Name: "国庆节"}}}
	r := &wfm.Roster{Horizon: p.Horizon}
	g := buildGrid(zh, p, r, nil, filters{})
	if g.Heads[0].Class != "hol" || g.Heads[0].Title != "2026年10月1日 星期四 · 国庆节" {
		t.Errorf("1 October heads %+v, want the holiday named", g.Heads[0])
	}
	if g.Heads[3].Class != "we" {
		t.Errorf("Sunday 4 October heads %+v, want a weekend", g.Heads[3])
	}
}
