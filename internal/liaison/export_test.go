package liaison

// ResearcherQuery exposes the roster query to the plan test.
var ResearcherQuery = researcherQuery

var ResearcherPageQuery = researcherPageQuery

// CandidateQuery and BackboneQuery are the team planner's reads of people.
const CandidateQuery, BackboneQuery = candidateQuery, backboneQuery
