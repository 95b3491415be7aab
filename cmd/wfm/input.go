package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"wfm"
	"wfm/calendar"
	"wfm/forecast"
	"wfm/inputs"
)

// maxInputBytes bounds every file the command line reads but a problem (wfm.MaxProblemBytes):
// ten years of 5-minute call history as CSV is about 40 MB. A larger file (or a device such as
// /dev/zero, or a pipe that never ends) is refused when the limit is reached, so that no input
// can make wfm grow without bound.
const maxInputBytes = 64 << 20

// readInput opens path and reads it with read, which names the file in its errors, reading at most
// limit bytes: past that the read fails with an error naming the file and the limit.
func readInput[T any](path string, limit int64, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, &wfm.Error{Kind: wfm.KindInvalid, File: path, Message: "cannot open", Err: err}
	}
	defer f.Close()
	c := &cappedReader{r: f, left: limit}
	v, err := read(c, path)
	if c.over { // whatever the reader made of it, the file is too large
		var zero T
		return zero, &wfm.Error{Kind: wfm.KindInvalid, File: path,
			Message: fmt.Sprintf("larger than %d bytes (%d MiB), the most wfm reads from one file", limit, limit>>20)}
	}
	return v, err
}

// errTooLarge ends the read of a file past its limit.
var errTooLarge = errors.New("input too large")

// cappedReader reads from r until left bytes are read; the next read finds whether more follow,
// and if so sets over and fails (a file of exactly the limit reads to its end).
type cappedReader struct {
	r    io.Reader
	left int64
	over bool
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a file of exactly the limit from a larger one.
		var one [1]byte
		if n, err := c.r.Read(one[:]); n == 0 && err != nil {
			return 0, err
		}
		c.over = true
		return 0, errTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func readHistory(path string) (*forecast.History, error) {
	return readInput(path, maxInputBytes, forecast.ReadHistory)
}

func readProblem(path string) (*wfm.Problem, error) {
	return readInput(path, wfm.MaxProblemBytes+1, wfm.ReadProblem) // ReadProblem names its own limit
}

func readForecast(path string) (*forecast.Forecast, error) {
	return readInput(path, maxInputBytes, forecast.ReadCSV)
}

func readRoster(path string) (*wfm.Roster, error) {
	return readInput(path, wfm.MaxProblemBytes+1, inputs.ReadRoster) // ReadRoster names its own limit
}

// loadCalendar is calendar.Load with a holiday file read as every other input.
func loadCalendar(spec string) (*wfm.Calendar, error) {
	if _, err := os.Stat(spec); spec == "" || spec == "cn" || spec == "none" || err != nil {
		return calendar.Load(spec) // a built-in calendar, or the error that says what --holidays takes
	}
	return readInput(spec, maxInputBytes, calendar.ReadCSV)
}
