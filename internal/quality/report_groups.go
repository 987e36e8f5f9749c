package quality

import (
	"context"
	"encoding/json"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Group is one stored group record (a region, county, school or class for
// one subject or the total): the engine's JSON record, decoded. A nil
// pointer is the engine's null (no students sat, or not defined).
type Group struct {
	SchoolID       int64               `json:"-"`
	Raw            json.RawMessage     `json:"-"` // the engine's record as stored
	Level          string              `json:"level"`
	County         string              `json:"county"`
	School         string              `json:"school"`
	Class          string              `json:"class"`
	Subject        string              `json:"subject"`
	N              int                 `json:"n"`
	Absent         int                 `json:"absent"`
	Mean           *float64            `json:"mean"`
	SD             *float64            `json:"sd"`
	Min            *float64            `json:"min"`
	Max            *float64            `json:"max"`
	Median         *float64            `json:"median"`
	Q1             *float64            `json:"q1"`
	Q3             *float64            `json:"q3"`
	PassRate       *float64            `json:"pass_rate"`
	GoodRate       *float64            `json:"good_rate"`
	ExcellentRate  *float64            `json:"excellent_rate"`
	LowRate        *float64            `json:"low_rate"`
	OverMeanRate   *float64            `json:"over_mean_rate"`
	TScore         *float64            `json:"t_score"`
	Bands          []int               `json:"bands"`
	CriticalPass   int                 `json:"critical_pass"`
	CriticalGood   int                 `json:"critical_good"`
	CriticalExc    int                 `json:"critical_excellent"`
	ItemRates      []*float64          `json:"item_rates"`
	KnowledgeRates map[string]*float64 `json:"knowledge_rates"`
	AbilityRates   map[string]*float64 `json:"ability_rates"`
}

// FindGroups returns the stored group records of the exam's current report
// at level for subject ("" = every subject and the total) that the actor may
// see, in the engine's order. A school's users get only their own school
// and classes; other schools' records are never read out.
func (s *Service) FindGroups(ctx context.Context, actor app.Actor, examID int64, level, subject string) ([]Group, error) {
	return s.findGroups(ctx, actor, examID, level, subject, nil)
}

// FindGroupsOf is FindGroups of the schools only (at school or class level):
// the level above a page of classes.
func (s *Service) FindGroupsOf(ctx context.Context, actor app.Actor, examID int64, level, subject string, schools []int64) ([]Group, error) {
	if len(schools) == 0 {
		return nil, nil
	}
	return s.findGroups(ctx, actor, examID, level, subject, schools)
}

func (s *Service) findGroups(ctx context.Context, actor app.Actor, examID int64, level, subject string, only []int64) ([]Group, error) {
	var out []Group
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		q := "SELECT scope_path, COALESCE(school_id, 0), figures FROM quality_report_groups WHERE report_id = ? AND level = ?"
		args := []any{rp.ID, level}
		if subject != "" {
			q += " AND subject = ?"
			args = append(args, subject)
		}
		if level == GroupSchool || level == GroupClass {
			// the scope in SQL, on the index: other schools' figures are not read
			where, sargs := auth.ScopeWhere(actor, "scope_path", "school_id", "")
			q, args = q+" AND "+where, append(args, sargs...)
		}
		if len(only) > 0 {
			q += " AND school_id IN (" + db.In(len(only)) + ")"
			for _, id := range only {
				args = append(args, id)
			}
		}
		rows, err := tx.Query(ctx, q+" ORDER BY seq", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var path, fig string
			var sid int64
			if err := rows.Scan(&path, &sid, &fig); err != nil {
				return err
			}
			if !visible(actor, level, path, sid) {
				continue
			}
			g := Group{SchoolID: sid, Raw: json.RawMessage(fig)}
			if err := json.Unmarshal([]byte(fig), &g); err != nil {
				return err
			}
			out = append(out, g)
		}
		return rows.Err()
	})
	return out, err
}

// FindReportSchools returns the schools of the current report the actor may
// see, in the engine's order, with only SchoolID and School set: the
// students page's choice of school, without reading the figures.
func (s *Service) FindReportSchools(ctx context.Context, actor app.Actor, examID int64) ([]Group, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Group, error) {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil || len(rp.Subjects) == 0 {
			return nil, err
		}
		where, args := auth.ScopeWhere(actor, "g.scope_path", "g.school_id", "")
		list, err := db.QueryAll(ctx, tx, func(r db.Scanner) (school, error) {
			var sc school
			return sc, r.Scan(&sc.ID, &sc.Name, &sc.County, &sc.Code)
		}, `SELECT g.school_id, o.name, k.name, COALESCE(o.school_code, '') FROM quality_report_groups g JOIN orgs o ON o.id = g.school_id
			JOIN regions k ON k.code = o.region_code
			WHERE g.report_id = ? AND g.level = 'school' AND g.subject = ? AND `+where+` ORDER BY g.seq`,
			append([]any{rp.ID, rp.Subjects[len(rp.Subjects)-1]}, args...)...)
		labels := schoolLabels(list) // two schools of one name keep their codes, as in the report
		var out []Group
		for _, sc := range list {
			out = append(out, Group{Level: GroupSchool, SchoolID: sc.ID, School: labels[sc.ID], County: sc.County})
		}
		return out, err
	})
}

// FindGroupsPage is FindGroups for the school or class level, one page at a
// time (limit from offset, in the engine's order), with the total the actor
// may see: the scope is applied in SQL, so a page reads only its own rows.
func (s *Service) FindGroupsPage(ctx context.Context, actor app.Actor, examID int64, level, subject string, offset, limit int) ([]Group, int, error) {
	if level != GroupSchool && level != GroupClass {
		return nil, 0, app.Invalid("level", "只有学校和班级层级分页")
	}
	var out []Group
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		where, args := auth.ScopeWhere(actor, "scope_path", "school_id", "")
		args = append([]any{rp.ID, level, subject}, args...)
		recs, n, err := db.QueryPage(ctx, tx, func(r db.Scanner) (Group, error) {
			var g Group
			var fig string
			if err := r.Scan(&g.SchoolID, &fig); err != nil {
				return g, err
			}
			g.Raw = json.RawMessage(fig)
			return g, json.Unmarshal([]byte(fig), &g)
		}, "SELECT COUNT(*) FROM quality_report_groups WHERE report_id = ? AND level = ? AND subject = ? AND "+where,
			"SELECT COALESCE(school_id, 0), figures FROM quality_report_groups WHERE report_id = ? AND level = ? AND subject = ? AND "+where+" ORDER BY seq",
			args, limit, offset)
		out, total = recs, n
		return err
	})
	return out, total, err
}
