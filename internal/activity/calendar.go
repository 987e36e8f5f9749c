package activity

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// FindCalendar lists, for each day of [from, to) (YYYY-MM-DD), the first
// perDay activities the actor may see starting that day, in time order,
// and the days that have more (a month cell shows a few and "更多"); mine
// keeps only the actor's own sign-ups.
//
// It costs what it shows: the visibility of visibleWhere is split into
// branches that each seek an index with an equality ahead of starts_at
// (one per region or organisation of the actor's scope, one per audience
// ancestor, one per liaison team), and each day reads at most perDay+1
// rows of each branch; the actor's sign-ups are read once for the range.
// Nothing outside the actor's view is passed over.
func (s *Service) FindCalendar(ctx context.Context, actor app.Actor, from, to string, mine bool, perDay int) ([]Activity, map[string]bool, error) {
	start, err1 := time.Parse(time.DateOnly, from)
	end, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || end.Before(start) || end.Sub(start) > 62*24*time.Hour {
		return nil, nil, app.Invalid("month", "日期范围不正确")
	}
	perDay = max(perDay, 1)
	more := map[string]bool{}
	list, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Activity, error) {
		own, err := mySignedUp(ctx, tx, actor, from, to, mine)
		if err != nil {
			return nil, err
		}
		var q string
		var args []any
		if !mine {
			aud, err := audienceOf(ctx, tx, actor)
			if err != nil {
				return nil, err
			}
			branches, err := calendarBranches(ctx, tx, actor, aud)
			if err != nil {
				return nil, err
			}
			q, args = CalendarDayQuery(branches)
		}
		var out []Activity
		for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
			day, next := d.Format(time.DateOnly), d.AddDate(0, 0, 1).Format(time.DateOnly)
			got := ofDay(own, day)
			if q != "" {
				dayArgs := make([]any, 0, len(args)*2)
				for _, b := range args {
					dayArgs = append(append(dayArgs, day, next), b.([]any)...)
					dayArgs = append(dayArgs, perDay+1)
				}
				rows, err := db.QueryAll(ctx, tx, scanKey, q, dayArgs...)
				if err != nil {
					return nil, err
				}
				got = append(got, rows...)
			}
			got = sortUnique(got)
			if len(got) > perDay {
				got, more[day] = got[:perDay], true
			}
			out = append(out, got...)
		}
		return withRows(ctx, tx, out)
	})
	return list, more, err
}

// calendarBranch is one index-served part of what an actor may see: a
// condition with an equality on the leading column of an index whose next
// column is starts_at.
type calendarBranch struct {
	cond string
	args []any
}

// calendarBranches splits visibleWhere (without the sign-ups, read apart)
// into index-served branches. A scope prefix that is a region's path
// becomes one branch per region under it (activities_region_starts); an
// organisation's prefix or id, one per organisation path
// (activities_org); the audience, one per ancestor of the actor's
// organisation (activities_audience); a liaison team, one per team
// (activities_team). A whole-system scope is one branch on
// activities_starts.
func calendarBranches(ctx context.Context, tx *db.Tx, actor app.Actor, aud audience) ([]calendarBranch, error) {
	var out []calendarBranch
	if actor.Can(PermManage) {
		own, err := scopeBranches(ctx, tx, actor.Scope)
		if err != nil {
			return nil, err
		}
		out = append(out, own...)
	}
	match := "a.state <> 'draft' AND " + matchLiteral("a.subjects", aud.subjects) + " AND " + matchLiteral("a.stages", aud.stages)
	for _, p := range ancestors(actor.OrgPath) {
		out = append(out, calendarBranch{"a.audience_path = ? AND " + match, []any{p}})
	}
	for _, t := range aud.teams {
		out = append(out, calendarBranch{"a.team_id = ?", []any{t}})
	}
	return out, nil
}

// scopeBranches are the branches of the organisers in scope s (as
// auth.ScopeWhere on a.org_path and a.org_id).
func scopeBranches(ctx context.Context, tx *db.Tx, s app.Scope) ([]calendarBranch, error) {
	if s.All {
		return []calendarBranch{{"1 = 1", nil}}, nil
	}
	var out []calendarBranch
	for _, p := range s.Prefixes {
		codes, err := db.QueryAll(ctx, tx, scanString, "SELECT code FROM regions WHERE path LIKE ? ORDER BY code", p+"%")
		if err != nil {
			return nil, err
		}
		if len(codes) > 0 { // a region: its activities are those of its regions
			for _, c := range codes {
				out = append(out, calendarBranch{"a.region_code = ?", []any{c}}) // an organiser's path starts with its region's
			}
			continue
		}
		paths, err := db.QueryAll(ctx, tx, scanString, "SELECT path FROM orgs WHERE path LIKE ? ORDER BY path", p+"%")
		if err != nil {
			return nil, err
		}
		for _, path := range paths {
			out = append(out, calendarBranch{"a.org_path = ?", []any{path}})
		}
	}
	if len(s.OrgIDs) > 0 {
		paths, err := db.QueryAll(ctx, tx, func(r db.Scanner) (calendarBranch, error) {
			var b calendarBranch
			var path string
			var id int64
			err := r.Scan(&path, &id)
			b.cond, b.args = "a.org_path = ? AND a.org_id = ?", []any{path, id}
			return b, err
		}, "SELECT path, id FROM orgs WHERE id IN ("+db.In(len(s.OrgIDs))+") ORDER BY id", int64Args(s.OrgIDs)...)
		if err != nil {
			return nil, err
		}
		out = append(out, paths...)
	}
	return out, nil
}

// matchLiteral is matchWhere with the patterns written into the SQL: on
// SQLite a LIKE whose pattern is a bound parameter makes the statement
// prepare again at every new binding, which is every day of a calendar.
// The values are stored subject names and stage codes, quoted here.
func matchLiteral(col string, values []string) string {
	conds := []string{col + " = ''"}
	for _, v := range values {
		conds = append(conds, col+" LIKE '%,"+strings.ReplaceAll(v, "'", "''")+",%'")
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}

// scanKey reads an activity's place in time order (id, starts_at).
func scanKey(r db.Scanner) (Activity, error) {
	var a Activity
	return a, r.Scan(&a.ID, &a.StartsAt)
}

// withRows fills in the calendar columns of the keys in list (those with
// only an id and a start), in one read by id: the day reads return keys,
// so only the rows shown are read whole.
func withRows(ctx context.Context, tx *db.Tx, list []Activity) ([]Activity, error) {
	var ids []any
	for _, a := range list {
		if a.Title == "" {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return list, nil
	}
	rows, err := db.QueryAll(ctx, tx, scanCalendar, "SELECT "+calendarColumns+" FROM activities a WHERE a.id IN ("+db.In(len(ids))+")", ids...)
	byID := make(map[int64]Activity, len(rows))
	for _, a := range rows {
		byID[a.ID] = a
	}
	for i, a := range list {
		if full, ok := byID[a.ID]; ok {
			list[i] = full
		}
	}
	return list, err
}

func scanString(r db.Scanner) (string, error) {
	var s string
	return s, r.Scan(&s)
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// CalendarDayQuery is the read of one day of the branches: each branch
// its first keys (id, starts_at) of [day, next) by (starts_at, id), all
// put together. Its
// arguments per branch are day, next, the branch's own and the limit;
// the second result holds each branch's own arguments ([]any each).
func CalendarDayQuery(branches []calendarBranch) (string, []any) {
	if len(branches) == 0 {
		return "", nil
	}
	parts := make([]string, len(branches))
	args := make([]any, len(branches))
	for i, b := range branches {
		parts[i] = "SELECT * FROM (SELECT a.id, a.starts_at FROM activities a WHERE a.starts_at >= ? AND a.starts_at < ? AND " +
			b.cond + " ORDER BY a.starts_at, a.id LIMIT ?) b" + strconv.Itoa(i)
		args[i] = b.args
	}
	return strings.Join(parts, " UNION ALL "), args
}

const calendarColumns = "a.id, a.title, a.theme, a.organiser, a.starts_at, a.ends_at, a.place, a.online_link, a.state"

// mySignedUp reads the actor's own sign-ups starting in [from, to) in one
// read of their sign-ups (active ones only when mine: a cancelled sign-up
// still lets one see the activity, but it is not one's own calendar).
func mySignedUp(ctx context.Context, tx *db.Tx, actor app.Actor, from, to string, mine bool) ([]Activity, error) {
	if actor.PersonID == 0 {
		return nil, nil
	}
	active := ""
	if mine {
		active = " AND s.cancelled = FALSE"
	}
	return db.QueryAll(ctx, tx, scanCalendar, signedUpQuery(active), actor.PersonID, from, to)
}

// signedUpQuery reads a person's sign-ups (and cond) starting in a range:
// their sign-ups by activity_signups_person, each activity by id.
func signedUpQuery(cond string) string {
	return "SELECT " + calendarColumns + ` FROM activity_signups s CROSS JOIN activities a
		WHERE s.person_id = ?` + cond + ` AND a.id = s.activity_id AND a.starts_at >= ? AND a.starts_at < ?
		ORDER BY a.starts_at, a.id`
}

// ofDay are the activities of list starting on day.
func ofDay(list []Activity, day string) []Activity {
	var out []Activity
	for _, a := range list {
		if strings.HasPrefix(a.StartsAt, day) {
			out = append(out, a)
		}
	}
	return out
}

// sortUnique sorts list by (starts_at, id) and drops repeats.
func sortUnique(list []Activity) []Activity {
	slices.SortFunc(list, func(a, b Activity) int {
		if c := strings.Compare(a.StartsAt, b.StartsAt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return slices.CompactFunc(list, func(a, b Activity) bool { return a.ID == b.ID })
}
