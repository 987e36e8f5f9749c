package plan

import (
	"bytes"
	"os"
	"testing"
)

// xlsxSeed turns an example problem into the workbook a user would upload.
func xlsxSeed(f *testing.F, name string, p any) {
	data, err := os.ReadFile("testdata/examples/" + name)
	if err != nil {
		f.Fatal(err)
	}
	if err := decodeJSON(bytes.NewReader(data), p); err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := encode(&buf, "xlsx", p); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
}

// FuzzReviewXLSX feeds arbitrary bytes as an uploaded review workbook:
// either a Chinese error or a solvable problem, never a panic.
func FuzzReviewXLSX(f *testing.F) {
	xlsxSeed(f, "review.json", &ReviewProblem{})
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p ReviewProblem
		if err := decodeXLSX(bytes.NewReader(data), &p); err != nil {
			mustBeChineseError(t, err)
			return
		}
		if _, err := SolveReview(&p); err != nil {
			mustBeChineseError(t, err)
		}
	})
}

// FuzzRotationXLSX is FuzzReviewXLSX for station rotation workbooks.
func FuzzRotationXLSX(f *testing.F) {
	xlsxSeed(f, "rotation.json", &RotationProblem{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var p RotationProblem
		if err := decodeXLSX(bytes.NewReader(data), &p); err != nil {
			mustBeChineseError(t, err)
			return
		}
		if _, err := SolveRotation(&p); err != nil {
			mustBeChineseError(t, err)
		}
	})
}
