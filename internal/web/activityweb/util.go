package activityweb

import (
	"errors"

	"jiaoyan/internal/app"
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
