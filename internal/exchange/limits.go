package exchange

// Limits bounds the work an uploaded file may cause. Zero fields take the
// defaults of DefaultLimits; callers normally pass Limits{}.
type Limits struct {
	MaxFileBytes      int64 // size of the upload itself
	MaxRows           int   // data rows in a sheet or CSV (blank rows not counted)
	MaxCols           int   // columns in the header row
	UnzipSizeLimit    int64 // total uncompressed size of an .xlsx
	UnzipXMLSizeLimit int64 // uncompressed size of any one part of an .xlsx
	MaxErrors         int   // row errors collected before an import stops listing them
}

// MsgTooManyErrors says that only the first MaxErrors errors are listed;
// it takes the cap twice.
const MsgTooManyErrors = "错误超过 %d 处，只列出前 %d 处；请修正后重新导入"

// DefaultLimits are the limits used for any zero field of a Limits value.
var DefaultLimits = Limits{
	MaxFileBytes:      20 << 20,
	MaxRows:           200_000,
	MaxCols:           200,
	UnzipSizeLimit:    200 << 20,
	UnzipXMLSizeLimit: 100 << 20,
	MaxErrors:         1000,
}

// WithDefaults returns l with every non-positive field replaced by its default,
// and the XML part limit capped at the total limit.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxCols <= 0 {
		l.MaxCols = d.MaxCols
	}
	if l.UnzipSizeLimit <= 0 {
		l.UnzipSizeLimit = d.UnzipSizeLimit
	}
	if l.UnzipXMLSizeLimit <= 0 {
		l.UnzipXMLSizeLimit = d.UnzipXMLSizeLimit
	}
	if l.MaxErrors <= 0 {
		l.MaxErrors = d.MaxErrors
	}
	l.UnzipXMLSizeLimit = min(l.UnzipXMLSizeLimit, l.UnzipSizeLimit)
	return l
}
