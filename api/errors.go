package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"wfm"
)

// errorBody is every error reply: {"error": {...}} with the kind, the message and, where known,
// the field, agent, day, line and rule id.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Status     int             `json:"status"`
	Kind       wfm.Kind        `json:"kind"`
	Message    string          `json:"message"`
	Field      string          `json:"field,omitempty"`
	Agent      string          `json:"agent,omitempty"`
	Day        string          `json:"day,omitempty"`
	Line       int             `json:"line,omitempty"`
	Rule       string          `json:"rule,omitempty"`
	Violations []wfm.Violation `json:"violations,omitempty"`
}

// httpError is an error with its own status (method not allowed, body too large).
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func statusErr(status int, msg string) error { return &httpError{status, msg} }

func notFoundErr(what string) error {
	return &wfm.Error{Kind: wfm.KindNotFound, Message: what + " not found"}
}

func invalid(field, format string, args ...any) error { return wfm.Invalidf(field, format, args...) }

func forbidden(msg string) error { return &wfm.Error{Kind: wfm.KindForbidden, Message: msg} }

// ruleErr reports rule violations (422) with the checker's list.
type ruleErr struct {
	err        *wfm.Error
	violations []wfm.Violation
}

func (r *ruleErr) Error() string { return r.err.Error() }
func (r *ruleErr) Unwrap() error { return r.err }

// retryAfterSeconds is the Retry-After of a 503: a busy store's writer holds its lock for well
// under a second (imports are capped and written in batches), so a second later it is free.
const retryAfterSeconds = 1

// StatusOf maps an error kind to its HTTP status, in one place (the API's replies and the
// console's pages).
func StatusOf(kind wfm.Kind) int {
	switch kind {
	case wfm.KindInvalid:
		return http.StatusBadRequest
	case wfm.KindNotFound:
		return http.StatusNotFound
	case wfm.KindConflict:
		return http.StatusConflict
	case wfm.KindRule:
		return http.StatusUnprocessableEntity
	case wfm.KindUnauthorized:
		return http.StatusUnauthorized
	case wfm.KindForbidden:
		return http.StatusForbidden
	case wfm.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// fail writes err as the reply. Internal errors are logged with the request and answered without
// detail: no stack trace or internal message leaves the server.
func (s *Server) fail(c *gin.Context, err error) {
	d := errorDetail{Kind: wfm.KindInternal, Message: "internal error"}
	var we *wfm.Error
	var he *httpError
	var re *ruleErr
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		d.Status, d.Kind, d.Message = http.StatusRequestEntityTooLarge, wfm.KindInvalid, fmt.Sprintf("request body larger than %d bytes", mbe.Limit)
	case errors.As(err, &he):
		d.Status, d.Kind, d.Message = he.status, wfm.KindInvalid, he.msg
	case errors.As(err, &we) && we.Kind != wfm.KindInternal:
		d.Kind, d.Message, d.Field, d.Agent, d.Day, d.Line, d.Rule = we.Kind, we.Message, we.Field, we.Agent, we.Day, we.Line, we.Rule
		if we.File != "" {
			d.Message = we.Error()
		}
		if errors.As(err, &re) {
			d.Violations = re.violations
		}
	default:
		s.log.Error("request failed", "method", c.Request.Method, "path", c.FullPath(), "err", err)
	}
	if d.Status == 0 {
		d.Status = StatusOf(d.Kind)
	}
	if d.Status == http.StatusServiceUnavailable {
		// The store was busy (store.busy): the same request is expected to succeed shortly.
		c.Header("Retry-After", strconv.Itoa(retryAfterSeconds))
	}
	c.AbortWithStatusJSON(d.Status, errorBody{d})
}

// bind decodes a JSON body into v, rejecting unknown fields and trailing data; errors name the
// field, as a dotted path for nested ones ("settings.service_level", "rules.night_start").
func bind(c *gin.Context, v any) error {
	data, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return err // *http.MaxBytesError: 413
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typ *json.UnmarshalTypeError
		var syn *json.SyntaxError
		switch {
		case errors.Is(err, io.EOF):
			return invalid("body", "a JSON body is required")
		case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
			return invalid("body", "malformed JSON: %v", err)
		case errors.As(err, &typ) && typ.Field != "":
			return invalid(typ.Field, "expected %s, got JSON %s", typ.Type, typ.Value)
		}
		// A value whose own decoder failed (a date, a clock), an unknown field, or a body of the wrong
		// JSON type: the decoder's error does not say where, so find the field by decoding part by part.
		field := wfm.JSONPath(v, data)
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
			name = strings.Trim(name, `"`)
			if field != "" {
				name = field + "." + name
			}
			return invalid(name, "unknown field")
		}
		if field == "" {
			field = "body"
		}
		return invalid(field, "%s", strings.TrimPrefix(msg, "json: "))
	}
	if dec.More() {
		return invalid("body", "trailing data after the JSON value")
	}
	return nil
}

// ViolationList is the checker's list behind a rule refusal, for the console.
func (r *ruleErr) ViolationList() []wfm.Violation { return r.violations }
