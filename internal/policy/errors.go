package policy

import "fmt"

// failed adds what the service was doing to err, for the log; nil stays
// nil, and an app.Error inside stays visible to errors.As.
func failed(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("policy: "+format+": %w", append(args, err)...)
}
