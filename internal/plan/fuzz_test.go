package plan

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"jiaoyan/internal/app"
)

// mustBeChineseError fails unless err is an *app.Error with a message.
func mustBeChineseError(t *testing.T, err error) {
	t.Helper()
	var ae *app.Error
	if !errors.As(err, &ae) || ae.Message == "" || ae.Code == app.EINTERNAL {
		t.Fatalf("error is not a user-facing *app.Error: %#v", err)
	}
}

func addExample(f *testing.F, name string) {
	data, err := os.ReadFile("testdata/examples/" + name)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

func FuzzReviewJSON(f *testing.F) {
	addExample(f, "review.json")
	f.Add([]byte(`{"k": 3, "submissions": [{"id": "P1", "subject": "数学"}], "experts": []}`))
	f.Add([]byte(`{"k": 9, "submissions": [{"id": "P1", "subject": "数学", "authors": ["E1"]}], "experts": [{"id": "E1", "max_load": 3}], "options": {"distinct_counties": true, "require_senior": true, "balance_load": true}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p ReviewProblem
		if err := decodeJSON(bytes.NewReader(data), &p); err != nil {
			mustBeChineseError(t, err)
			return
		}
		plan, err := SolveReview(&p)
		if err != nil {
			mustBeChineseError(t, err)
			return
		}
		if len(plan.Assignments) > len(p.Submissions)*p.K || len(plan.Loads) != len(p.Experts) || !strings.Contains(plan.Summary, "共") {
			t.Fatalf("implausible plan %+v", plan)
		}
		for _, g := range plan.Unassigned {
			if g.Reason == "" || g.Missing < 1 {
				t.Fatalf("gap without reason: %+v", g)
			}
		}
	})
}

func FuzzLiaisonJSON(f *testing.F) {
	addExample(f, "liaison.json")
	f.Add([]byte(`{"researchers": [{"id": "R1", "capacity": 9}], "schools": [{"id": "S1", "lat": 91, "lon": 0}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p LiaisonProblem
		if err := decodeJSON(bytes.NewReader(data), &p); err != nil {
			mustBeChineseError(t, err)
			return
		}
		plan, err := SolveLiaison(&p)
		if err != nil {
			mustBeChineseError(t, err)
			return
		}
		for _, g := range plan.Uncovered {
			if g.Reason == "" {
				t.Fatalf("gap without reason: %+v", g)
			}
		}
	})
}

func FuzzRotationJSON(f *testing.F) {
	addExample(f, "rotation.json")
	f.Add([]byte(`{"terms": 13, "researchers": [{"id": "R1"}], "schools": [{"id": "S1"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p RotationProblem
		if err := decodeJSON(bytes.NewReader(data), &p); err != nil {
			mustBeChineseError(t, err)
			return
		}
		plan, err := SolveRotation(&p)
		if err != nil {
			mustBeChineseError(t, err)
			return
		}
		if len(plan.Table) != len(p.Researchers) {
			t.Fatalf("table has %d rows for %d researchers", len(plan.Table), len(p.Researchers))
		}
	})
}
