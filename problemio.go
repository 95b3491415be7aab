package wfm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// DefaultTimeZone is the centre's zone when a problem names none.
const DefaultTimeZone = "Asia/Shanghai"

// MaxProblemBytes bounds the size of a problem file a reader accepts (a 10,000-agent month with
// interval demand is about 20 MB).
const MaxProblemBytes = 256 << 20

// ReadProblem decodes problem.json, filling in the rules' defaults for every field the file leaves
// out, and validates it. Unknown fields are errors (a misspelt rule must not be ignored). Errors
// name the file, the line and the field.
func ReadProblem(r io.Reader, file string) (*Problem, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxProblemBytes+1))
	if err != nil {
		return nil, &Error{Kind: KindInvalid, File: file, Message: "cannot read problem", Err: err}
	}
	if len(data) > MaxProblemBytes {
		return nil, &Error{Kind: KindInvalid, File: file, Message: fmt.Sprintf("problem larger than %d bytes", MaxProblemBytes)}
	}
	p := &Problem{Rules: DefaultRules(), Horizon: Horizon{IntervalMinutes: 30, TimeZone: DefaultTimeZone}}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return nil, JSONError(p, data, file, err)
	}
	if dec.More() {
		return nil, &Error{Kind: KindInvalid, File: file, Message: "trailing data after the problem object"}
	}
	if err := p.Validate(); err != nil {
		var e *Error
		if errors.As(err, &e) && e.File == "" {
			e.File = file
		}
		return nil, err
	}
	return p, nil
}

// JSONError turns the error of decoding data into v into an *Error naming the file, the line of
// the offending byte where the decoder tells it, and the field (found by JSONPath when the decoder
// does not say, as for a date out of range).
func JSONError(v any, data []byte, file string, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	e := &Error{Kind: KindInvalid, File: file, Message: err.Error()}
	switch {
	case errors.As(err, &syn):
		e.Line = lineOf(data, syn.Offset)
	case errors.As(err, &typ):
		e.Line = lineOf(data, typ.Offset)
		e.Field = typ.Field
		e.Message = fmt.Sprintf("expected %s, got JSON %s", typ.Type, typ.Value)
	default:
		e.Field = JSONPath(v, data)
	}
	return e
}

func lineOf(data []byte, offset int64) int {
	offset = min(offset, int64(len(data)))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// WriteJSON writes v as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(v)
}

// Location returns the horizon's time zone: TimeZone, or DefaultTimeZone when it is empty (a
// problem may leave the zone out; see LoadTimeZone for the names accepted).
func (h Horizon) Location() (*time.Location, error) {
	name := h.TimeZone
	if name == "" {
		name = DefaultTimeZone
	}
	return LoadTimeZone(name)
}

// locations caches the time zones loaded by name: time.LoadLocation reads the zone database
// from disk at every call, and a location, once loaded, never changes.
var locations sync.Map // name → *time.Location

// LoadTimeZone loads an IANA time zone by name ("Asia/Shanghai", "UTC"). The names time.LoadLocation
// gives a meaning of its own are refused: "" (UTC there) and "Local" (whatever zone the server
// runs in), since a centre's wall clock must not change with the machine that plans it.
func LoadTimeZone(name string) (*time.Location, error) {
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("%q is not an IANA time zone name", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	locations.Store(name, loc)
	return loc, nil
}
