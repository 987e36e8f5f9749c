package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"jiaoyan/internal/audit"
)

// auditCodeRes find the action codes the Go sources write: a literal
// Action field, a literal passed to a recording helper (record,
// RecordChange, adminUpdate, auditRefusal …) or after the actor to any
// helper (setRoundStatus), an action constant, and the two codes made
// from a kind: an import batch (runImport's kind + ".import") and an
// attachment's owner (kind + ".attach" / ".detach").
var (
	actionLitRes = []*regexp.Regexp{
		regexp.MustCompile(`Action:\s*"([a-z_]+\.[a-z_]+)"`),
		regexp.MustCompile(`\b(?:record|Record\w*|adminUpdate|auditRefusal)\([^")]*?"([a-z_]+\.[a-z_]+)"`),
		// any helper handed the actor and a code; one-letter prefixes are SQL aliases (ScopeWhere(actor, "o.path"))
		regexp.MustCompile(`\bactor,[^()"]*?"([a-z_]{2,}\.[a-z_]+)"`),
		regexp.MustCompile(`\baction\w*\s*=\s*"([a-z_]+\.[a-z_]+)"`),
	}
	importKindRe = regexp.MustCompile(`runImport\(ctx,\s*actor,\s*"([a-z_]+)"`)
	ownerKindRe  = regexp.MustCompile(`attach\.Owner\{Kind:\s*"([a-z_]+)"`)
)

// TestEveryAuditActionHasAChineseName greps the sources for every action
// code written to the audit log and fails on one the auditor's page would
// show as （其他操作）.
func TestEveryAuditActionHasAChineseName(t *testing.T) {
	codes := writtenActionCodes(t)
	if len(codes) < 30 {
		t.Fatalf("found only %d action codes in the sources; the patterns no longer match the code", len(codes))
	}
	for _, code := range codes {
		if _, ok := audit.ActionName(code); !ok {
			t.Errorf("audit action %q has no Chinese name: register it in its package's labels.go", code)
		}
	}
}

// writtenActionCodes are the action codes in the non-test Go files under
// internal/ and cmd/, sorted.
func writtenActionCodes(t *testing.T) []string {
	t.Helper()
	found := map[string]bool{}
	for _, root := range []string{"../../../internal", "../../../cmd"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			b, err := os.ReadFile(path)
			for _, c := range actionCodesIn(string(b)) {
				found[c] = true
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	for c := range found {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

func actionCodesIn(src string) []string {
	var out []string
	for _, re := range actionLitRes {
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			out = append(out, m[1])
		}
	}
	for _, m := range importKindRe.FindAllStringSubmatch(src, -1) {
		out = append(out, m[1]+".import")
	}
	for _, m := range ownerKindRe.FindAllStringSubmatch(src, -1) {
		out = append(out, m[1]+".attach", m[1]+".detach")
	}
	return out
}
