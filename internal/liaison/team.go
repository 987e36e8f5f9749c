package liaison

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// Team is a researcher with backbone teachers (骨干教师) taking up to
// Capacity linked schools in a round.
type Team struct {
	ID             int64
	RoundID        int64
	ResearcherID   int64
	ResearcherName string
	Subject        string
	Stage          string
	County         string
	Capacity       int
	Members        []org.Member
	Schools        []string // linked school names
}

// SaveTeam adds a researcher's team to a draft round, or updates its capacity
// and members when the researcher already has one. The researcher must be a
// 教研员 in scope; capacity must be 1..liaison.max_schools_per_researcher.
func (s *Service) SaveTeam(ctx context.Context, actor app.Actor, roundID, researcherID int64, capacity int, memberIDs []int64) (int64, error) {
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		var name string
		if id, name, err = s.saveTeam(ctx, tx, actor, r, researcherID, capacity, memberIDs); err != nil {
			return err
		}
		return record(ctx, tx, actor, "round.team", "round", roundID, "设置联系团队："+name+"，"+r.Name, nil, nil)
	})
	return id, err
}

// saveTeam checks and writes one team of round r; it returns the team id
// and the researcher's name.
func (s *Service) saveTeam(ctx context.Context, tx *db.Tx, actor app.Actor, r Round, researcherID int64, capacity int, memberIDs []int64) (int64, string, error) {
	name, err := researcherInScope(ctx, tx, actor, researcherID)
	if err != nil {
		return 0, "", err
	}
	maxN, err := s.required(ctx, r.RegionCode, policy.RuleLiaisonMaxSchoolsPerResearcher, r.FirstYear)
	if err != nil {
		return 0, name, err
	}
	if capacity < 1 || capacity > maxN {
		return 0, name, app.Invalid("capacity", "%s：联系学校数应在 1 到 %d 所之间（本区域政策）", name, maxN)
	}
	id, err := upsertTeam(ctx, tx, r.ID, researcherID, capacity)
	if err != nil {
		return 0, name, err
	}
	return id, name, s.saveTeamMembers(ctx, tx, actor, id, memberIDs)
}

func researcherInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (string, error) {
	var name, kind, path string
	var orgID int64
	err := tx.QueryRow(ctx, `SELECT p.name, p.researcher_kind, o.path, o.id FROM people p JOIN orgs o ON o.id = p.org_id
		WHERE p.id = ? AND p.active = TRUE`, id).Scan(&name, &kind, &path, &orgID)
	if err != nil || kind == "" || !auth.InScope(actor, path, orgID, id) {
		return "", app.Invalid("researcher_id", "请选择您管辖范围内的教研员")
	}
	return name, nil
}

func upsertTeam(ctx context.Context, tx *db.Tx, roundID, researcherID int64, capacity int) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, "SELECT id FROM liaison_teams WHERE round_id = ? AND researcher_id = ?", roundID, researcherID).Scan(&id)
	if db.IsNoRows(err) {
		return tx.InsertID(ctx, "INSERT INTO liaison_teams (round_id, researcher_id, capacity) VALUES (?, ?, ?) RETURNING id",
			roundID, researcherID, capacity)
	}
	if err != nil {
		return 0, err
	}
	_, err = tx.Exec(ctx, "UPDATE liaison_teams SET capacity = ? WHERE id = ?", capacity, id)
	return id, err
}

func (s *Service) saveTeamMembers(ctx context.Context, tx *db.Tx, actor app.Actor, teamID int64, ids []int64) error {
	if _, err := tx.Exec(ctx, "DELETE FROM liaison_team_members WHERE team_id = ?", teamID); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := s.Org.FindPersonByID(ctx, actor, id); err != nil {
			return app.Invalid("members", "骨干教师中有不存在或不在您管辖范围内的人员")
		}
		if _, err := tx.Exec(ctx, "INSERT INTO liaison_team_members (team_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING", teamID, id); err != nil {
			return err
		}
	}
	return nil
}

// RemoveTeam drops a team and its links from a draft round.
func (s *Service) RemoveTeam(ctx context.Context, actor app.Actor, roundID, teamID int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM liaison_links WHERE team_id = ? AND round_id = ?",
			"DELETE FROM liaison_team_members WHERE team_id = ? AND team_id IN (SELECT id FROM liaison_teams WHERE round_id = ?)"} {
			if _, err := tx.Exec(ctx, q, teamID, roundID); err != nil {
				return err
			}
		}
		res, err := tx.Exec(ctx, "DELETE FROM liaison_teams WHERE id = ? AND round_id = ?", teamID, roundID)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return notFound("联系团队")
		}
		return firstErr(err, record(ctx, tx, actor, "round.team_remove", "round", roundID, "移除联系团队，"+r.Name, nil, nil))
	})
}

// FindTeams lists a round's teams with members and linked schools.
func (s *Service) FindTeams(ctx context.Context, actor app.Actor, roundID int64) ([]Team, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, err
	}
	var out []Team
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := loadRound(ctx, tx, actor, roundID); err != nil {
			return err
		}
		var err error
		if out, err = loadTeams(ctx, tx, roundID); err != nil {
			return err
		}
		return fillTeams(ctx, tx, out)
	})
	return out, err
}

func loadTeams(ctx context.Context, tx *db.Tx, roundID int64) ([]Team, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Team, error) {
		var t Team
		err := r.Scan(&t.ID, &t.RoundID, &t.ResearcherID, &t.ResearcherName, &t.Subject, &t.Stage, &t.County, &t.Capacity)
		return t, err
	}, `SELECT m.id, m.round_id, m.researcher_id, p.name, p.researcher_subject, p.researcher_stage, o.region_code, m.capacity
		FROM liaison_teams m JOIN people p ON p.id = m.researcher_id JOIN orgs o ON o.id = p.org_id
		WHERE m.round_id = ? ORDER BY p.name, m.id`, roundID)
}

func fillTeams(ctx context.Context, tx *db.Tx, teams []Team) error {
	for i := range teams {
		var err error
		teams[i].Members, err = db.QueryAll(ctx, tx, func(r db.Scanner) (org.Member, error) {
			var m org.Member
			err := r.Scan(&m.ID, &m.Name)
			return m, err
		}, "SELECT p.id, p.name FROM liaison_team_members m JOIN people p ON p.id = m.person_id WHERE m.team_id = ? ORDER BY p.id", teams[i].ID)
		if err != nil {
			return err
		}
		teams[i].Schools, err = db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var n string
			return n, r.Scan(&n)
		}, "SELECT o.name FROM liaison_links k JOIN orgs o ON o.id = k.school_id WHERE k.team_id = ? ORDER BY o.name", teams[i].ID)
		if err != nil {
			return err
		}
	}
	return nil
}
