package wfm

// The first hours after the horizon.
//
// A shift that starts on the horizon's last day and runs past midnight covers the first hours of
// the day after it. Those hours belong to the next period, but until the earliest template of a
// day starts, no shift the next period rosters can cover them: the horizon's last shifts (which
// the next period reads as history) cover them, or nobody does. So the objective counts them as
// intervals of the horizon: a roster that thins out its last night pays for the morning it leaves
// short, as it pays for any other. Their requirement is the horizon's last day's at the same time
// of day; the reports of the horizon's coverage leave them out.

// EdgeIntervals returns how many intervals past the horizon's end count in the objective: the
// whole intervals of the next day that end by the earliest start of any template and that some
// template starting the day before reaches. 0 without interval demand.
func (p *Problem) EdgeIntervals() int {
	step := p.Horizon.IntervalMinutes
	if p.Demand == nil || step <= 0 {
		return 0
	}
	earliest, reach := MinutesPerDay, 0
	for _, s := range p.Shifts {
		earliest = min(earliest, int(s.Start))
		reach = max(reach, int(s.Start)+s.Minutes-MinutesPerDay)
	}
	return max(0, min(earliest, reach, MinutesPerDay)/step)
}

// Source returns the interval of the demand whose requirement interval t has: t itself inside the
// grid, and for one of the day after it (see EdgeIntervals) the last day's at the same time.
func (d *Demand) Source(t int) int {
	if t >= d.Grid.Len() {
		return t - d.Grid.PerDay()
	}
	return t
}
