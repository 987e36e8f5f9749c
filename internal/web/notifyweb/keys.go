package notifyweb

import (
	"jiaoyan/internal/auth"
	"jiaoyan/internal/notify"
)

// notify sits below auth, so its permissions are registered here, where
// the role pages can offer them.
func init() { auth.RegisterPerms(notify.PermNames...) }
