package app

import "time"

// Scope kinds (数据范围) a role carries.
const (
	ScopeAll     = "all"     // 全部
	ScopeSubtree = "subtree" // 本级及下级
	ScopeOrg     = "org"     // 本级
	ScopeSelf    = "self"    // 仅本人
	ScopeCustom  = "custom"  // 自定义
)

// ScopeNames maps a scope kind to its Chinese name.
var ScopeNames = map[string]string{
	ScopeAll: "全部", ScopeSubtree: "本级及下级", ScopeOrg: "本级", ScopeSelf: "仅本人", ScopeCustom: "自定义",
}

// Scope is the resolved data scope of an Actor: the union of its roles'
// scopes. An object is visible when All is set, or its organisation path
// starts with one of Prefixes, or its organisation is in OrgIDs, or it is
// the person SelfPersonID.
type Scope struct {
	All          bool
	Prefixes     []string
	OrgIDs       []int64
	SelfPersonID int64
}

// Empty reports whether the scope lets nothing through.
func (s Scope) Empty() bool {
	return !s.All && len(s.Prefixes) == 0 && len(s.OrgIDs) == 0 && s.SelfPersonID == 0
}

// Actor is whoever is calling a service: a signed-in user, or the system
// itself for command-line work. Services take it as their first argument
// after the context and enforce Perms and Scope themselves.
type Actor struct {
	UserID    int64
	Username  string
	PersonID  int64 // 0 for accounts not tied to a person (the 三员 accounts)
	OrgID     int64
	OrgPath   string
	Roles     []string // role codes
	Perms     map[Perm]bool
	Scope     Scope
	IP        string
	UserAgent string
}

// Can reports whether the actor holds permission p.
func (a Actor) Can(p Perm) bool { return a.Perms[p] }

// HasRole reports whether the actor holds the role with the given code.
func (a Actor) HasRole(code string) bool {
	for _, r := range a.Roles {
		if r == code {
			return true
		}
	}
	return false
}

// Require returns EFORBIDDEN unless the actor holds permission p.
func (a Actor) Require(p Perm) error {
	if a.Can(p) {
		return nil
	}
	return Errorf(EFORBIDDEN, "您没有执行此操作的权限")
}

// System returns an actor for command-line and start-up work: every
// permission is granted by the caller-supplied list and the scope is 全部.
func System(name string, perms ...Perm) Actor {
	return Actor{Username: name, Perms: Perms(perms...), Scope: Scope{All: true}, IP: "本机"}
}

// Clock tells the time; tests replace it.
type Clock func() time.Time

// Now is the real clock.
var Now Clock = time.Now
