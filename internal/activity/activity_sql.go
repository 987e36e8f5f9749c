package activity

import (
	"context"

	"jiaoyan/internal/db"
)

const activityColumns = `a.id, a.region_code, a.org_id, a.org_path, a.group_id, a.studio_id, a.organiser, a.kind,
	COALESCE(k.name, a.kind), a.title, a.theme, a.plan, a.starts_at, a.ends_at, a.place, a.online_link, a.audience_path,
	a.audience_name, a.subjects, a.stages, a.capacity, a.signup_mode, a.hours, a.outcome_kind, a.outcome_due, a.record,
	a.outcome, a.review_note, a.state, a.signups, a.attended, a.school_year, a.half, a.owner_user_id, a.version, a.created_by, a.team_id`

const activityFrom = ` FROM activities a LEFT JOIN dict_entries k ON k.table_code = '` + TableKind + `' AND k.code = a.kind`

func scanActivity(r db.Scanner) (Activity, error) {
	var a Activity
	err := r.Scan(&a.ID, &a.RegionCode, &a.OrgID, &a.OrgPath, &a.GroupID, &a.StudioID, &a.Organiser, &a.Kind, &a.KindName,
		&a.Title, &a.Theme, &a.Plan, &a.StartsAt, &a.EndsAt, &a.Place, &a.OnlineLink, &a.AudiencePath, &a.AudienceName,
		&a.Subjects, &a.Stages, &a.Capacity, &a.SignupMode, &a.Hours, &a.OutcomeKind, &a.OutcomeDue, &a.Record, &a.Outcome,
		&a.ReviewNote, &a.State, &a.SignUps, &a.Attended, &a.SchoolYear, &a.Half, &a.OwnerUserID, &a.Version, &a.CreatedBy, &a.TeamID)
	return a, err
}

// loadActivity reads one activity, ENOTFOUND-free: ok is false when none.
func loadActivity(ctx context.Context, tx *db.Tx, id int64) (Activity, bool, error) {
	a, err := scanActivity(tx.QueryRow(ctx, "SELECT "+activityColumns+activityFrom+" WHERE a.id = ?", id))
	if db.IsNoRows(err) {
		return a, false, nil
	}
	if err == nil && a.TeamID != 0 {
		a.team, err = teamPeople(ctx, tx, a.TeamID)
	}
	return a, err == nil, err
}

// teamPeople are the researcher and members of liaison team id.
func teamPeople(ctx context.Context, tx *db.Tx, id int64) ([]int64, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) { var p int64; return p, r.Scan(&p) },
		"SELECT researcher_id FROM liaison_teams WHERE id = ? UNION SELECT person_id FROM liaison_team_members WHERE team_id = ?", id, id)
}

func insertActivity(ctx context.Context, tx *db.Tx, a Activity, at int64) (int64, error) {
	return tx.InsertID(ctx, `INSERT INTO activities (region_code, org_id, org_path, group_id, studio_id, team_id, organiser, kind, title,
		theme, plan, starts_at, ends_at, place, online_link, audience_path, audience_name, subjects, stages, capacity,
		signup_mode, hours, outcome_kind, outcome_due, state, school_year, half, owner_user_id, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.RegionCode, a.OrgID, a.OrgPath, a.GroupID, a.StudioID, a.TeamID, a.Organiser, a.Kind, a.Title, a.Theme, a.Plan, a.StartsAt,
		a.EndsAt, a.Place, a.OnlineLink, a.AudiencePath, a.AudienceName, a.Subjects, a.Stages, a.Capacity, a.SignupMode,
		a.Hours, a.OutcomeKind, a.OutcomeDue, StateDraft, a.SchoolYear, a.Half, a.OwnerUserID, a.CreatedBy, at, at)
}

// updatePlan writes the editable fields of a at its version; n is 0 when
// the version is stale.
func updatePlan(ctx context.Context, tx *db.Tx, a Activity, at int64) (n int64, err error) {
	err = tallied(ctx, tx, a.ID, func() error {
		n, err = updatePlanRow(ctx, tx, a, at)
		return err
	})
	return n, err
}

func updatePlanRow(ctx context.Context, tx *db.Tx, a Activity, at int64) (int64, error) {
	res, err := tx.Exec(ctx, `UPDATE activities SET kind = ?, title = ?, theme = ?, plan = ?, starts_at = ?, ends_at = ?,
		place = ?, online_link = ?, audience_path = ?, audience_name = ?, subjects = ?, stages = ?, capacity = ?,
		signup_mode = ?, hours = ?, outcome_kind = ?, outcome_due = ?, school_year = ?, half = ?, version = version + 1,
		updated_at = ? WHERE id = ? AND version = ?`,
		a.Kind, a.Title, a.Theme, a.Plan, a.StartsAt, a.EndsAt, a.Place, a.OnlineLink, a.AudiencePath, a.AudienceName,
		a.Subjects, a.Stages, a.Capacity, a.SignupMode, a.Hours, a.OutcomeKind, a.OutcomeDue, a.SchoolYear, a.Half, at,
		a.ID, a.Version)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// setState moves the activity from one of the states in from to state at
// version, writing the text columns in set; n is 0 when stale.
func setState(ctx context.Context, tx *db.Tx, id int64, version int, state string, set map[string]string, at int64, from ...string) (n int64, err error) {
	err = tallied(ctx, tx, id, func() error {
		n, err = setStateRow(ctx, tx, id, version, state, set, at, from...)
		return err
	})
	return n, err
}

func setStateRow(ctx context.Context, tx *db.Tx, id int64, version int, state string, set map[string]string, at int64, from ...string) (int64, error) {
	q, args := "UPDATE activities SET state = ?, version = version + 1, updated_at = ?", []any{state, at}
	for _, col := range []string{"record", "outcome", "review_note"} {
		if v, ok := set[col]; ok {
			q += ", " + col + " = ?"
			args = append(args, v)
		}
	}
	q += " WHERE id = ? AND version = ? AND state IN (" + db.In(len(from)) + ")"
	args = append(args, id, version)
	for _, f := range from {
		args = append(args, f)
	}
	res, err := tx.Exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
