package planning

import (
	"errors"
	"strconv"
	"strings"

	"wfm"
	"wfm/inputs"
)

// Note is something the planner should know about the inputs that does not stop the plan: the
// entry it concerns (file and line, when read from a file), the rule, agent and day, and what it
// says.
type Note struct {
	Origin inputs.Origin
	Rule   string
	Agent  string
	Day    string // YYYY-MM-DD, or ""
	Text   string
}

// String renders the note as errors are rendered, e.g.
// "requests.csv:7: R22: agent A004: 2026-12-05: …".
func (n Note) String() string {
	e := wfm.Error{File: n.Origin.File, Line: n.Origin.Line, Rule: n.Rule, Agent: n.Agent, Day: n.Day, Message: n.Text}
	return e.Error()
}

// originOf returns origins[i], or no origin when the list was not read from a file.
func originOf(origins []inputs.Origin, i int) inputs.Origin {
	if i >= 0 && i < len(origins) {
		return origins[i]
	}
	return inputs.Origin{}
}

// locate gives an error of the assembled problem that names an entry by its index
// ("leave[3].type", "requests[0].shift") the file and line the entry was read from, keeping the
// column as its field. Other errors are returned as they are.
func (o Origins) locate(err error) error {
	var e *wfm.Error
	if !errors.As(err, &e) || e.File != "" {
		return err
	}
	list, rest, ok := strings.Cut(e.Field, "[")
	if !ok {
		return err
	}
	index, field, ok := strings.Cut(rest, "]")
	i, convErr := strconv.Atoi(index)
	if !ok || convErr != nil {
		return err
	}
	var of []inputs.Origin
	switch list {
	case "agents":
		of = o.Agents
	case "shifts":
		of = o.Shifts
	case "leave":
		of = o.Leave
	case "requests":
		of = o.Requests
	}
	if at := originOf(of, i); at.File != "" {
		e.File, e.Line, e.Field = at.File, at.Line, strings.TrimPrefix(field, ".")
	}
	return err
}
