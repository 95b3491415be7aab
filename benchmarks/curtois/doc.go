// Package curtois reads and scores the Curtois & Qu nurse-rostering benchmark instances
// (schedulingbenchmarks.org, "Nurse Rostering Instances 1–24").
//
// Read parses an instance file into an Instance whose fields are dense and index-based (shifts,
// employees and days are slice indexes), so a solver can use them directly. A Roster assigns each
// employee one shift index or Off per day; Score evaluates it exactly as the benchmark defines.
//
// The objective, to be minimised, is the sum of four linear components:
//
//   - shift-on requests (E, d, s, w): w if employee E does not work shift s on day d;
//   - shift-off requests (E, d, s, w): w if employee E works shift s on day d;
//   - cover under (d, s, req, wu, wo): (req − x)·wu when x < req, where x is the number of
//     employees on shift s on day d;
//   - cover over: (x − req)·wo when x > req.
//
// The hard constraints (shift rotation, maximum shifts per type, minimum and maximum total minutes,
// minimum and maximum consecutive shifts, minimum consecutive days off, maximum weekends, and days
// off) do not enter the penalty: Score lists every violation separately, and Result.Feasible
// reports whether there is none. One shift per employee per day holds by construction of Roster.
// The days before and after the horizon count as days off for shift rotation and maximum
// consecutive shifts, while runs of shifts or of days off that touch either end of the horizon are
// exempt from the minimum-length rules. Day 0 is a Monday.
//
// WriteRoster and ReadRoster store a roster as text, and ReadBestKnown reads the table of best
// known objective values.
package curtois
