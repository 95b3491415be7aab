package wfm

import "fmt"

// CentreSettings are a centre's standing settings: where it is, its planning grid, its service
// target (R17), staffing assumptions (R16) and its rules. The API keeps them per centre and builds
// every forecast, staffing and roster problem from them.
type CentreSettings struct {
	TimeZone        string  `json:"time_zone"`
	IntervalMinutes int     `json:"interval_minutes"`
	Holidays        string  `json:"holidays"`        // "cn" or "none"
	ServiceLevel    float64 `json:"service_level"`   // share of calls answered within AnswerWithin
	AnswerWithin    float64 `json:"answer_within_s"` // seconds
	MaxOccupancy    float64 `json:"max_occupancy"`   // 0 for no cap
	MaxASA          float64 `json:"max_asa_s"`       // 0 for no bound
	Patience        float64 `json:"patience_s"`      // 0: Erlang C; > 0: Erlang A
	Shrinkage       float64 `json:"shrinkage"`       // share of time off the phones not modelled by breaks
	MinnanShare     float64 `json:"minnan_share"`    // when the history has no Minnan counts
	DefaultAHT      float64 `json:"default_aht_s"`   // when the history has no handling times
	Rules           Rules   `json:"rules"`
	// Hall is the centre's walk-in service hall (R24), whose posts the leave checks keep staffed.
	Hall *Hall `json:"hall,omitempty"`
}

// DefaultCentreSettings returns the RULES.md defaults: Asia/Shanghai, 30-minute intervals, Chinese
// holidays, 80 % of calls within 10 s, occupancy ≤ 85 %, Erlang C, 10 % shrinkage (breaks are
// placed explicitly by the roster), 15 % Minnan calls, 300 s handling time.
func DefaultCentreSettings() CentreSettings {
	return CentreSettings{TimeZone: DefaultTimeZone, IntervalMinutes: 30, Holidays: "cn", ServiceLevel: 0.8,
		AnswerWithin: 10, MaxOccupancy: 0.85, Shrinkage: 0.1, MinnanShare: 0.15, DefaultAHT: 300, Rules: DefaultRules()}
}

// Validate checks the settings, naming the field.
func (s CentreSettings) Validate() error {
	h := Horizon{Start: DateOf(2026, 1, 1), Days: 1, IntervalMinutes: s.IntervalMinutes, TimeZone: s.TimeZone}
	if err := ValidateStep(s.IntervalMinutes); err != nil {
		return Invalidf("interval_minutes", "%d minutes does not divide the day", s.IntervalMinutes)
	}
	if _, err := LoadTimeZone(s.TimeZone); err != nil { // a centre always names its zone
		return Invalidf("time_zone", "unknown time zone %q: give an IANA name such as %s", s.TimeZone, DefaultTimeZone)
	}
	if s.Holidays != "cn" && s.Holidays != "none" {
		return Invalidf("holidays", "must be cn or none, got %q", s.Holidays)
	}
	for _, c := range []struct {
		name   string
		v      float64
		lo, hi float64
	}{{"service_level", s.ServiceLevel, 0.01, 1}, {"answer_within_s", s.AnswerWithin, 1, 3600},
		{"max_occupancy", s.MaxOccupancy, 0, 1}, {"max_asa_s", s.MaxASA, 0, 3600}, {"patience_s", s.Patience, 0, 7200},
		{"shrinkage", s.Shrinkage, 0, 0.9}, {"minnan_share", s.MinnanShare, 0, 1}, {"default_aht_s", s.DefaultAHT, 1, 7200}} {
		if !(c.v >= c.lo && c.v <= c.hi) {
			return &Error{Kind: KindInvalid, Rule: "R17", Field: c.name, Message: fmt.Sprintf("must be between %g and %g, got %g", c.lo, c.hi, c.v)}
		}
	}
	p := Problem{Horizon: h, Rules: s.Rules}
	if err := p.checkRules(); err != nil {
		return err
	}
	if s.Hall != nil {
		return s.Hall.Validate(s.IntervalMinutes)
	}
	return nil
}
