package trainingweb

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/exchange"
)

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// standingSpec is the columns of the standing export.
func standingSpec() exchange.Spec {
	return exchange.Spec{Name: "学分达标", Columns: []exchange.Column{
		{Header: "学校", Width: 24}, {Header: "姓名", Width: 10}, {Header: "本周期已认定学分", Kind: exchange.KindDecimal},
		{Header: "周期要求", Kind: exchange.KindDecimal}, {Header: "本学年学分", Kind: exchange.KindDecimal},
		{Header: "每年要求", Kind: exchange.KindDecimal}, {Header: "低于每年要求"}, {Header: "本周期尚差", Kind: exchange.KindDecimal}, {Header: "达标情况", Width: 60},
	}}
}

// transcriptSpec is the columns of a transcript export.
func transcriptSpec() exchange.Spec {
	return exchange.Spec{Name: "学分证明", Columns: []exchange.Column{
		{Header: "学年"}, {Header: "日期"}, {Header: "类别"}, {Header: "级别"}, {Header: "项目", Width: 36},
		{Header: "学时", Kind: exchange.KindDecimal}, {Header: "学分", Kind: exchange.KindDecimal}, {Header: "来源"},
	}}
}

// formFloat reads a decimal field; a blank or bad value is NaN, which the
// service refuses with the field's message.
func formFloat(r *http.Request, k string) float64 {
	s := strings.TrimSpace(r.FormValue(k))
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

func parseFloat(s string) float64 {
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// claimSpec is the columns of the claims export.
func claimSpec() exchange.Spec {
	return exchange.Spec{Name: "学分认定申请", Columns: []exchange.Column{
		{Header: "学校", Width: 24}, {Header: "姓名"}, {Header: "培训项目", Width: 30}, {Header: "类别"}, {Header: "级别"},
		{Header: "主办单位", Width: 24}, {Header: "开始日期", Kind: exchange.KindDate}, {Header: "结束日期", Kind: exchange.KindDate},
		{Header: "学时", Kind: exchange.KindDecimal}, {Header: "状态"}, {Header: "退回理由", Width: 30},
	}}
}
