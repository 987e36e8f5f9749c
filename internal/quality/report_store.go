package quality

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/quality/analysis"
)

// unitPlaces maps the engine's counties and schools back to organisations:
// a school to its id and path, a county to its region path.
type unitPlaces struct {
	schoolID   []int64
	schoolPath []string
	countyPath []string
}

func placesOf(rep *analysis.Report, schools map[int64]school) unitPlaces {
	type key struct{ county, name string }
	byName := map[key]school{}
	countyPath := map[string]string{}
	list := make([]school, 0, len(schools))
	for _, sc := range schools {
		list = append(list, sc)
	}
	labels := schoolLabels(list)
	for _, sc := range schools {
		byName[key{sc.County, labels[sc.ID]}] = sc
		countyPath[sc.County] = sc.CountyPath
	}
	ds := rep.Data
	var up unitPlaces
	for _, c := range ds.Counties {
		up.countyPath = append(up.countyPath, countyPath[c.Name])
	}
	for _, u := range ds.Schools {
		sc := byName[key{ds.Counties[u.Parent].Name, u.Name}]
		up.schoolID = append(up.schoolID, sc.ID)
		up.schoolPath = append(up.schoolPath, sc.Path)
	}
	return up
}

// place returns the school id (0 above school level) and the scope path of
// group g at level l: "" for the region, the county's region path, or the
// school's path for a school or class.
func (up unitPlaces) place(rep *analysis.Report, l analysis.Level, g int32) (int64, string) {
	switch l {
	case analysis.County:
		return 0, up.countyPath[g]
	case analysis.School:
		return up.schoolID[g], up.schoolPath[g]
	case analysis.Class:
		sc := rep.Data.Classes[g].Parent
		return up.schoolID[sc], up.schoolPath[sc]
	}
	return 0, ""
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// storeReport writes a report and all its records.
func (s *Service) storeReport(ctx context.Context, tx *db.Tx, actor app.Actor, examID int64, rep *analysis.Report, up unitPlaces, notes []string,
	pr *stepProgress) (int64, error) {
	// groups take most of the storing share, then students, then the rest
	const groupsEnd, studentsEnd = pctStore + 10, pctDone - 3
	tick := func(from, to, i, n int, what string) {
		if i%4096 == 0 {
			pr.at(from+(to-from)*i/max(1, n), "正在保存报告："+what)
		}
	}
	id, err := tx.InsertID(ctx, `INSERT INTO quality_reports (exam_id, students, subjects, missing, meta, notes, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, examID, len(rep.Data.Students), strings.Join(rep.Names, "、"),
		strings.Join(rep.Data.Missing, "、"), string(rep.AppendMeta(nil)), strings.Join(notes, "；"), actor.Username, s.now().UnixMilli())
	if err != nil {
		return 0, err
	}
	var buf []byte
	groups := newBatch(tx, "INSERT INTO quality_report_groups (report_id, seq, level, subject, scope_path, school_id, figures) VALUES ", 7, 200)
	for i, gs := range rep.Groups {
		sid, path := up.place(rep, gs.Level, gs.Group)
		tick(pctStore, groupsEnd, i, len(rep.Groups), rep.Names[gs.V]+"的群体指标")
		buf = rep.AppendRecord(buf[:0], analysis.SectionGroups, i)
		if err := groups.add(ctx, id, i, gs.Level.String(), rep.Names[gs.V], path, nullID(sid), string(buf)); err != nil {
			return 0, err
		}
	}
	if err := groups.flush(ctx); err != nil {
		return 0, err
	}
	students := newBatch(tx, "INSERT INTO quality_report_students (report_id, student_id, school_id, scope_path, figures) VALUES ", 5, 200)
	for i, st := range rep.Data.Students {
		tick(groupsEnd, studentsEnd, i, len(rep.Data.Students), "学生成绩记录")
		buf = rep.AppendRecord(buf[:0], analysis.SectionStudents, i)
		if err := students.add(ctx, id, st.ID, up.schoolID[st.School], up.schoolPath[st.School], string(buf)); err != nil {
			return 0, err
		}
	}
	if err := students.flush(ctx); err != nil {
		return 0, err
	}
	pr.at(studentsEnd, "正在保存报告：题目指标与增值评价")
	return id, s.storeRecords(ctx, tx, id, rep, up)
}

// storeRecords writes the item and value-added records.
func (s *Service) storeRecords(ctx context.Context, tx *db.Tx, id int64, rep *analysis.Report, up unitPlaces) error {
	recs := newBatch(tx, "INSERT INTO quality_report_records (report_id, section, seq, subject, school_id, figures) VALUES ", 6, 200)
	i := 0
	for si, items := range rep.Items {
		for range items {
			if err := recs.add(ctx, id, analysis.SectionItems, i, rep.Names[si], nil, string(rep.AppendRecord(nil, analysis.SectionItems, i))); err != nil {
				return err
			}
			i++
		}
	}
	for i, va := range rep.Value {
		sid, _ := up.place(rep, va.Level, va.Group)
		if err := recs.add(ctx, id, analysis.SectionValue, i, rep.Names[va.Subject], nullID(sid), string(rep.AppendRecord(nil, analysis.SectionValue, i))); err != nil {
			return err
		}
	}
	return recs.flush(ctx)
}
