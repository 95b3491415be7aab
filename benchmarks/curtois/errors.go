package curtois

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxNumber bounds every number read from a file, so that no penalty or minute sum can overflow.
const maxNumber = 1_000_000_000

// ParseError reports a problem in an input file.
type ParseError struct {
	Name string // file or instance name; may be empty
	Line int    // 1-based line number; 0 when the problem concerns the whole file
	Msg  string
}

// Error renders "name:line: msg", leaving out the parts that are not set.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.Name)
	if e.Line > 0 {
		if e.Name == "" {
			b.WriteString("line ")
		} else {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(e.Line))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func parseErrorf(name string, line int, format string, args ...any) *ParseError {
	return &ParseError{Name: name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// scanLines calls fn with the 1-based number and the trimmed text of every line of r that is
// neither blank nor a comment (first non-blank character '#'). It stops at fn's first error.
func scanLines(r io.Reader, name string, fn func(num int, text string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	num := 0
	for sc.Scan() {
		num++
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		if err := fn(num, text); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return parseErrorf(name, num+1, "line too long")
		}
		return err
	}
	return nil
}

// parseCount parses a non-negative integer no larger than maxNumber; what names it in the error.
func parseCount(s, what string) (int, error) {
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%s: bad number %q", what, s)
	case n < 0:
		return 0, fmt.Errorf("%s: negative value %d", what, n)
	case n > maxNumber:
		return 0, fmt.Errorf("%s: value %d is larger than %d", what, n, maxNumber)
	}
	return n, nil
}
