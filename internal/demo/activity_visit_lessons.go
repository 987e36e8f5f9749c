package demo

import (
	"context"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
)

// visitLessons are the lessons one visit of this 学年 observed and gave:
// they become 听课评课 records at the visit's school in its dates, since a
// visit no longer carries typed counts. Last year's visits keep theirs, as
// the 手填（旧记录） a region brings from before.
type visitLessons struct {
	at            int // index of the visit in its batch
	lessons, demo int
}

// takeLessons moves the typed counts of visits of 学年 year off the visits.
func takeLessons(vs []liaison.Visit, year int) []visitLessons {
	var out []visitLessons
	for i := range vs {
		v := &vs[i]
		start, err := time.Parse(time.DateOnly, v.StartDate)
		if err != nil || dict.SchoolYearOf(start) != year || v.LessonsObserved+v.DemoLessons == 0 {
			continue
		}
		out = append(out, visitLessons{at: i, lessons: v.LessonsObserved, demo: v.DemoLessons})
		v.LessonsObserved, v.DemoLessons = 0, 0
	}
	return out
}

const visitDiagnosis = "教学目标清楚，课堂节奏适当；学生活动的时间可以再多一些。"

// writeVisitLessons records, in one transaction, the 听课评课 records of the
// saved visits vs: the researcher observed teachers of the school on the
// visit's days, and a teacher of the school observed the researcher's 示范课.
func writeVisitLessons(ctx context.Context, d *db.DB, vs []liaison.Visit, ls []visitLessons) error {
	if len(ls) == 0 {
		return nil
	}
	now := time.Now().UnixMilli()
	return d.Write(ctx, func(tx *db.Tx) error {
		teachers := map[int64][]int64{}
		for _, l := range ls {
			v := vs[l.at]
			ts, ok := teachers[v.SchoolID]
			if !ok {
				var err error
				ts, err = db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
					var id int64
					return id, r.Scan(&id)
				}, "SELECT id FROM people WHERE org_id = ? AND researcher_kind = '' AND active = TRUE ORDER BY id LIMIT 12", v.SchoolID)
				if err != nil {
					return err
				}
				teachers[v.SchoolID] = ts
			}
			if len(ts) == 0 {
				continue
			}
			if err := insertVisitLessons(ctx, tx, v, l, ts, now); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertVisitLessons(ctx context.Context, tx *db.Tx, v liaison.Visit, l visitLessons, ts []int64, now int64) error {
	start, _ := time.Parse(time.DateOnly, v.StartDate)
	add := func(observer, teacher int64, kind string, i int) error {
		day := start.AddDate(0, 0, i%max(v.Days, 1)).Format(time.DateOnly)
		_, err := tx.Exec(ctx, `INSERT INTO observations (observer_id, teacher_id, school_id, org_path, subject, topic, on_date, lesson_type,
			diagnosis, state, school_year, half, created_by, created_at, updated_at)
			SELECT ?, ?, o.id, o.path, '', ?, ?, ?, ?, 'submitted', ?, ?, '演示数据', ?, ? FROM orgs o WHERE o.id = ?`,
			observer, teacher, demoTopics[(i+int(teacher))%len(demoTopics)], day, kind, visitDiagnosis, v.Term.Year, int(v.Term.Half), now, now,
			v.SchoolID)
		return err
	}
	for i := 0; i < l.lessons; i++ {
		if err := add(v.ResearcherID, ts[i%len(ts)], "regular", i); err != nil {
			return err
		}
	}
	for i := 0; i < l.demo; i++ {
		if err := add(ts[i%len(ts)], v.ResearcherID, "demo", i); err != nil {
			return err
		}
	}
	return nil
}
