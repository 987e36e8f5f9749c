package reviewweb

import (
	"context"

	"jiaoyan/internal/app"
)

type (
	ctxT   = context.Context
	actorT = app.Actor
)

// errorText is an error as the user reads it.
func errorText(err error) string { return app.ErrorMessage(err) }
