package exchange

// source yields the rows of one sheet or CSV file in order. next returns the
// 1-based row number in the user's file and the cells as read (not yet
// normalised); it returns io.EOF after the last row.
type source interface {
	next() (num int, cells []string, err error)
	close() error
}

// bufferedRow is a row read ahead while looking for the header.
type bufferedRow struct {
	num   int
	cells []string
}

// isBlank reports whether every cell is empty after normalisation.
func isBlank(cells []string) bool {
	for _, c := range cells {
		if !blankText(c) {
			return false
		}
	}
	return true
}
