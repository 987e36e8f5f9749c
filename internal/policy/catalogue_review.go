package policy

// The review module's rules, appended to the catalogue (and its index,
// which is built before init functions run).
func init() {
	for _, d := range []RuleDef{
		{Key: RuleContestRotationStartYear, Name: "校本研修比拼学段轮换起始学年", Unit: "学年", AppliesTo: ForContest, Kind: KindSchedule,
			Description: "该学年的比拼由中学开展，此后各学年依次由小学、幼儿园、中学轮换开展"},
	} {
		catalogue = append(catalogue, d)
		catalogueIndex[d.Key] = len(catalogue) - 1
	}
}
