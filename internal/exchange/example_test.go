package exchange_test

import (
	"bytes"
	"fmt"
	"io"

	"jiaoyan/internal/exchange"
)

// An import handler: open the upload, read every row, and either give the
// user their file back with the errors marked or commit all rows.
func Example() {
	spec := exchange.Spec{Name: "教师名单", Columns: []exchange.Column{
		{Key: "name", Header: "姓名", Required: true},
		{Key: "id_card", Header: "身份证号", Kind: exchange.KindID, Required: true},
		{Key: "joined", Header: "入职日期", Kind: exchange.KindDate},
	}}
	upload := []byte("姓名,身份证号,入职日期\n张三,11010519491231002X,2024.9.1\n李四,4.40106199001011E+17,2024年9月1日\n")

	rd, err := exchange.Open("教师.csv", bytes.NewReader(upload), int64(len(upload)), spec, exchange.Limits{})
	if err != nil {
		fmt.Println(err) // an *app.Error with a Chinese message
		return
	}
	defer rd.Close()
	rows, errs, err := rd.All()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Println(r.Num, r.Values["name"], r.Values["joined"])
	}
	if len(errs) > 0 {
		fmt.Println(errs.Err(rd.Layout().Titles))
		_ = exchange.ErrorReport(io.Discard, rd.Layout(), rows, errs) // offer this file for download
		return
	}
	// commit rows in one transaction, recording rd.Hash() with the batch

	// Output:
	// 2 张三 2024-09-01
	// 3 李四 2024-09-01
	// 文件中有 1 处错误，未导入任何数据；第3行“身份证号”：身份证号被 Excel 存成了数字，末尾几位已丢失，请将该列设为文本后重新填写
}
