package auth

import "jiaoyan/internal/notify"

// The built-in roles hold notify's permission, so its name must be known
// wherever auth is (role pages, KnownPerm when a role is saved), not only
// where notifyweb is linked in.
func init() { RegisterPerms(notify.PermNames...) }
