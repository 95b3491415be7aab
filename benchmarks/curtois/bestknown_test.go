package curtois

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestReadBestKnownFile(t *testing.T) {
	table, err := ReadBestKnownFile(filepath.Join(dataDir(t), "best_known.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []BestKnown{
		{Instance: "Instance1", Staff: 8, Days: 14, ShiftTypes: 1, LowerBound: 607, Best: 607},
		{Instance: "Instance13", Staff: 120, Days: 28, ShiftTypes: 18, LowerBound: 1348, Best: 1348},
		{Instance: "Instance23", Staff: 100, Days: 364, ShiftTypes: 16, LowerBound: 17285, Best: 17285},
	}
	for _, want := range tests {
		if got := table[want.Instance]; got != want {
			t.Errorf("%s: got %+v, want %+v", want.Instance, got, want)
		}
	}
}

func TestReadBestKnownErrors(t *testing.T) {
	const header = "instance\tstaff\tdays\tshift_types\tlower_bound\tbest_known\n"
	const row = "Instance1\t8\t14\t1\t607\t607\n"
	tests := []struct {
		name string
		text string
		line int
		msg  string
	}{
		{"empty", "", 0, "empty file"},
		{"wrong header", "instance\tstaff\n" + row, 1, "header is"},
		{"missing column", header + "Instance1\t8\t14\t1\t607\n", 2, "want 6 columns, got 5"},
		{"bad number", header + row + "Instance3\t20\t14\tx\t1001\t1001\n", 3, `shift_types: bad number "x"`},
		{"duplicate", header + row + row, 3, `duplicate instance "Instance1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, err := ReadBestKnown(strings.NewReader(tt.text))
			checkParseError(t, err, tt.line, tt.msg)
			if table != nil {
				t.Errorf("got table %v with the error", table)
			}
		})
	}
}
