package activityweb

import (
	"errors"

	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

// appMessage is the Chinese message of an application error, or a generic
// one for anything else.
func appMessage(err error) string {
	var e *app.Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return "保存失败，请稍后重试"
}

// pagedList is one page of a list with its pager.
type pagedList[T any] struct {
	List  []T
	Pager web.Pager
}
