// Package dataset locates the real data sets that tests and benchmarks read: the Curtois & Qu
// instances and the bank call-centre history. They live outside the repository, in shared/data
// beside the checkout, or wherever WFM_DATA_DIR points.
package dataset

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the directory of data set sub (e.g. "calls", "curtois"). When it is absent the test
// is skipped with a message naming where it looked — or fails, when WFM_REQUIRE_DATA=1 (CI sets it
// whenever the data is on the machine, so a moved folder cannot turn tests into silent skips).
func Dir(tb testing.TB, sub string) string {
	tb.Helper()
	dir, ok := Lookup(sub)
	if !ok {
		msg := "data set " + sub + " not found at " + dir + " (set WFM_DATA_DIR to the folder holding calls/ and curtois/)"
		if os.Getenv("WFM_REQUIRE_DATA") == "1" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return dir
}

// Lookup returns where data set sub should be and whether it is there: $WFM_DATA_DIR/sub, else
// shared/data/sub beside the module root.
func Lookup(sub string) (string, bool) {
	root := os.Getenv("WFM_DATA_DIR")
	if root == "" {
		root = filepath.Join(moduleRoot(), "..", "shared", "data")
	}
	dir := filepath.Join(root, sub)
	st, err := os.Stat(dir)
	return dir, err == nil && st.IsDir()
}

// moduleRoot walks up from the working directory to the folder holding go.mod.
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
