package curtois

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// BestKnown is one row of best_known.tsv: an instance's size and its published bounds.
type BestKnown struct {
	Instance   string
	Staff      int
	Days       int
	ShiftTypes int
	LowerBound int
	Best       int // best known objective value
}

var bestKnownHeader = []string{"instance", "staff", "days", "shift_types", "lower_bound", "best_known"}

// ReadBestKnownFile reads the best-known table at path.
func ReadBestKnownFile(path string) (map[string]BestKnown, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadBestKnown(f)
}

// ReadBestKnown reads a tab-separated table with the header
// "instance staff days shift_types lower_bound best_known" and returns its rows by instance name.
func ReadBestKnown(r io.Reader) (map[string]BestKnown, error) {
	const name = "best_known.tsv"
	table := make(map[string]BestKnown)
	header := false
	err := scanLines(r, name, func(num int, text string) error {
		cols := strings.Fields(text)
		if !header {
			header = true
			if !slices.Equal(cols, bestKnownHeader) {
				return parseErrorf(name, num, "header is %q, want %q", cols, bestKnownHeader)
			}
			return nil
		}
		row, err := bestKnownRow(cols)
		if err != nil {
			return parseErrorf(name, num, "%v", err)
		}
		if _, dup := table[row.Instance]; dup {
			return parseErrorf(name, num, "duplicate instance %q", row.Instance)
		}
		table[row.Instance] = row
		return nil
	})
	if err == nil && !header {
		err = parseErrorf(name, 0, "empty file")
	}
	if err != nil {
		return nil, err
	}
	return table, nil
}

func bestKnownRow(cols []string) (BestKnown, error) {
	if len(cols) != len(bestKnownHeader) {
		return BestKnown{}, fmt.Errorf("want %d columns, got %d", len(bestKnownHeader), len(cols))
	}
	row := BestKnown{Instance: cols[0]}
	fields := []*int{&row.Staff, &row.Days, &row.ShiftTypes, &row.LowerBound, &row.Best}
	for i, f := range fields {
		n, err := parseCount(cols[i+1], bestKnownHeader[i+1])
		if err != nil {
			return BestKnown{}, err
		}
		*f = n
	}
	return row, nil
}
