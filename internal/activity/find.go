package activity

import (
	"context"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// Filter selects activities for FindActivities: one 学期, optionally of a
// kind, a state, or only those the actor signed up to (Mine); the page
// after After or before Before in time order (start, id).
type Filter struct {
	Term          dict.Term
	Kind, State   string
	Mine          bool
	After, Before db.PageKey
	Limit         int
}

// Page is one page of activities in time order.
type Page struct {
	Activities  []Activity
	Total       int
	AtLeast     bool // Total is only "more than CountCap"
	More, Less  bool
	First, Last db.PageKey
}

// CountCap is the most rows a list counts exactly.
const CountCap = 500

// Key is a's place in list order.
func Key(a Activity) db.PageKey { return db.PageKey{Text: a.StartsAt, ID: a.ID} }

// FindActivities lists one page of the activities the actor may see (see
// visibleWhere) in f's term. It seeks the index (school_year, half,
// starts_at, id), reading one page, never the whole term.
func (s *Service) FindActivities(ctx context.Context, actor app.Actor, f Filter) (Page, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Page, error) {
		var pg Page
		aud, err := audienceOf(ctx, tx, actor)
		if err != nil {
			return pg, err
		}
		where, args := s.filterWhere(actor, f, aud)
		kw, kargs := db.KeysetWhere("a.starts_at", "a.id", db.KeyRange{}, pick(f.After, f.Before), !f.Before.IsZero())
		order := " ORDER BY a.starts_at, a.id LIMIT ?"
		if !f.Before.IsZero() {
			order = " ORDER BY a.starts_at DESC, a.id DESC LIMIT ?"
		}
		q := "SELECT " + activityColumns + activityFrom + " WHERE " + where + " AND " + kw + order
		list, err := db.QueryAll(ctx, tx, scanActivity, q, append(append(slices.Clip(args), kargs...), f.Limit+1)...)
		if err != nil {
			return pg, err
		}
		extra := len(list) > f.Limit
		if extra {
			list = list[:f.Limit]
		}
		pg.Less, pg.More = !f.After.IsZero(), !f.Before.IsZero()
		if !f.Before.IsZero() {
			slices.Reverse(list)
			pg.Less = extra
		} else {
			pg.More = extra
		}
		pg.Activities = list
		if len(list) > 0 {
			pg.First, pg.Last = Key(list[0]), Key(list[len(list)-1])
		}
		pg.Total, err = tx.Count(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM activities a WHERE "+where+" LIMIT ?) c",
			append(slices.Clip(args), CountCap+1)...)
		pg.AtLeast = pg.Total > CountCap
		return pg, err
	})
}

// CountActivities is how many activities f selects for actor (the page
// keys aside), counted up to MaxCount: what an export of the list holds.
func (s *Service) CountActivities(ctx context.Context, actor app.Actor, f Filter) (int, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (int, error) {
		aud, err := audienceOf(ctx, tx, actor)
		if err != nil {
			return 0, err
		}
		where, args := s.filterWhere(actor, f, aud)
		return tx.Count(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM activities a WHERE "+where+" LIMIT ?) c", append(args, MaxCount)...)
	})
}

// MaxCount is the most rows CountActivities counts.
const MaxCount = 200000

func pick(after, before db.PageKey) db.PageKey {
	if !before.IsZero() {
		return before
	}
	return after
}

// filterWhere is the condition of f for actor, without the page key.
func (s *Service) filterWhere(actor app.Actor, f Filter, aud audience) (string, []any) {
	where, args := visibleWhere(actor, aud)
	term := "a.school_year = ? AND a.half = ? AND "
	if f.Mine {
		// One's own sign-ups are few: read them by id and sort them, rather
		// than walking the whole term's index (the unary + keeps SQLite off
		// the term index; PostgreSQL plans this alike without it).
		term = "+a.school_year = ? AND +a.half = ? AND "
	}
	where = term + where
	args = append([]any{f.Term.Year, int(f.Term.Half)}, args...)
	if f.Kind != "" {
		where += " AND a.kind = ?"
		args = append(args, f.Kind)
	}
	if f.State != "" {
		where += " AND a.state = ?"
		args = append(args, f.State)
	}
	if f.Mine {
		where += " AND a.id IN (SELECT activity_id FROM activity_signups WHERE person_id = ? AND cancelled = FALSE)"
		args = append(args, actor.PersonID)
	}
	return where, args
}

// Detail is one activity as the actor sees it: their own sign-up, whether
// they organise it (and so see the sign-ups), and whether they may review.
type Detail struct {
	Activity
	Mine      SignUp
	SignedUp  bool // an active sign-up of the actor
	Manage    bool
	CanReview bool
	People    []SignUp     // the sign-ups, for the organiser and reviewers
	PlanFiles []Attachment // files of the 活动方案
	RecFiles  []Attachment // files of the 活动记录 and materials
}

// FindActivityByID is activity id as the actor sees it (ENOTFOUND when not
// visible); its organiser also gets the sign-up list.
func (s *Service) FindActivityByID(ctx context.Context, actor app.Actor, id int64) (Detail, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Detail, error) {
		a, su, signed, err := s.open(ctx, tx, actor, id)
		if err != nil {
			return Detail{}, err
		}
		d := Detail{Activity: a, Mine: su, SignedUp: signed && !su.Cancelled, Manage: canManage(actor, a),
			CanReview: actor.Can(PermReview) && a.State == StateSubmitted}
		if d.Manage || d.CanReview {
			d.People, err = signUps(ctx, tx, id)
		}
		var files []Attachment
		if err == nil {
			files, err = s.files().List(ctx, tx, activityOwner(a))
		}
		for _, f := range files {
			switch f.Kind {
			case PlanFiles.Code:
				d.PlanFiles = append(d.PlanFiles, f)
			case RecordFiles.Code:
				d.RecFiles = append(d.RecFiles, f)
			}
		}
		return d, err
	})
}

// signUps lists an activity's active sign-ups, by organisation and name.
func signUps(ctx context.Context, tx *db.Tx, id int64) ([]SignUp, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (SignUp, error) {
		su := SignUp{ActivityID: id}
		err := r.Scan(&su.PersonID, &su.PersonName, &su.OrgName, &su.How, &su.CheckedInAt, &su.CreditID)
		return su, err
	}, `SELECT s.person_id, p.name, o.name, s.how, s.checked_in_at, s.credit_id FROM activity_signups s
		JOIN people p ON p.id = s.person_id JOIN orgs o ON o.id = p.org_id
		WHERE s.activity_id = ? AND s.cancelled = FALSE ORDER BY o.path, p.name, p.id`, id)
}

// Kind is an entry of the activity kind code table.
type Kind struct{ Code, Name string }

// Kinds lists the enabled activity kinds in the code table's order.
func (s *Service) Kinds(ctx context.Context) ([]Kind, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Kind, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (Kind, error) { var k Kind; return k, r.Scan(&k.Code, &k.Name) },
			"SELECT code, name FROM dict_entries WHERE table_code = ? AND enabled = TRUE ORDER BY sort, code", TableKind)
	})
}

// MyAttendance lists the actor's attendance 学时 rows in the credit ledger,
// newest first: the record a teacher sees of the activities attended.
func (s *Service) MyAttendance(ctx context.Context, actor app.Actor) ([]credit.Entry, error) {
	if actor.PersonID == 0 {
		return nil, nil
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]credit.Entry, error) {
		return credit.FindEntries(ctx, tx, credit.Filter{PersonID: actor.PersonID, Source: SourceAttendance})
	})
}

// Organiser is one organiser the actor may name on a new activity.
type Organiser struct {
	OrgID, GroupID, StudioID, TeamID int64
	Name                             string
}

// Organisers are the actor's own organisation and its teaching groups and
// studios, and the liaison teams (联系组) the actor leads or belongs to.
func (s *Service) Organisers(ctx context.Context, actor app.Actor) ([]Organiser, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Organiser, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (Organiser, error) {
			var o Organiser
			return o, r.Scan(&o.OrgID, &o.GroupID, &o.StudioID, &o.TeamID, &o.Name)
		}, `SELECT id, 0, 0, 0, name FROM orgs WHERE id = ? AND kind <> 'teaching_point'
			UNION ALL SELECT g.org_id, g.id, 0, 0, o.name || ' ' || g.name FROM teaching_groups g JOIN orgs o ON o.id = g.org_id WHERE g.org_id = ? AND g.active = TRUE
			UNION ALL SELECT s.org_id, 0, s.id, 0, o.name || ' ' || s.name FROM studios s JOIN orgs o ON o.id = s.org_id WHERE s.org_id = ? AND s.active = TRUE
			UNION ALL SELECT p.org_id, 0, 0, t.id, p.name || '联系组（' || r.name || '）' FROM liaison_teams t JOIN people p ON p.id = t.researcher_id
				JOIN liaison_rounds r ON r.id = t.round_id WHERE r.status <> 'draft' AND (t.researcher_id = ? OR t.id IN
				(SELECT team_id FROM liaison_team_members WHERE person_id = ?))`,
			actor.OrgID, actor.OrgID, actor.OrgID, actor.PersonID, actor.PersonID)
	})
}

// FindMineBetween lists the actor's own sign-ups (not cancelled) to
// activities they may see starting on days [from, to), in time order, all
// of them: no cap, since one person's sign-ups in a window are bounded by
// their own doing (a few hundred a year at most). The ICS export reads it
// for a window its page names. It reads through the person's sign-ups.
func (s *Service) FindMineBetween(ctx context.Context, actor app.Actor, from, to string) ([]Activity, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Activity, error) {
		aud, err := audienceOf(ctx, tx, actor)
		if err != nil {
			return nil, err
		}
		where, args := visibleWhere(actor, aud)
		args = append([]any{actor.PersonID, from, to}, args...)
		return db.QueryAll(ctx, tx, scanCalendar, `SELECT a.id, a.title, a.theme, a.organiser, a.starts_at, a.ends_at, a.place,
			a.online_link, a.state FROM activity_signups su JOIN activities a ON a.id = su.activity_id
			WHERE su.person_id = ? AND su.cancelled = FALSE AND a.starts_at >= ? AND a.starts_at < ? AND `+where+" ORDER BY a.starts_at, a.id", args...)
	})
}

// scanCalendar reads the few columns a calendar cell and an ICS event show.
func scanCalendar(r db.Scanner) (Activity, error) {
	var a Activity
	err := r.Scan(&a.ID, &a.Title, &a.Theme, &a.Organiser, &a.StartsAt, &a.EndsAt, &a.Place, &a.OnlineLink, &a.State)
	return a, err
}

// ObservationFigures are a person's submitted 听课评课 records in a 学年, what
// the workload card (report) reads: lessons they observed, and their own
// 示范课 observed per 学期.
type ObservationFigures struct {
	Lessons int
	Demo    [2]int
}

// LoadObservationFigures counts person id's records in 学年 year inside the
// caller's read transaction; the caller checks scope first.
func LoadObservationFigures(ctx context.Context, tx *db.Tx, id int64, year int) (ObservationFigures, error) {
	var f ObservationFigures
	err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM observations WHERE observer_id = ? AND school_year = ? AND state = 'submitted'",
		id, year).Scan(&f.Lessons)
	for h := 1; h <= 2 && err == nil; h++ {
		err = tx.QueryRow(ctx, `SELECT COUNT(*) FROM observations WHERE teacher_id = ? AND school_year = ? AND half = ?
			AND lesson_type = 'demo' AND state = 'submitted'`, id, year, h).Scan(&f.Demo[h-1])
	}
	return f, err
}

// ObservationFiguresByPerson is LoadObservationFigures of everyone with
// records in 学年 year, in two grouped reads (for the dashboards).
func ObservationFiguresByPerson(ctx context.Context, tx *db.Tx, year int) (map[int64]ObservationFigures, error) {
	out := map[int64]ObservationFigures{}
	rows, err := tx.Query(ctx, `SELECT observer_id, 0, COUNT(*) FROM observations WHERE school_year = ? AND state = 'submitted'
		GROUP BY observer_id UNION ALL SELECT teacher_id, half, COUNT(*) FROM observations WHERE school_year = ? AND state = 'submitted'
		AND lesson_type = 'demo' GROUP BY teacher_id, half`, year, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var half, n int
		if err := rows.Scan(&id, &half, &n); err != nil {
			return nil, err
		}
		f := out[id]
		if half == 0 {
			f.Lessons = n
		} else if half <= 2 {
			f.Demo[half-1] = n
		}
		out[id] = f
	}
	return out, rows.Err()
}
