package inputs

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"wfm"
)

const activitiesCSV = `id,name,kind,minutes,agents,count,group,skill,from,to,repeat,room,max_group
EXAM-Q1,quarterly exam,exam,60,,150,,,2027-01-01,2027-01-31,quarterly,,10
CARDS,new card products,training,120,,20,day,,2027-01-01,2027-01-31,weekly,company,
LEAD,leaders' meeting,meeting,60,A001;A013;A025,,,,2027-01-11,2027-01-15,,own,
`

func TestReadActivities(t *testing.T) {
	plan, origins, err := ReadActivities(strings.NewReader(activitiesCSV), "activities.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Activities) != 3 || len(origins) != 3 || origins[2].Line != 4 {
		t.Fatalf("read %+v from %v", plan.Activities, origins)
	}
	a := plan.Activities[2]
	if a.Kind != wfm.ActivityMeeting || len(a.Agents) != 3 || a.Agents[1] != "A013" || a.Room != wfm.RoomOwn || a.From != wfm.DateOf(2027, 1, 11) {
		t.Errorf("line 4 read as %+v", a)
	}
	var buf bytes.Buffer
	if err := WriteActivities(&buf, plan.Activities); err != nil {
		t.Fatal(err)
	}
	if buf.String() != activitiesCSV {
		t.Errorf("written back:\n%s\nwant\n%s", buf.String(), activitiesCSV)
	}
	json := `{"activities": [{"id": "X", "kind": "exam", "minutes": 30, "count": 2, "from": "2027-01-04", "to": "2027-01-08"}],
	"rooms": [{"id": "hall", "capacity": 30, "own": false}]}`
	plan, _, err = ReadActivities(strings.NewReader(json), "activities.json")
	if err != nil || len(plan.Activities) != 1 || len(plan.Rooms) != 1 || plan.Rooms[0].Seats() != 30 {
		t.Errorf("JSON read as %+v, %v", plan, err)
	}
}

// TestActivityErrors: every error names the file, the line (in CSV), the column or field and R15.
func TestActivityErrors(t *testing.T) {
	header := strings.SplitN(activitiesCSV, "\n", 2)[0] + "\n"
	for _, c := range []struct{ file, body, want string }{
		{"a.csv", header + "X,,exam,sixty,,2,,,2027-01-01,2027-01-31,,,\n", "a.csv:2: R15: field minutes: \"sixty\" is not a whole number"},
		{"a.csv", header + "X,,party,60,,2,,,2027-01-01,2027-01-31,,,\n", "a.csv:2: R15: field kind:"},
		{"a.csv", header + "X,,exam,60,,2,,,2027-01-31,2027-01-01,,,\n", "a.csv:2: R15: field to:"},
		{"a.csv", header + "X,,exam,60,,2,,,2027-01-01,2027-01-31,daily,,\n", "a.csv:2: R15: field repeat:"},
		{"a.csv", header + "X,,exam,60,A1,2,,,2027-01-01,2027-01-31,,,\n", "a.csv:2: R15: field agents:"},
		{"a.csv", header + "X,,exam,60,,,,,2027-01-01,2027-01-31,,hall,\n", "a.csv:2: R15: field count:"},
		{"a.json", `{"activities": [{"id": "X", "kind": "exam", "minutes": 0, "count": 1, "from": "2027-01-01", "to": "2027-01-02"}]}`,
			"a.json: R15: field activities[0].minutes:"},
		{"a.json", `{"activities": [], "rooms": [{"id": "r", "capacity": -2}]}`, "a.json: R15: field rooms[0].capacity:"},
	} {
		_, _, err := ReadActivities(strings.NewReader(c.body), c.file)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s…", c.body, err, c.want)
		}
	}
	_, _, err := ReadRooms(strings.NewReader("id,name,capacity,own\nr,,12,maybe\n"), "rooms.csv")
	if err == nil || !strings.HasPrefix(err.Error(), "rooms.csv:2: R15: field own:") {
		t.Errorf("rooms: %v", err)
	}
}

func FuzzReadActivities(f *testing.F) {
	f.Add(activitiesCSV)
	f.Add(`{"activities": [{"id": "X", "kind": "exam", "minutes": 30, "count": 2, "from": "2027-01-04", "to": "2027-01-08"}]}`)
	f.Fuzz(func(t *testing.T, text string) {
		plan, _, err := ReadActivities(strings.NewReader(text), "f")
		var e *wfm.Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("error %v is not a *wfm.Error", err)
		}
		for i := range plan.Activities {
			if plan.Activities[i].Validate() != nil {
				t.Fatalf("accepted an invalid activity %+v", plan.Activities[i])
			}
		}
	})
}
