// Package wfm holds the domain of a contact-centre workforce-management service: civil dates and
// the interval grid, holiday calendars, staffing demand, and the typed error that every input check
// returns. It imports only the standard library; forecasting, solving, storage and the API live in
// their own packages and speak in these types.
//
// Times follow one convention throughout: a civil date in the centre's time zone plus minutes from
// midnight on that date. A night shift belongs to the date it starts.
package wfm
