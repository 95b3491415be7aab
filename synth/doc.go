// Package synth generates realistic synthetic contact centres for demos, tests and benchmarks:
// a history of calls with the shapes real centres show (two daily peaks, a weekday pattern,
// day-of-month paydays, statutory holidays with make-up working days, slow growth, handling time
// and Minnan share varying over the day, over-dispersed counts). Everything is seeded: the same
// configuration gives the same centre.
package synth
