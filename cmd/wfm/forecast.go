package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"wfm"
	"wfm/forecast"
)

func runForecast(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "backtest" {
		return runBacktest(ctx, e, args[1:])
	}
	fs := newFlags(e, "forecast", "forecast --history F --start YYYY-MM-DD --days N [--interval 30m] [--model auto] [--holidays cn] [--out F]")
	var (
		hist, start, interval, model, out, tz string
		days                                  int
		aht                                   float64
	)
	fs.StringVar(&hist, "history", "", "history CSV: interval_start,calls[,aht_seconds,abandoned,minnan_calls]")
	fs.StringVar(&start, "start", "", "first day to forecast, YYYY-MM-DD")
	fs.IntVar(&days, "days", 0, "number of days to forecast")
	fs.StringVar(&interval, "interval", "30m", "planning interval: 15m, 30m or 60m (any divisor of a day the history supports)")
	fs.StringVar(&model, "model", "auto", "model: auto, "+modelNames())
	holidays := holidaysFlag(fs)
	fs.Float64Var(&aht, "aht", forecast.DefaultAHT, "handling time in seconds when the history has no aht_seconds")
	fs.StringVar(&tz, "tz", "Asia/Shanghai", "the centre's time zone (timestamps are read as its wall clock)")
	fs.StringVar(&out, "out", "", "output CSV (default stdout)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	for name, v := range map[string]string{"history": hist, "start": start} {
		if err := required(name, v); err != nil {
			return err
		}
	}
	if _, err := wfm.LoadTimeZone(tz); err != nil {
		return wfm.Invalidf("tz", "unknown time zone %q", tz)
	}
	first, err := wfm.ParseDate(start)
	if err != nil {
		return wfm.Invalidf("start", "%v", err)
	}
	step, err := forecast.ParseInterval(interval)
	if err != nil {
		return err
	}
	h, err := readHistory(hist)
	if err != nil {
		return err
	}
	cal, err := loadHolidays(e, *holidays, h.Grid.Start, first.AddDays(days-1))
	if err != nil {
		return err
	}
	fc, err := forecast.Run(ctx, forecast.Request{History: h, Calendar: cal, Start: first, Days: days,
		Step: step, Model: model, AHT: aht})
	if err != nil {
		return err
	}
	w, closeOut, err := output(e, out)
	if err != nil {
		return err
	}
	if err := fc.WriteCSV(w); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

func runBacktest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "forecast backtest", "forecast backtest --history F [--interval 30m] [--horizon 28] [--origins 4] [--every 7] [--end YYYY-MM-DD] [--holidays cn] [--csv F]")
	var (
		hist, interval, csvOut, end string
		horizon, origins, every     int
	)
	fs.StringVar(&hist, "history", "", "history CSV")
	fs.StringVar(&interval, "interval", "30m", "planning interval")
	fs.IntVar(&horizon, "horizon", 28, "days forecast from each origin")
	fs.IntVar(&origins, "origins", 4, "number of forecast origins; the last one ends on the last day of history")
	fs.IntVar(&every, "every", 7, "days between origins")
	holidays := holidaysFlag(fs)
	fs.StringVar(&end, "end", "", "last day of the last window, YYYY-MM-DD (default: the last day of history)")
	fs.StringVar(&csvOut, "csv", "", "also write the table as CSV to this file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required("history", hist); err != nil {
		return err
	}
	step, err := forecast.ParseInterval(interval)
	if err != nil {
		return err
	}
	h, err := readHistory(hist)
	if err != nil {
		return err
	}
	agg, err := h.Aggregate(step)
	if err != nil {
		return err
	}
	series := forecast.Series{Grid: agg.Grid, Values: agg.Calls}
	if end != "" {
		last, err := wfm.ParseDate(end)
		if err != nil {
			return wfm.Invalidf("end", "%v", err)
		}
		if last < series.Grid.Start || last >= series.Grid.End() {
			return wfm.Invalidf("end", "%s is outside the history, %s to %s", last, series.Grid.Start, series.Grid.End().AddDays(-1))
		}
		series = series.Slice(0, int(last-series.Grid.Start)+1)
	}
	cal, err := loadHolidays(e, *holidays, series.Grid.Start, series.Grid.End().AddDays(-1))
	if err != nil {
		return err
	}
	models := append(forecast.Models(), forecast.Auto{Candidates: forecast.Models()})
	began := time.Now()
	scores, dates, err := forecast.Backtest(ctx, series, cal, models,
		forecast.BacktestConfig{Horizon: horizon, Origins: origins, Every: every, Bands: true})
	if err != nil {
		return err
	}
	origs := make([]string, len(dates))
	for i, d := range dates {
		origs[i] = d.String()
	}
	noun := "origins"
	if origins == 1 {
		noun = "origin"
	}
	fmt.Fprintf(e.stdout, "Backtest of %s: %d-minute intervals, %d-day horizon, %d %s (%s), %s\n\n",
		hist, step, horizon, origins, noun, strings.Join(origs, ", "), time.Since(began).Round(time.Millisecond))
	writeScores(e.stdout, scores)
	if csvOut != "" {
		f, err := os.Create(csvOut)
		if err != nil {
			return err
		}
		fmt.Fprintln(f, "model,wape,mase,bias,band_coverage,points")
		for _, s := range scores {
			fmt.Fprintf(f, "%s,%.4f,%.4f,%.4f,%.4f,%d\n", s.Model, s.WAPE, s.MASE, s.Bias, s.Coverage, s.Points)
		}
		return f.Close()
	}
	return nil
}

// writeScores prints the backtest as a markdown table with each model's WAPE relative to the two
// baselines and the share of actual intervals inside its [p10, p90] band.
func writeScores(w io.Writer, scores []forecast.Score) {
	base := map[string]float64{}
	for _, s := range scores {
		base[s.Model] = s.WAPE
	}
	fmt.Fprintln(w, "| model | WAPE | MASE | bias | WAPE / snaive | WAPE / mean4 | in [p10, p90] |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, s := range scores {
		fmt.Fprintf(w, "| %s | %.4f | %.3f | %+.3f | %.3f | %.3f | %.1f %% |\n", s.Model, s.WAPE, s.MASE, s.Bias,
			s.WAPE/base["snaive"], s.WAPE/base["mean4"], 100*s.Coverage)
	}
}

func modelNames() string {
	var names []string
	for _, m := range forecast.Models() {
		names = append(names, m.Name())
	}
	return strings.Join(names, ", ")
}
