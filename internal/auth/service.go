package auth

import (
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/secret"
)

// Policy is the sign-in profile; every value comes from config.Security.
type Policy struct {
	Rule             PasswordRule
	PasswordMaxAge   time.Duration
	LockoutFailures  int
	LockoutDuration  time.Duration
	IPFailures       int
	IPWindow         time.Duration
	IdleTimeout      time.Duration
	AbsoluteTimeout  time.Duration
	RequireAdminTOTP bool
	HistoryDepth     int // the last N passwords may not be reused
}

// Service signs users in and manages accounts and roles.
type Service struct {
	DB     *db.DB
	Keys   *secret.Keys
	Hasher *Hasher
	Policy Policy
	Now    app.Clock
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
