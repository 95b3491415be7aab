package curtois

// Instance is one benchmark instance. Shifts, employees and days are referred to by their slice
// index everywhere; ShiftIndex and EmployeeIndex map the ids of the file to those indexes.
type Instance struct {
	Name          string
	Days          int // horizon length; day 0 is a Monday
	Shifts        []Shift
	Staff         []Employee
	ShiftOn       []Request // penalised when the shift is not worked
	ShiftOff      []Request // penalised when the shift is worked
	Cover         [][]Cover // [day][shift]; the zero Cover (no requirement, no penalty) where the file has no row
	ShiftIndex    map[string]int
	EmployeeIndex map[string]int
}

// Shift is a shift type.
type Shift struct {
	ID      string
	Minutes int
	// CannotFollow lists the shift indexes that may not be worked the day after this shift.
	CannotFollow []int
}

// Employee holds one employee's hard-constraint limits.
type Employee struct {
	ID string
	// MaxShifts is the most shifts of each type (by shift index) the employee may work. A shift
	// type absent from the file gets the horizon length, which is no limit.
	MaxShifts             []int
	MaxTotalMinutes       int
	MinTotalMinutes       int
	MaxConsecutiveShifts  int
	MinConsecutiveShifts  int
	MinConsecutiveDaysOff int
	MaxWeekends           int
	DaysOff               []int // days on which the employee may not work, in file order
}

// Request is a shift-on or shift-off request: employee, day and shift are indexes.
type Request struct {
	Employee int
	Day      int
	Shift    int
	Weight   int
}

// Cover is the staffing requirement of one shift type on one day, with the penalty per missing
// and per surplus employee.
type Cover struct {
	Requirement int
	WeightUnder int
	WeightOver  int
}
