package reviewweb

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type roundListData struct {
	Rounds   []review.RoundItem
	Pager    web.Pager
	Phases   []string
	Statuses map[string]string
}

// roundList is the 比拼 rounds the user organises in scope (比拼轮次),
// newest 学年 first, filtered by ?year=, each linking to its round page.
func (s *module) roundList(w http.ResponseWriter, r *http.Request) {
	offset, page := web.PageOf(r)
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	list, total, err := s.Review.FindRounds(r.Context(), web.ActorOf(r), review.RoundFilter{Year: year, Limit: web.PageSize, Offset: offset})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_rounds", web.PageData("校本研修比拼", roundListData{Rounds: list,
		Pager: web.NewPager(r.URL.Query(), page, total), Phases: review.ContestPhaseNames, Statuses: review.StatusNames}))
}
