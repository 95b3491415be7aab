package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wfm"
	"wfm/store"
)

// TestInputsAreCapped: a file that never ends (/dev/zero) is refused at the limit with an input
// error naming the file and the limit; before, "wfm forecast --history /dev/zero" grew to 2.6 GB.
func TestInputsAreCapped(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero on this system")
	}
	for _, args := range [][]string{
		{"forecast", "--history", "/dev/zero", "--start", "2026-12-01", "--days", "7"},
		{"staff", "--forecast", "/dev/zero"},
		{"forecast", "--history", historyFile(t), "--start", "2026-12-01", "--days", "7", "--holidays", "/dev/zero"},
	} {
		code, _, errs := run(t, args...)
		if code != 2 || !strings.Contains(errs, "/dev/zero") || !strings.Contains(errs, "64 MiB") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message naming /dev/zero and the 64 MiB limit", args, code, errs)
		}
	}
	// A file of exactly the limit is read to its end: the limit refuses only what lies beyond it.
	path := filepath.Join(t.TempDir(), "exact.csv")
	if err := os.WriteFile(path, []byte("interval_start,calls\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readInput(path, int64(len("interval_start,calls\n")), func(r io.Reader, _ string) (int, error) {
		var n int
		buf := make([]byte, 4)
		for {
			k, err := r.Read(buf)
			n += k
			if err != nil {
				return n, err
			}
		}
	})
	if got != len("interval_start,calls\n") || err == nil || err.Error() != "EOF" {
		t.Errorf("a file of exactly the limit: read %d bytes, error %v; want all of it and EOF", got, err)
	}
}

// TestBenchInputErrorsExitTwo: the documented exit status for bad input is 2, for the benchmarks
// too (a missing instance folder, an unknown instance, an unusable centre size exited 1 or 0).
func TestBenchInputErrorsExitTwo(t *testing.T) {
	empty := t.TempDir()
	one := t.TempDir()
	if err := os.WriteFile(filepath.Join(one, "Instance1.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "curtois", "--dir", empty}, "no Instance"},
		{[]string{"bench", "curtois", "--dir", one, "--only", "Instance99"}, "Instance99"},
		{[]string{"bench", "centres", "--agents", "5", "--time", "1s"}, "agents"},
		{[]string{"bench", "centres", "--agents", "200", "--days", "2", "--time", "1s"}, "days"},
		{[]string{"bench", "gen", "--agents", "5"}, "agents"},
	} {
		code, out, errs := run(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want 2 and %q", tc.args, code, errs, out, tc.want)
		}
	}
}

// TestTokenForANonexistentAgentIsRefused: "wfm token create --agent NOPE" made a token for nobody.
func TestTokenForANonexistentAgentIsRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wfm.db")
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ce := store.Centre{ID: "xm", Name: "Xiamen", Settings: wfm.DefaultCentreSettings()}
	if err := st.CreateCentre(ctx, &ce); err != nil {
		t.Fatal(err)
	}
	if err := st.PutAgent(ctx, "xm", wfm.Agent{ID: "A1", Group: wfm.GroupDay}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--role", "agent", "--centre", "xm", "--agent", "NOPE"}, 2, "NOPE"},
		{[]string{"--role", "agent", "--centre", "nowhere", "--agent", "A1"}, 2, "nowhere"},
		{[]string{"--role", "planner", "--centre", "nowhere"}, 2, "nowhere"},
		{[]string{"--role", "agent", "--centre", "xm", "--agent", "A1"}, 0, "created"},
		{[]string{"--role", "planner", "--centre", "xm"}, 0, "created"},
	} {
		code, _, errs := run(t, append(append([]string{"token", "create"}, tc.args...), "--db", db)...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("token create %v: exit %d, stderr %q; want %d and %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM tokens`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d tokens stored, want the 2 of the accepted commands", n)
	}
}
