package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
)

// KeysetPage is what a keyset-paged list knows after reading one page.
type KeysetPage struct {
	Page        int    // the page number shown (from ?page=, 1 when missing)
	Total       int    // rows in the list, exact unless Estimated or AtLeast
	Estimated   bool   // Total is an estimate (约)
	AtLeast     bool   // only "more than Total-1" is known
	More, Less  bool   // rows follow the last / precede the first
	First, Last string // cursors of the first and last row (db.PageKey.Encode)
}

// Cursors are the after= and before= cursors of a list request.
func Cursors(r *http.Request) (after, before string) {
	q := r.URL.Query()
	return q.Get("after"), q.Get("before")
}

// ExactCount reports whether the request asks for the exact count (精确计数).
func ExactCount(r *http.Request) bool { return r.URL.Query().Get("count") == "exact" }

// NewKeysetPager is the pager of a keyset-paged list: 下一页 continues after
// the last row (after=), 上一页 ends before the first (before=), every other
// query value of q kept. An estimated total links to 精确计数.
func NewKeysetPager(q url.Values, k KeysetPage) Pager {
	p := Pager{Keyset: true, Page: max(k.Page, 1), Total: k.Total, Size: PageSize, HasPrev: k.Less, HasNext: k.More}
	p.TotalText = CountText(k.Total, k.Estimated, k.AtLeast)
	if !k.Estimated && !k.AtLeast {
		p.Pages = max((k.Total+PageSize-1)/PageSize, p.Page)
	} else {
		p.Exact = linkWith(q, map[string]string{"count": "exact"})
	}
	p.Next = linkWith(q, map[string]string{"after": k.Last, "before": "", "page": strconv.Itoa(p.Page + 1)})
	if p.Page <= 2 {
		p.Prev = linkWith(q, map[string]string{"after": "", "before": "", "page": ""})
	} else {
		p.Prev = linkWith(q, map[string]string{"before": k.First, "after": "", "page": strconv.Itoa(p.Page - 1)})
	}
	return p
}

// CountText is how a list's total reads: "1234", "约 6.0 万", "2000 以上".
func CountText(n int, estimated, atLeast bool) string {
	switch {
	case atLeast:
		return strconv.Itoa(n-1) + " 以上"
	case !estimated:
		return strconv.Itoa(n)
	case n >= 10000:
		return fmt.Sprintf("约 %.1f 万", float64(n)/10000)
	default:
		return "约 " + strconv.Itoa(n)
	}
}

// linkWith is "?" and q with each key of set replaced (an empty value
// removes the key). Encode escapes every value, so it is a safe URL.
func linkWith(q url.Values, set map[string]string) template.URL {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	for k, v := range set {
		if v == "" {
			c.Del(k)
		} else {
			c.Set(k, v)
		}
	}
	return template.URL("?" + c.Encode())
}
