package policy

import (
	"errors"
	"fmt"
)

// failed adds what the service was doing to err, for the log; nil stays
// nil, and an app.Error inside stays visible to errors.As.
func failed(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("policy: "+format+": %w", append(args, err)...)
}

// errNotInBook is asking a RuleBook for a region it was not made for: a
// bug in the caller.
var errNotInBook = errors.New("region not in the rule book")
