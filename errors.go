package wfm

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an Error so that callers (the CLI, the HTTP layer) can react without parsing text.
type Kind string

// The error kinds. The API maps them to HTTP statuses in one place.
const (
	KindInvalid      Kind = "invalid"      // malformed or out-of-range input
	KindNotFound     Kind = "not_found"    // an id that does not exist
	KindConflict     Kind = "conflict"     // the request clashes with the current state
	KindRule         Kind = "rule"         // the input is well formed but breaks a scheduling rule
	KindUnauthorized Kind = "unauthorized" // no or bad credentials
	KindForbidden    Kind = "forbidden"    // credentials lack the role
	KindUnavailable  Kind = "unavailable"  // the service cannot take the request now (a busy store): retry later
	KindInternal     Kind = "internal"     // a fault of the program, not of the input
)

// Error is the one error type for problems a user can act on. Every field but Kind and Message is
// optional; the ones that are set say where the problem is: which file and line, which field,
// which agent and day, which rule of RULES.md.
type Error struct {
	Kind    Kind
	Rule    string // rule id, e.g. "R17"
	File    string // input file name
	Line    int    // 1-based line in File
	Field   string // field or column name
	Agent   string // agent id
	Day     string // civil date, YYYY-MM-DD
	Message string
	Err     error // wrapped cause, if any
}

// Error renders the location fields before the message, e.g.
// "history.csv:12: field calls: negative value -3".
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Rule != "" {
		fmt.Fprintf(&b, "%s: ", e.Rule)
	}
	if e.Agent != "" {
		fmt.Fprintf(&b, "agent %s: ", e.Agent)
	}
	if e.Day != "" {
		fmt.Fprintf(&b, "%s: ", e.Day)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "field %s: ", e.Field)
	}
	b.WriteString(e.Message)
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

// Unwrap returns the wrapped cause.
func (e *Error) Unwrap() error { return e.Err }

// Invalidf returns a KindInvalid error about field with a formatted message.
func Invalidf(field, format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorKind reports the Kind of err: the Kind of the first *Error in its chain, KindInternal for
// any other non-nil error, and "" for nil.
func ErrorKind(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// ErrorList is several problems found at once, each an *Error (a diagnosis of inputs no roster can
// satisfy reports every one it finds). Its message puts one problem per line. errors.As finds its
// first *Error, so ErrorKind and the HTTP mapping read the list as that error's kind.
type ErrorList []*Error

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the errors of the list.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Join returns nil for no errors, the error itself for one, and the list for more.
func (l ErrorList) Join() error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	return l
}
