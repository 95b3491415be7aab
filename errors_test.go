package wfm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestErrorString(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{&Error{Kind: KindInvalid, File: "history.csv", Line: 12, Field: "calls", Message: "negative value -3"},
			"history.csv:12: field calls: negative value -3"},
		{&Error{Kind: KindInvalid, File: "history.csv", Message: "empty"}, "history.csv: empty"},
		{&Error{Kind: KindInvalid, Line: 3, Message: "bad"}, "line 3: bad"},
		{&Error{Kind: KindRule, Rule: "R17", Agent: "a42", Day: "2026-12-01", Message: "too many hours"},
			"R17: agent a42: 2026-12-01: too many hours"},
		{&Error{Kind: KindInvalid, File: "f", Line: 2, Rule: "R7", Field: "date", Message: "bad date", Err: io.ErrUnexpectedEOF},
			"f:2: R7: field date: bad date: unexpected EOF"},
		{&Error{Kind: KindInternal, Message: "oops"}, "oops"},
		{Invalidf("interval", "%d minutes", 7), "field interval: 7 minutes"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestErrorKindAndUnwrap(t *testing.T) {
	inner := &Error{Kind: KindNotFound, Message: "no agent", Err: context.DeadlineExceeded}
	tests := []struct {
		err  error
		want Kind
	}{
		{nil, ""},
		{errors.New("plain"), KindInternal},
		{Invalidf("x", "y"), KindInvalid},
		{inner, KindNotFound},
		{fmt.Errorf("loading: %w", inner), KindNotFound},
		{fmt.Errorf("outer: %w", &Error{Kind: KindConflict, Err: inner}), KindConflict},
	}
	for _, tt := range tests {
		if got := ErrorKind(tt.err); got != tt.want {
			t.Errorf("ErrorKind(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if !errors.Is(fmt.Errorf("w: %w", inner), context.DeadlineExceeded) {
		t.Error("the wrapped cause is not reachable through Unwrap")
	}
	if e := Invalidf("days", "got %d", -1); e.Kind != KindInvalid || e.Field != "days" || e.Message != "got -1" {
		t.Errorf("Invalidf: %+v", e)
	}
}

// TestErrorList: a list prints one error per line, is read as its first error's kind, and joins to
// nil, the error itself or the list.
func TestErrorList(t *testing.T) {
	a := &Error{Kind: KindRule, Rule: "R3", Agent: "A1", Message: "week short"}
	b := &Error{Kind: KindRule, Rule: "R14", Agent: "A2", Message: "mentor away"}
	list := ErrorList{a, b}
	if got, want := list.Error(), "R3: agent A1: week short\nR14: agent A2: mentor away"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	err := fmt.Errorf("solve: %w", list.Join())
	if ErrorKind(err) != KindRule {
		t.Errorf("kind %q", ErrorKind(err))
	}
	var first *Error
	if !errors.As(err, &first) || first != a || !errors.Is(err, b) {
		t.Errorf("the list's errors are not reachable: %v", first)
	}
	if (ErrorList{}).Join() != nil || (ErrorList{a}).Join() != error(a) {
		t.Error("Join of none or one")
	}
}
