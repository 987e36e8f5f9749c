package liaison

// ResearcherQuery exposes the roster query to the plan test.
var ResearcherQuery = researcherQuery

var ResearcherPageQuery = researcherPageQuery
