package policy

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"

	"jiaoyan/internal/db"
)

// RuleBook is the rules in force of several regions in one 学年, read in
// one transaction (through the process's rule cache): for a page that
// checks the same few rules for hundreds of people, one read instead of a
// transaction per check.
type RuleBook struct {
	year  int
	rules map[string][]RuleInForce
}

// RuleBook resolves the rules in force of each region in codes for
// schoolYear. It is for modules, which have already checked their caller's
// scope. Returns EINVALID for a bad 学年, ENOTFOUND for an unknown region.
func (s *Service) RuleBook(ctx context.Context, codes []string, schoolYear int) (RuleBook, error) {
	b := RuleBook{year: schoolYear, rules: map[string][]RuleInForce{}}
	if err := validYear(schoolYear); err != nil {
		return b, err
	}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		version, err := policyVersion(ctx, tx)
		if err != nil {
			return err
		}
		for _, c := range codes {
			if _, done := b.rules[c]; done {
				continue
			}
			if b.rules[c], err = rulesAt(ctx, tx, s.DB, version, c, schoolYear); err != nil {
				return err
			}
		}
		return nil
	})
	return b, failed(err, "rule book of %d regions in %d", len(codes), schoolYear)
}

// Fingerprint is a digest of every rule the book holds, value, source and
// wording included: two books of the same regions and 学年 have the same
// fingerprint exactly when nothing a check reads differs. A page kept past
// a policy_version move uses it to tell whether the move touched its
// regions at all.
func (b RuleBook) Fingerprint() string {
	codes := b.Regions()
	h := sha256.New()
	fmt.Fprintf(h, "%d\n", b.year)
	for _, c := range codes {
		fmt.Fprintf(h, "%s\n", c)
		for _, r := range b.rules[c] {
			fmt.Fprintf(h, "%+v\n", r)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// Regions are the region codes the book holds, sorted.
func (b RuleBook) Regions() []string {
	codes := make([]string, 0, len(b.rules))
	for c := range b.rules {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// Year is the 学年 the book holds.
func (b RuleBook) Year() int { return b.year }

// ValueFor is Service.ValueFor read from the book: the value of ruleKey in
// force for regionCode, ok false when no region in its chain has set it.
// Returns EINVALID for an unknown rule or a region the book was not made
// for.
func (b RuleBook) ValueFor(regionCode string, ruleKey RuleKey) (float64, bool, error) {
	if _, ok := Def(ruleKey); !ok {
		return 0, false, unknownRule(ruleKey)
	}
	rs, ok := b.rules[regionCode]
	if !ok {
		return 0, false, failed(errNotInBook, "region %s", regionCode)
	}
	r, ok := pick(rs, ruleKey)
	return r.Value, ok, nil
}

// Check is Service.Check read from the book.
func (b RuleBook) Check(regionCode string, ruleKey RuleKey, measured float64) (Result, error) {
	v, ok, err := b.ValueFor(regionCode, ruleKey)
	if err != nil {
		return Result{}, err
	}
	def, _ := Def(ruleKey)
	if !ok {
		return Result{Rule: def, Measured: measured, Met: true, Text: NotSetText(def)}, nil
	}
	return Evaluate(def, v, measured), nil
}
