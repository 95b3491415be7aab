package forecast

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/internal/dataset"
)

// The real data lives outside the repository (DESIGN.md: read-only, never copied in), where
// internal/dataset finds it: $WFM_DATA_DIR, else shared/data beside the repository. Without it the
// tests that need it skip with a message, except when WFM_REQUIRE_DATA=1 (.ci/run sets it whenever
// the data is on the machine), where a skip would hide a gap.

const (
	realCallsFile   = "anonbank_1999_6min.csv" // in the calls data set
	anonbankHoliday = "testdata/anonbank-1999-holidays.csv"
)

// callsFile returns the path of file name in the calls data set, or skips tb (fails it under CI)
// when it is absent.
func callsFile(tb testing.TB, name string) string {
	tb.Helper()
	return filepath.Join(dataset.Dir(tb, "calls"), name)
}

var realOnce struct {
	sync.Once
	h   *History
	err error
}

// realHistory returns the parsed year of 6-minute real data, read once per test binary. Callers
// must not modify it.
func realHistory(tb testing.TB) *History {
	tb.Helper()
	p := callsFile(tb, realCallsFile)
	realOnce.Do(func() {
		f, err := os.Open(p)
		if err != nil {
			realOnce.err = err
			return
		}
		defer f.Close()
		realOnce.h, realOnce.err = ReadHistory(f, p)
	})
	if realOnce.err != nil {
		tb.Fatalf("reading %s: %v", p, realOnce.err)
	}
	return realOnce.h
}

// anonbankCalendar returns the 1999 holidays of the real data's centre.
func anonbankCalendar(tb testing.TB) *wfm.Calendar {
	tb.Helper()
	cal, err := calendar.Load(anonbankHoliday)
	if err != nil {
		tb.Fatal(err)
	}
	return cal
}

// weekdayOnly returns a copy of h that keeps only Monday–Friday, 07:00–20:59: the history of a
// centre closed at night and at weekends, whose closed hours are simply absent from the file.
func weekdayOnly(h *History) *History {
	c := &History{Grid: h.Grid, Calls: slices.Clone(h.Calls)}
	for k := range c.Calls {
		d, m := h.Grid.At(k)
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || m < 7*60 || m >= 21*60 {
			c.Calls[k] = math.NaN()
		}
	}
	return c
}
