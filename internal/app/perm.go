package app

// Perm is a permission key (权限): a page or an action a role may grant.
// Each module declares its own as constants in its keys.go and registers
// them with their Chinese names (auth.RegisterPerms); code and templates
// use those constants, never a string of their own.
type Perm string

// PermDef is a permission with its Chinese name, as the role pages show it.
type PermDef struct {
	Code Perm
	Name string
}

// Perms returns a permission set holding ps, for actors built in code
// (command-line work, tests).
func Perms(ps ...Perm) map[Perm]bool {
	m := make(map[Perm]bool, len(ps))
	for _, p := range ps {
		m[p] = true
	}
	return m
}
