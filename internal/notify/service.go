// Package notify keeps what the platform tells its users: 待办 (todos) that
// modules write inside their own transactions and close when the work is
// done, 通知公告 (notices) published to an audience with optional 回执, a
// per-user message inbox, and the reminders the scheduler runs. Mail, when
// configured, is the only thing ever sent outside the platform, and only for
// reminders and notices.
//
// notify knows no module: callers name recipients by user or person id, or
// resolve them with UsersAt over the account and organisation tables.
package notify

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Service reads and writes todos, notices and messages for signed-in users.
type Service struct {
	DB     *db.DB
	Now    app.Clock
	Mailer Mailer          // nil: no mail is sent
	Files  *attach.Service // notice attachments; nil: notices carry no files
	Log    *slog.Logger
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

func notFound(what string) error {
	return app.Errorf(app.ENOTFOUND, "找不到该%s，或您无权查看", what)
}

// visible reports whether an object at organisation path (with id orgID)
// lies inside scope: the same rule as auth.InScope, restated here so the
// platform floor does not depend on auth.
func visible(s app.Scope, path string, orgID int64) bool {
	if s.All {
		return true
	}
	for _, p := range s.Prefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	for _, id := range s.OrgIDs {
		if id == orgID {
			return true
		}
	}
	return false
}

var record = audit.RecordChange

func idText(id int64) string { return fmt.Sprint(id) }
