package review

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Project (课题) stages, in order.
const (
	ProjEstablished = "established" // 已立项
	ProjOpened      = "opened"      // 已开题
	ProjMidterm     = "midterm"     // 已中期检查
	ProjConcluded   = "concluded"   // 已结题
	ProjPromoted    = "promoted"    // 成果推广
)

var projectOrder = []string{ProjEstablished, ProjOpened, ProjMidterm, ProjConcluded, ProjPromoted}

// ProjectStatusNames are the Chinese names of the project stages.
var ProjectStatusNames = map[string]string{ProjEstablished: "已立项", ProjOpened: "已开题", ProjMidterm: "已中期检查",
	ProjConcluded: "已结题", ProjPromoted: "成果推广"}

// ProjectLevelNames are the Chinese names of the project levels.
var ProjectLevelNames = map[string]string{LevelCity: "市级", LevelCounty: "县级", LevelSchool: "校级"}

// Project is one 课题 after 立项, with its number, level and stage dates.
type Project struct {
	ID, Submission, Campaign int64
	Number                   string // 立项编号
	Title                    string
	Level                    string
	LeaderID                 int64
	Leader                   string // 主持人
	OrgName, OrgPath         string
	County                   string // county name
	Subject                  string
	Year                     int
	Status                   string
	DueOpen, DueMid, DueEnd  string
	Outcome                  string
	Version                  int
}

// Due is the date the project's next stage falls due, "" after 结题.
func (p Project) Due() string {
	switch p.Status {
	case ProjEstablished:
		return p.DueOpen
	case ProjOpened:
		return p.DueMid
	case ProjMidterm:
		return p.DueEnd
	}
	return ""
}

// Overdue reports whether the next stage is past due on today.
func (p Project) Overdue(today string) bool { return p.Due() != "" && p.Due() < today }

// Next is the stage the project may move to, "" at the end.
func (p Project) Next() string {
	for i, s := range projectOrder {
		if s == p.Status && i+1 < len(projectOrder) {
			return projectOrder[i+1]
		}
	}
	return ""
}

const projectCols = `j.id, j.submission_id, j.campaign_id, j.number, j.title, j.level, j.leader_id, p.name, o.name, j.org_path,
	COALESCE(g.name, ''), j.subject, j.year, j.status, j.due_open, j.due_mid, j.due_end, j.outcome, j.version`

const projectFrom = ` FROM review_projects j JOIN people p ON p.id = j.leader_id JOIN orgs o ON o.id = j.org_id
	LEFT JOIN regions g ON g.code = j.county_code`

func scanProject(r db.Scanner) (Project, error) {
	var p Project
	err := r.Scan(&p.ID, &p.Submission, &p.Campaign, &p.Number, &p.Title, &p.Level, &p.LeaderID, &p.Leader, &p.OrgName, &p.OrgPath,
		&p.County, &p.Subject, &p.Year, &p.Status, &p.DueOpen, &p.DueMid, &p.DueEnd, &p.Outcome, &p.Version)
	return p, err
}

func (p Project) snapshot() audit.Snapshot {
	return audit.Snapshot{"编号": p.Number, "题目": p.Title, "级别": ProjectLevelNames[p.Level], "状态": ProjectStatusNames[p.Status],
		audit.VersionKey: fmt.Sprint(p.Version)}
}

// Establishment is the 立项 decision on a 课题 campaign's final list.
type Establishment struct {
	Campaign                int64
	Level                   string // city, county or school
	Year                    int
	DueOpen, DueMid, DueEnd string // 开题、中期、结题 deadlines
}

// Establish (立项) turns every submission on the final list of a 课题
// campaign into a project numbered <year><级>NNN, and returns how many.
func (s *Service) Establish(ctx context.Context, actor app.Actor, e Establishment) (n int, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, e.Campaign)
		if err != nil {
			return err
		}
		if err := validEstablishment(c, e); err != nil {
			return err
		}
		list, err := db.QueryAll(ctx, tx, scanSub, "SELECT "+subCols+subFrom+` WHERE s.campaign_id = ? AND s.awarded = TRUE
			AND NOT EXISTS (SELECT 1 FROM review_projects j WHERE j.submission_id = s.id) ORDER BY s.rank_no`, c.ID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return app.Invalid("campaign_id", "没有可立项的课题")
		}
		seq, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_projects WHERE year = ? AND level = ?", e.Year, e.Level)
		if err != nil {
			return err
		}
		for i, x := range list {
			if err := s.insertProject(ctx, tx, e, x, fmt.Sprintf("%d%s%03d", e.Year, strings.TrimSuffix(ProjectLevelNames[e.Level], "级"), seq+i+1)); err != nil {
				return err
			}
		}
		n = len(list)
		return record(ctx, tx, actor, "project.establish", "campaign", c.ID, fmt.Sprintf("课题立项 %s：%d 项", c.Title, n), nil, nil)
	})
	return n, err
}

func validEstablishment(c Campaign, e Establishment) error {
	switch {
	case c.Kind != KindProjectApply && c.Kind != KindProjectCall:
		return app.Invalid("campaign_id", "只有课题招标或申报活动可以立项")
	case c.Status != StatusFinal:
		return app.Invalid("campaign_id", "请先确定最终名单再立项")
	case ProjectLevelNames[e.Level] == "":
		return app.Invalid("level", "请选择课题级别")
	case e.Year < 2000 || e.Year > 2100:
		return app.Invalid("year", "立项年度应为四位年份")
	case !isDate(e.DueOpen) || !isDate(e.DueMid) || !isDate(e.DueEnd) || e.DueMid < e.DueOpen || e.DueEnd < e.DueMid:
		return app.Invalid("due_end", "请按 2025-09-01 的格式填写开题、中期、结题期限，且依次不早于前一项")
	}
	return nil
}

func (s *Service) insertProject(ctx context.Context, tx *db.Tx, e Establishment, x Submission, number string) error {
	now := s.now().Unix()
	_, err := tx.Exec(ctx, `INSERT INTO review_projects (submission_id, campaign_id, number, title, level, leader_id, org_id, org_path,
		county_code, subject, year, due_open, due_mid, due_end, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		x.ID, x.CampaignID, number, x.Title, e.Level, x.AuthorID, x.OrgID, x.OrgPath, x.County, x.Subject, e.Year, e.DueOpen, e.DueMid, e.DueEnd, now, now)
	return err
}

// Advance moves a project to its next stage on date with a note; 结题
// needs the outcome and issues a 结题证书 with a serial number.
func (s *Service) Advance(ctx context.Context, actor app.Actor, id int64, version int, date, note, outcome string) error {
	if err := actor.Require(PermCampaignManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		p, err := projectInScope(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		next := p.Next()
		switch {
		case next == "":
			return app.Invalid("stage", "该课题已进入成果推广")
		case !isDate(date):
			return app.Invalid("date", "日期格式应为 2025-09-01")
		case next == ProjConcluded && strings.TrimSpace(outcome) == "":
			return app.Invalid("outcome", "结题须填写研究成果")
		}
		if outcome == "" {
			outcome = p.Outcome
		}
		res, err := tx.Exec(ctx, "UPDATE review_projects SET status = ?, outcome = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
			next, outcome, s.now().Unix(), id, version)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return stale()
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO review_project_events (project_id, stage, on_date, note, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			id, next, date, note, actor.Username, s.now().Unix()); err != nil {
			return err
		}
		if next == ProjConcluded {
			if _, err := tx.Exec(ctx, `INSERT INTO review_certificates (serial, submission_id, holder, award, campaign, issued_on, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, newSerial(), p.Submission, p.Leader, "结题："+p.Title, ProjectLevelNames[p.Level]+"课题 "+p.Number, date, s.now().Unix()); err != nil {
				return err
			}
		}
		after := p
		after.Status, after.Version = next, p.Version+1
		return record(ctx, tx, actor, "project.advance", "project", id, ProjectStatusNames[next]+" "+p.Title, p.snapshot(), after.snapshot())
	})
}

func projectInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Project, error) {
	p, err := scanProject(tx.QueryRow(ctx, "SELECT "+projectCols+projectFrom+" WHERE j.id = ?", id))
	if err != nil || !auth.InScope(actor, p.OrgPath, 0, p.LeaderID) {
		return Project{}, notFound("课题")
	}
	return p, nil
}

// ProjectEvent is one recorded stage of a project.
type ProjectEvent struct {
	Stage, Date, Note, By string
}

// FindProjectByID returns a project in the actor's scope (their own, for
// a teacher) with its recorded stages.
func (s *Service) FindProjectByID(ctx context.Context, actor app.Actor, id int64) (p Project, events []ProjectEvent, err error) {
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if p, err = projectInScope(ctx, tx, actor, id); err != nil {
			return err
		}
		events, err = db.QueryAll(ctx, tx, func(r db.Scanner) (ProjectEvent, error) {
			var e ProjectEvent
			return e, r.Scan(&e.Stage, &e.Date, &e.Note, &e.By)
		}, "SELECT stage, on_date, note, recorded_by FROM review_project_events WHERE project_id = ? ORDER BY id", id)
		return err
	})
	return p, events, err
}

// ProjectFilter narrows the project list.
type ProjectFilter struct {
	Level, Status, County string
	Year                  int
	Limit, Offset         int
}

func projectWhere(actor app.Actor, f ProjectFilter) (string, []any) {
	where, args := auth.ScopeWhere(actor, "j.org_path", "j.org_id", "j.leader_id")
	for _, c := range []struct {
		col string
		v   any
		set bool
	}{{"j.level", f.Level, f.Level != ""}, {"j.status", f.Status, f.Status != ""}, {"j.county_code", f.County, f.County != ""}, {"j.year", f.Year, f.Year != 0}} {
		if c.set {
			where, args = where+" AND "+c.col+" = ?", append(args, c.v)
		}
	}
	return where, args
}

// FindProjects lists the projects in the actor's scope by number.
func (s *Service) FindProjects(ctx context.Context, actor app.Actor, f ProjectFilter) (list []Project, total int, err error) {
	where, args := projectWhere(actor, f)
	if f.Limit <= 0 {
		f.Limit = 50
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if total, err = tx.Count(ctx, "SELECT COUNT(*)"+projectFrom+" WHERE "+where, args...); err != nil {
			return err
		}
		list, err = db.QueryAll(ctx, tx, scanProject, "SELECT "+projectCols+projectFrom+" WHERE "+where+
			" ORDER BY j.year DESC, j.number LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
		return err
	})
	return list, total, err
}

// ProjectCount is one cell of the bureau's table: projects of a year,
// level, county and status.
type ProjectCount struct {
	Year          int
	Level, County string
	Status        string
	Count         int
}

// ProjectTable counts the projects in scope (with the filter) by year,
// level, county and status: the bureau's 课题统计表.
func (s *Service) ProjectTable(ctx context.Context, actor app.Actor, f ProjectFilter) (out []ProjectCount, err error) {
	where, args := projectWhere(actor, f)
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (ProjectCount, error) {
			var c ProjectCount
			return c, r.Scan(&c.Year, &c.Level, &c.County, &c.Status, &c.Count)
		}, `SELECT j.year, j.level, COALESCE(g.name, '市直'), j.status, COUNT(*)`+projectFrom+" WHERE "+where+
			` GROUP BY j.year, j.level, g.name, j.status ORDER BY j.year DESC, j.level, g.name, j.status`, args...)
		return err
	})
	return out, err
}
