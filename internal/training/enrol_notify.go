package training

import (
	"context"
	"fmt"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
)

// enrolTodo is the organiser's 待办 while a program has assigned or
// nominated people waiting for approval; one per program and approver.
func enrolTodo(p Program) notify.Todo {
	return notify.Todo{Key: enrolTodoKey(p.ID), Source: "培训项目", Title: "审核培训报名：" + p.Title,
		Link: fmt.Sprintf("/programs/%d", p.ID)}
}

func enrolTodoKey(id int64) string { return fmt.Sprintf("program:%d:enrol", id) }

// askOrganisers gives the program's organisers (the city or county
// administrators of its region's bureau and research office) the approval
// 待办, inside tx.
func askOrganisers(ctx context.Context, tx *db.Tx, p Program) error {
	orgs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "SELECT id FROM orgs WHERE region_code = ? AND kind IN ('bureau', 'research_office') AND active = TRUE ORDER BY id", p.RegionCode)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		users, err := notify.UsersAt(ctx, tx, o, auth.RoleCityAdmin, auth.RoleCountyAdmin)
		if err != nil {
			return err
		}
		if err := notify.AddTodos(ctx, tx, users, enrolTodo(p)); err != nil {
			return err
		}
	}
	return nil
}

// settleEnrolTodo closes the approval 待办 once nothing waits.
func settleEnrolTodo(ctx context.Context, tx *db.Tx, programID int64) error {
	var waiting int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_enrolments WHERE program_id = ? AND state = 'pending'",
		programID).Scan(&waiting); err != nil || waiting > 0 {
		return err
	}
	_, err := notify.CloseTodos(ctx, tx, enrolTodoKey(programID))
	return err
}

// tellEnrolment sends the person the organiser's decision, if they have an
// account.
func tellEnrolment(ctx context.Context, tx *db.Tx, p Program, personID int64, approve bool, reason string) error {
	uid, ok, err := notify.UserOfPerson(ctx, tx, personID)
	if err != nil || !ok {
		return err
	}
	m := notify.Message{UserID: uid, Title: "培训报名：已录取", Body: "您已被「" + p.Title + "」录取。",
		Link: fmt.Sprintf("/programs/%d", p.ID)}
	if !approve {
		m.Title, m.Body = "培训报名：未录取", "「"+p.Title+"」未录取您的报名，理由："+reason
	}
	_, err = notify.Send(ctx, tx, m)
	return err
}
