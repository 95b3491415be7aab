// Package calendar builds holiday calendars: the Chinese statutory holidays and make-up working
// days (国务院办公厅 annual notices, as tabulated by the lunar-go library), and calendars read from a
// CSV of special days for centres elsewhere.
package calendar
