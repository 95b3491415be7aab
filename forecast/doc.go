// Package forecast turns interval history into a forecast of call volume and handling time per
// interval of a coming period.
//
// The pipeline is: ReadHistory parses the planner's CSV onto a wall-clock grid (missing intervals
// are "no data", not zero); Aggregate brings it to the planning interval; a Model forecasts volume
// for the days ahead, aware of the holiday calendar; Backtest scores models by rolling origin
// (WAPE, MASE, bias) and the "auto" model picks the best by that score; Bands turns backtest errors
// into p10/p90 bands. Handling time is forecast per interval of the week.
//
// The package is pure computation: no I/O beyond the readers it is handed.
package forecast
