package activity

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// SaveRubric creates a rubric of the actor's organisation (r.ID 0) or adds
// a new version to r.ID at its row version r.Version (ECONFLICT when
// stale). A saved version is never changed: observations scored with it
// keep their scores and total. Returns the rubric id.
func (s *Service) SaveRubric(ctx context.Context, actor app.Actor, r Rubric, text string) (int64, error) {
	if err := actor.Require(PermManage); err != nil {
		return 0, err
	}
	r.Name, r.Subject = strings.TrimSpace(r.Name), strings.TrimSpace(r.Subject)
	if r.Name == "" {
		return 0, app.Invalid("name", "请填写量表名称")
	}
	body, err := ParseRubric(text)
	if err != nil {
		return 0, err
	}
	raw, _ := json.Marshal(body)
	at := s.now().UnixMilli()
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		number := 1
		if r.ID == 0 {
			if r.ID, err = s.insertRubric(ctx, tx, actor, r, at); err != nil {
				return err
			}
		} else {
			if number, err = s.nextVersion(ctx, tx, actor, r, at); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO rubric_versions (rubric_id, number, body, max_score, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, r.ID, number, string(raw), body.MaxScore(), actor.Username, at); err != nil {
			return err
		}
		return record(ctx, tx, actor, "rubric.save", "rubric", r.ID, fmt.Sprintf("评课量表「%s」第 %d 版", r.Name, number), nil,
			audit.Snapshot{"名称": r.Name, "学科": r.Subject, "版本": fmt.Sprint(number), "满分": fmt.Sprint(body.MaxScore())})
	})
	return r.ID, err
}

func (s *Service) insertRubric(ctx context.Context, tx *db.Tx, actor app.Actor, r Rubric, at int64) (int64, error) {
	var path, region, rpath string
	err := tx.QueryRow(ctx, `SELECT o.path, o.region_code, g.path FROM orgs o JOIN regions g ON g.code = o.region_code WHERE o.id = ?`,
		actor.OrgID).Scan(&path, &region, &rpath)
	if db.IsNoRows(err) {
		return 0, app.Errorf(app.EFORBIDDEN, "本账号不属于任何单位，不能建立量表")
	}
	if err != nil {
		return 0, err
	}
	return tx.InsertID(ctx, `INSERT INTO rubrics (region_code, region_path, org_id, org_path, subject, name, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, region, rpath, actor.OrgID, path, r.Subject, r.Name, actor.Username, at, at)
}

// nextVersion checks the actor may edit rubric r and bumps its version.
func (s *Service) nextVersion(ctx context.Context, tx *db.Tx, actor app.Actor, r Rubric, at int64) (int, error) {
	var path string
	var orgID int64
	var current int
	err := tx.QueryRow(ctx, "SELECT org_path, org_id, current_version FROM rubrics WHERE id = ?", r.ID).Scan(&path, &orgID, &current)
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, path, orgID, 0)) {
		return 0, app.Errorf(app.ENOTFOUND, "找不到该量表，或您无权修改")
	}
	if err != nil {
		return 0, err
	}
	res, err := tx.Exec(ctx, `UPDATE rubrics SET name = ?, subject = ?, current_version = current_version + 1, version = version + 1,
		updated_at = ? WHERE id = ? AND version = ?`, r.Name, r.Subject, at, r.ID, r.Version)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, app.Errorf(app.ECONFLICT, "该量表已被他人修改，请刷新后重试")
	}
	return current + 1, nil
}

const rubricSelect = `SELECT r.id, r.region_code, r.org_id, r.subject, r.name, r.current_version, v.id, v.body, r.version
	FROM rubrics r JOIN rubric_versions v ON v.rubric_id = r.id AND v.number = r.current_version`

func scanRubric(sc db.Scanner) (Rubric, error) {
	var r Rubric
	var body string
	err := sc.Scan(&r.ID, &r.RegionCode, &r.OrgID, &r.Subject, &r.Name, &r.CurrentVersion, &r.VersionID, &body, &r.Version)
	if err == nil {
		err = json.Unmarshal([]byte(body), &r.Body)
	}
	return r, err
}

// rubricWhere admits the rubrics of the actor's region and those above it,
// and those of organisations in the actor's scope.
func rubricWhere(actor app.Actor) (string, []any) {
	own, args := auth.ScopeWhere(actor, "r.org_path", "r.org_id", "")
	anc := ancestors(actor.OrgPath)
	if len(anc) == 0 {
		return own, args
	}
	for _, p := range anc {
		args = append(args, p)
	}
	return "(" + own + " OR r.region_path IN (" + db.In(len(anc)) + "))", args
}

// FindRubrics lists the rubrics the actor may use, by subject and name.
func (s *Service) FindRubrics(ctx context.Context, actor app.Actor) ([]Rubric, error) {
	where, args := rubricWhere(actor)
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Rubric, error) {
		return db.QueryAll(ctx, tx, scanRubric, rubricSelect+" WHERE "+where+" ORDER BY r.subject, r.name, r.id", args...)
	})
}

// FindRubricByID is rubric id at its current version, if the actor may use it.
func (s *Service) FindRubricByID(ctx context.Context, actor app.Actor, id int64) (Rubric, error) {
	where, args := rubricWhere(actor)
	r, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Rubric, error) {
		return scanRubric(tx.QueryRow(ctx, rubricSelect+" WHERE r.id = ? AND "+where, append([]any{id}, args...)...))
	})
	if db.IsNoRows(err) {
		return r, app.Errorf(app.ENOTFOUND, "找不到该量表，或您无权查看")
	}
	return r, err
}

// versionBody loads one rubric version's body.
func versionBody(ctx context.Context, tx *db.Tx, id int64) (RubricBody, string, error) {
	var b RubricBody
	var raw, name string
	err := tx.QueryRow(ctx, `SELECT v.body, r.name || ' 第' || CAST(v.number AS TEXT) || '版' FROM rubric_versions v
		JOIN rubrics r ON r.id = v.rubric_id WHERE v.id = ?`, id).Scan(&raw, &name)
	if err == nil {
		err = json.Unmarshal([]byte(raw), &b)
	}
	return b, name, err
}
