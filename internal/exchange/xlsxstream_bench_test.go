package exchange

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// teacherFile is a roster of n teachers in the columns of teacherSpec,
// written as Excel writes a typed-in sheet (shared strings, number cells).
func teacherFile(b *testing.B, n int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"姓名", "身份证号", "出生日期", "职称", "工号", "是否骨干", "学时"})
	titles := []string{"三级教师", "二级教师", "一级教师", "高级教师"}
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		id := validID(fmt.Sprintf("44010619%02d0101%03d", 60+i%40, i%1000))
		row := []any{fmt.Sprintf("教师%05d", i), id, 30000 + i%9000, titles[i%4], fmt.Sprintf("T%05d", i), []string{"是", "否"}[i%2], float64(i%90) / 2}
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImportXLSX reads a 20,000-teacher roster through the import
// Reader (the path of the people and org imports): header search, merges,
// formulas, normalisation and checks of every cell.
func BenchmarkImportXLSX(b *testing.B) {
	data := teacherFile(b, 20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rd, err := OpenBytes("t.xlsx", data, teacherSpec, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		rows, _, err := rd.All()
		rd.Close()
		if err != nil || len(rows) != 20000 {
			b.Fatal(len(rows), err)
		}
	}
	b.ReportMetric(float64(20000*7)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}
