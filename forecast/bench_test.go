package forecast

import (
	"bytes"
	"context"
	"os"
	"testing"

	"wfm"
)

// BenchmarkReadHistory parses the real year of 6-minute history (87,600 rows) from memory.
func BenchmarkReadHistory(b *testing.B) {
	data, err := os.ReadFile(callsFile(b, realCallsFile))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadHistory(bytes.NewReader(data), "bench.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkForecastMonth is the planner's monthly run: 31 days at 30 minutes from a parsed year
// of 6-minute history, with aggregation, auto selection and bands. Target: under a second.
func BenchmarkForecastMonth(b *testing.B) {
	req := Request{History: realHistory(b), Calendar: anonbankCalendar(b), Start: wfm.DateOf(1999, 12, 1),
		Days: 31, Step: 30, Model: "auto"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBacktest is the headline backtest: every model and auto, ten weekly origins with a
// 28-day horizon at 30 minutes.
func BenchmarkBacktest(b *testing.B) {
	h30, err := realHistory(b).Aggregate(30)
	if err != nil {
		b.Fatal(err)
	}
	s := Series{Grid: h30.Grid, Values: h30.Calls}
	cal := anonbankCalendar(b)
	models := append(Models(), Auto{Candidates: Models()})
	cfg := BacktestConfig{Horizon: 28, Origins: 10, Every: 7}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Backtest(context.Background(), s, cal, models, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
