package analysis

import (
	"errors"
	"io"
)

// WriteXLSX writes the printable report.
func (r *Report) WriteXLSX(w io.Writer) error { return errors.New("todo") }
