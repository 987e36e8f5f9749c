package activity

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// An activity's audience subjects and stages are stored as the people
// table stores a teacher's: ",数学,语文," (subject names) and
// ",primary,junior," (stage codes); "" names none and admits everyone in
// the audience organisation or region.

// splitTyped splits a list as a user types it: 数学、语文 / 数学,语文 / 数学 语文.
func splitTyped(list string) []string {
	return strings.FieldsFunc(list, func(r rune) bool { return strings.ContainsRune(" ,，、;；/|", r) })
}

// normaliseAudience turns the typed subjects and stages into their stored
// form, each matched to the 学科 and 学段 code tables (names or aliases);
// an unknown one is an error at its field.
func normaliseAudience(a *Activity) error {
	subjects, err := canonical(a.Subjects, dict.TableSubject, "subjects", "学科", func(e dict.Entry) string { return e.Name })
	if err != nil {
		return err
	}
	stages, err := canonical(a.Stages, dict.TableStage, "stages", "学段", func(e dict.Entry) string { return e.Code })
	if err != nil {
		return err
	}
	a.Subjects, a.Stages = subjects, stages
	return nil
}

func canonical(typed, table, field, what string, key func(dict.Entry) string) (string, error) {
	var out []string
	for _, v := range splitTyped(typed) {
		e, ok := dict.Lookup(table, v)
		if !ok {
			return "", app.Invalid(field, "没有这个%s：%s", what, v)
		}
		if k := key(e); !contains(out, k) {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return "", nil
	}
	return "," + strings.Join(out, ",") + ",", nil
}

// SubjectNames are the audience subjects for the screen: 数学、语文.
func (a Activity) SubjectNames() string { return strings.Join(splitTyped(a.Subjects), "、") }

// StageNames are the audience stages for the screen: 小学、初中.
func (a Activity) StageNames() string {
	var out []string
	for _, c := range splitTyped(a.Stages) {
		if e, ok := dict.Lookup(dict.TableStage, c); ok {
			c = e.Name
		}
		out = append(out, c)
	}
	return strings.Join(out, "、")
}

// audience is what a person is taught in: their subjects and stages as
// stored (",数学,", ",primary,").
type audience struct {
	subjects, stages []string
	teams            []int64 // the liaison teams (联系组) the person leads or belongs to
}

// audienceOf reads the actor's person's subjects and stages; an account
// without a person has none.
func audienceOf(ctx context.Context, tx *db.Tx, actor app.Actor) (audience, error) {
	if actor.PersonID == 0 {
		return audience{}, nil
	}
	var subjects, stages string
	err := tx.QueryRow(ctx, "SELECT subjects, stages FROM people WHERE id = ?", actor.PersonID).Scan(&subjects, &stages)
	if db.IsNoRows(err) {
		return audience{}, nil
	}
	if err != nil {
		return audience{}, err
	}
	teams, err := db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) { var id int64; return id, r.Scan(&id) },
		"SELECT id FROM liaison_teams WHERE researcher_id = ? UNION SELECT team_id FROM liaison_team_members WHERE person_id = ?",
		actor.PersonID, actor.PersonID)
	return audience{subjects: splitTyped(subjects), stages: splitTyped(stages), teams: teams}, err
}

// matchWhere admits the activities whose column col (a.subjects or
// a.stages) names none or one of values.
func matchWhere(col string, values []string) (string, []any) {
	conds := []string{col + " = ''"}
	var args []any
	for _, v := range values {
		conds = append(conds, col+" LIKE ?")
		args = append(args, "%,"+v+",%")
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// admits is matchWhere for one loaded activity.
func admits(stored string, values []string) bool {
	if stored == "" {
		return true
	}
	for _, v := range values {
		if strings.Contains(stored, ","+v+",") {
			return true
		}
	}
	return false
}
