package qualityweb

import (
	"context"
	"fmt"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/org"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/web"
)

// indicatorSpec is the template of the indicators import: a school by its
// 学校标识码, the 学年, and any of the three indicators in percent.
func indicatorSpec() exchange.Spec {
	cols := []exchange.Column{
		{Key: "school_code", Header: "学校标识码", Aliases: []string{"学校代码", "标识码"}, Kind: exchange.KindCode, Required: true},
		{Key: "year", Header: "学年", Kind: exchange.KindInt, Required: true, Help: "如 2025，即 2025学年"},
	}
	for _, k := range quality.IndicatorOrder {
		cols = append(cols, exchange.Column{Key: k, Header: quality.IndicatorNames[k] + "（%）", Aliases: []string{quality.IndicatorNames[k]},
			Kind: exchange.KindDecimal, Help: "0 到 100，可留空"})
	}
	return exchange.Spec{Name: "学业质量指标", Note: "每行一所学校一个学年；留空的指标不导入。全部有效才会导入。", Columns: cols}
}

// ImportKinds is the indicators import at /import/quality_indicators.
func (s *module) ImportKinds() []web.ImportKind {
	return []web.ImportKind{{Key: "quality_indicators", Title: "学业质量指标", Back: "/quality/indicators", Perm: quality.PermManage,
		Spec: indicatorSpec, Import: s.importIndicators}}
}

// importIndicators reads and writes an indicators file, whole or not at all.
func (s *module) importIndicators(ctx context.Context, a app.Actor, name string, data []byte, _ org.ImportOptions) (org.ImportOutcome, error) {
	rd, err := exchange.OpenBytes(name, data, indicatorSpec(), exchange.Limits{})
	if err != nil {
		return org.ImportOutcome{Message: app.ErrorMessage(err)}, nil
	}
	defer rd.Close()
	all, errs, err := rd.All()
	if err != nil {
		return org.ImportOutcome{Message: app.ErrorMessage(err)}, nil
	}
	if len(errs) > 0 {
		return org.ImportOutcome{Message: fmt.Sprintf("文件有 %d 处错误，未导入任何数据", len(errs)), Errors: errs}, nil
	}
	var rows []quality.IndicatorRow
	for _, r := range all {
		y, _ := strconv.Atoi(r.Values["year"])
		row := quality.IndicatorRow{Row: r.Num, SchoolCode: r.Values["school_code"], Year: y, Values: map[string]float64{}}
		for _, k := range quality.IndicatorOrder {
			if v, ok := r.Values[k]; ok && v != "" {
				row.Values[k], _ = strconv.ParseFloat(v, 64) // errcheck: KindDecimal cells are normalised numbers
			}
		}
		rows = append(rows, row)
	}
	n, err := s.Quality.ImportIndicators(ctx, a, rows)
	var re quality.RowErrors
	if errorsAs(err, &re) {
		out := org.ImportOutcome{Message: fmt.Sprintf("文件有 %d 处错误，未导入任何数据", len(re.All))}
		for _, e := range re.All {
			out.Errors = append(out.Errors, exchange.RowError{Row: e.Row, Column: e.Field, Message: e.Message})
		}
		return out, nil
	}
	if err != nil {
		return org.ImportOutcome{}, err
	}
	return org.ImportOutcome{OK: true, Message: fmt.Sprintf("已导入 %d 项指标", n)}, nil
}
