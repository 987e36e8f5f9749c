package archtest

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"
	"testing"
)

// keyTypes are the key types whose values only a keys.go may spell out.
var keyTypes = map[string]bool{mod + "app.Perm": true, mod + "policy.RuleKey": true}

// pendingKeys are packages still moving their keys into keys.go (issue 11).
var pendingKeys = map[string]string{}

// TestKeysAreConstants fails on a string literal used as a permission or a
// rule key outside a keys.go (tests aside): `a.Can("org.edit")` compiles,
// and so would its typo; `a.Can(auth.PermOrgEdit)` does not.
func TestKeysAreConstants(t *testing.T) {
	pkgs, lookup := typedPackages(t, "jiaoyan/...", mod)
	for _, p := range pkgs {
		if why, ok := pendingKeys[p.path]; ok {
			t.Logf("%s not checked yet: %s", p.path, why)
			continue
		}
		for _, f := range checkPackage(t, p, lookup, keyLiterals) {
			t.Error(f)
		}
	}
}

func keyLiterals(fset *token.FileSet, f *ast.File, info *types.Info) []string {
	name := fset.Position(f.Pos()).Filename
	// keys_<module>.go: a module's own rule keys in policy (common rules for helpers).
	if base := filepath.Base(name); base == "keys.go" || strings.HasPrefix(base, "keys_") && !strings.HasSuffix(base, "_test.go") {
		return nil
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING || lit.Value == `""` {
			return true
		}
		if named, ok := info.Types[lit].Type.(*types.Named); ok && keyTypes[named.Obj().Pkg().Path()+"."+named.Obj().Name()] {
			out = append(out, fmt.Sprintf("%s: %s is a %s spelled out; use the constant from the owning keys.go",
				fset.Position(lit.Pos()), lit.Value, named.Obj().Name()))
		}
		return true
	})
	return out
}
