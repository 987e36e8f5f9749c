package auth

import (
	"regexp"
	"time"

	"jiaoyan/internal/app"
)

// User is a sign-in account (账号), tied to a person except for the 三员
// administrator accounts created from the command line.
type User struct {
	ID          int64
	Username    string
	PersonID    int64
	PersonName  string
	OrgName     string
	OrgPath     string
	OrgID       int64
	Roles       []Role
	MustChange  bool
	TOTPEnabled bool
	Active      bool
	Locked      bool
	LockedUntil time.Time
	LastLogin   time.Time
	Version     int
}

// RoleNames joins the Chinese names of the user's roles.
func (u User) RoleNames() string {
	s := ""
	for i, r := range u.Roles {
		if i > 0 {
			s += "、"
		}
		s += r.Name
	}
	return s
}

var usernameRE = regexp.MustCompile(`^[A-Za-z0-9_.@-]{3,40}$`)

// ValidateUsername checks the 3-40 character rule for sign-in names.
func ValidateUsername(u string) error {
	if !usernameRE.MatchString(u) {
		return app.Invalid("username", "用户名应为 3-40 位字母、数字或 _ . @ -")
	}
	return nil
}

// AccountInput is what an administrator fills in to open an account.
type AccountInput struct {
	PersonID int64
	Username string
	Password string // initial password; the user must change it at first sign-in
	Roles    []string
}
