// Package exchange reads and writes the Excel (.xlsx) and CSV files that
// bureaus and schools exchange with the platform: import templates, a
// tolerant streaming reader, per-row validation errors written back into the
// user's own file, and exports that are safe to open in Excel.
//
// It knows nothing about teachers or schools: callers describe their columns
// with a Spec, and receive normalised strings keyed by Column.Key. Every
// user-facing message is Chinese and every failure is an *app.Error with Code
// app.EINVALID or app.ETOOLARGE.
//
// Sheets are read by a streaming reader of its own (OpenXLSX, XLSX.Rows): a
// byte scanner over each worksheet part as it inflates, with the
// shared-string table in one arena, so memory does not grow with the rows.
// The import Reader and the quality analysis engine both read through it.
//
// Untrusted files are bounded by Limits before any decompression: the zip
// central directory is checked against the unzip limits, a part inflating
// past its declared size is refused while read, over-long sheets are
// refused after MaxRows+1 rows, and formulas are never evaluated.
package exchange
