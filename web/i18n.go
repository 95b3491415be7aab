package web

import (
	"fmt"
	"net/http"
	"time"

	"wfm"
)

// The console's languages: Simplified Chinese (the default) and English.
const (
	langZH = "zh"
	langEN = "en"
)

// langCookie keeps the language a browser switched to.
const langCookie = "wfm_lang"

// locale is one request's language: every string the console writes comes from messages through
// T, and every date through Date.
type locale struct{ Lang string }

// T returns the message key in the locale's language, formatted with args (fmt verbs). A key
// missing from the table shows as itself, so that a gap is visible rather than blank; the tests
// hold every key the templates and the code use to both languages.
func (l locale) T(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m[0]
	if l.Lang == langEN {
		s = m[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// weekdays are the days' names, Sunday first: 星期日 … 星期六 and Sun … Sat.
var weekdays = [2][7]string{
	{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
	{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
}

// shortWeekdays head the grid's columns: 日 一 二 … and Su Mo Tu ….
var shortWeekdays = [2][7]string{
	{"日", "一", "二", "三", "四", "五", "六"},
	{"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"},
}

func (l locale) index() int {
	if l.Lang == langEN {
		return 1
	}
	return 0
}

// Date writes d as its reader writes dates: "2026年10月1日 星期四" or "Thu 1 Oct 2026".
func (l locale) Date(d wfm.Date) string {
	t := d.Time(time.UTC)
	if l.Lang == langEN {
		return t.Format("Mon 2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日 %s", t.Year(), int(t.Month()), t.Day(), weekdays[0][t.Weekday()])
}

// ShortDate writes d without the year: "10月1日 星期四" or "Thu 1 Oct".
func (l locale) ShortDate(d wfm.Date) string {
	t := d.Time(time.UTC)
	if l.Lang == langEN {
		return t.Format("Mon 2 Jan")
	}
	return fmt.Sprintf("%d月%d日 %s", int(t.Month()), t.Day(), weekdays[0][t.Weekday()])
}

// Weekday is d's short weekday for a column head.
func (l locale) Weekday(d wfm.Date) string { return shortWeekdays[l.index()][d.Weekday()] }

// Month writes a month "YYYY-MM" as "2026年12月" or "December 2026".
func (l locale) Month(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	if l.Lang == langEN {
		return t.Format("January 2006")
	}
	return fmt.Sprintf("%d年%d月", t.Year(), int(t.Month()))
}

// Stamp writes a time in the centre's zone: "2026-11-20 10:00".
func (l locale) Stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// requestLocale picks the language: ?lang= (kept in a cookie), else the cookie, else Chinese.
func requestLocale(w http.ResponseWriter, r *http.Request) locale {
	if q := r.URL.Query().Get("lang"); q == langZH || q == langEN {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
		return locale{q}
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == langZH || c.Value == langEN) {
		return locale{c.Value}
	}
	return locale{langZH}
}
