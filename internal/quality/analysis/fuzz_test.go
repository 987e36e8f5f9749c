package analysis

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadExam feeds arbitrary bytes as the 题目表: it must either load or
// fail with a message, never panic or hang.
func FuzzReadExam(f *testing.F) {
	f.Add([]byte(fixtureItems))
	f.Add([]byte("subject,item,full_marks,kind\nmath,Q1,5,subjective\n"))
	f.Add([]byte("科目,题号,满分\n数学,1,-3\n"))
	f.Add([]byte("\xef\xbb\xbf科目,题号,满分,题型\n数学,1,2,客观\n数学,1,2,客观\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "items.csv")
		os.WriteFile(path, data, 0o644)
		exam, err := ReadExam(path)
		if err != nil && err.Error() == "" {
			t.Fatal("an error without a message")
		}
		if err == nil && exam == nil {
			t.Fatal("no exam and no error")
		}
	})
}

// FuzzReadScores feeds arbitrary bytes as the 成绩表 of a fixed exam; when
// they load, the whole analysis and JSON report must run without panicking.
func FuzzReadScores(f *testing.F) {
	f.Add([]byte(fixtureScores))
	f.Add([]byte("考号,县区,学校,班级,科目,第1题,第2题,第3题\nS1,县,校,班,数学,3,0,0\n"))
	f.Add([]byte("考号,县区,学校,班级,科目,缺考,第1题,第2题,第3题\nS1,甲县,一中,1班,数学,1,,,\n"))
	f.Add([]byte("\"考号\",县区,学校,班级,科目,第1题\r\n\"S1,x\",县,校,班,语文,10\r\n"))
	dir := f.TempDir()
	itemsPath := filepath.Join(dir, "items.csv")
	os.WriteFile(itemsPath, []byte(fixtureItems), 0o644)
	f.Fuzz(func(t *testing.T, data []byte) {
		exam, err := ReadExam(itemsPath)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "scores.csv")
		os.WriteFile(path, data, 0o644)
		ds, err := ReadScores(path, exam, nil)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		r, err := Analyze(context.Background(), ds, DefaultSettings())
		if err != nil {
			return
		}
		if err := r.WriteJSON(io.Discard); err != nil {
			t.Fatalf("report of loaded scores failed: %v", err)
		}
	})
}
