package inputs

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"wfm"
)

func TestReadDeferred(t *testing.T) {
	const file = "id,kind,count,minutes,total_minutes,release,deadline_working_days,skill,level,after\n" +
		"C1,follow_up,,12,,2026-12-01T09:40,1,,1,\n" +
		"C1-CB,call_back,,5,,2026-12-01T09:40,3,,,C1\n" +
		"OB,outbound,200,4,,2026-12-07,5,minnan,,\n" +
		"CAMPAIGN,outbound,,,600,2026-12-07T08:00,10,mandarin,,\n"
	items, origins, err := ReadDeferred(strings.NewReader(file), "deferred.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 || origins[2].String() != "deferred.csv:4" {
		t.Fatalf("read %d items, origins %v", len(items), origins)
	}
	want := wfm.DeferredWork{ID: "OB", Kind: wfm.DeferredOutbound, Count: 200, Minutes: 4, Release: wfm.WallTimeOf(wfm.DateOf(2026, 12, 7), 0),
		DeadlineDays: 5, Skill: wfm.SkillMinnan, Line: 4}
	if items[2] != want {
		t.Errorf("line 4: %+v, want %+v", items[2], want)
	}
	if items[1].After != "C1" || items[0].Level != 1 || items[0].Release.String() != "2026-12-01T09:40" || items[3].Work() != 600 {
		t.Errorf("items %+v", items)
	}
	var buf bytes.Buffer
	if err := WriteDeferred(&buf, items); err != nil {
		t.Fatal(err)
	}
	back, _, err := ReadDeferred(&buf, "deferred.csv")
	if err != nil || !reflect.DeepEqual(back, items) {
		t.Errorf("written and read back: %v, %+v", err, back)
	}
	header := "id,kind,minutes,release,deadline_working_days,after\n"
	for _, tt := range []struct {
		body       string
		line       int
		field, msg string
	}{
		{"C1,follow_up,12,2026-12-01 09:40,1,\n", 2, "release", "not YYYY-MM-DDTHH:MM"},
		{"C1,follow_up,12,2026-12-01T09:40,one,\n", 2, "deadline_working_days", "whole number"},
		{"C1,follow_up,twelve,2026-12-01T09:40,1,\n", 2, "minutes", "not a number"},
		{"C1,follow_up,12,2026-12-01T09:40,1,\nC2,complaint,12,2026-12-01T09:40,1,\n", 3, "kind", "not one of"},
		{"C1,follow_up,12,2026-12-01T09:40,1,\nC1,follow_up,12,2026-12-01T09:40,1,\n", 3, "id", "first on line 2"},
		{"C2,call_back,5,2026-12-01T09:40,3,C1\nC1,follow_up,12,2026-12-01T09:40,1,\n", 2, "after", "listed before"},
	} {
		_, _, err := ReadDeferred(strings.NewReader(header+tt.body), "deferred.csv")
		var e *wfm.Error
		if !errors.As(err, &e) || e.File != "deferred.csv" || e.Line != tt.line || e.Field != tt.field || e.Rule != "R25" ||
			!strings.Contains(e.Message, tt.msg) {
			t.Errorf("%q: got %v, want deferred.csv:%d, R25, field %s, %q", tt.body, err, tt.line, tt.field, tt.msg)
		}
	}
}

func FuzzReadDeferred(f *testing.F) {
	f.Add("id,kind,minutes,release,deadline_working_days,after\nC1,follow_up,12,2026-12-01T09:40,1,\nC2,call_back,5,2026-12-01,3,C1\n")
	f.Fuzz(func(t *testing.T, s string) {
		items, _, err := ReadDeferred(strings.NewReader(s), "f.csv")
		if err == nil {
			if verr := wfm.ValidateDeferred(items); verr != nil {
				t.Fatalf("read items fail validation: %v", verr)
			}
		}
	})
}
