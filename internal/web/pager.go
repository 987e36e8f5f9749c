package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
)

// Pager is the page-number state of a list. Prev and Next are complete
// relative links ("?q=…&page=2"): every query value of the current request
// kept, only page replaced, safe to render in an href as they are.
type Pager struct {
	Page, Pages, Total, Size int
	Prev, Next               template.URL
	// A keyset pager (NewKeysetPager) says which links exist, and its total
	// as text (约 6.0 万) with the 精确计数 link when estimated.
	Keyset           bool
	HasPrev, HasNext bool
	TotalText        string
	Exact            template.URL
}

// PageSize is the number of rows on one page of every list.
const PageSize = 50

// PageOf reads ?page= (1 when missing or bad) and returns the offset of its
// first row.
func PageOf(r *http.Request) (offset int, page int) {
	page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	if page < 1 {
		page = 1
	}
	return (page - 1) * PageSize, page
}

// NewPager is the pager of page of total rows, linking with the filters of
// q kept.
func NewPager(q url.Values, page, total int) Pager {
	p := Pager{Page: page, Total: total, Size: PageSize, Pages: (total + PageSize - 1) / PageSize}
	p.Prev, p.Next = pageLink(q, page-1), pageLink(q, page+1)
	return p
}

// pageLink is "?" and q with page set to n. Encode escapes every value, so
// the link can carry no markup or scheme: it is safe as a template.URL.
func pageLink(q url.Values, n int) template.URL {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set("page", strconv.Itoa(n))
	return template.URL("?" + c.Encode())
}
