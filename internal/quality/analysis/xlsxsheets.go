package analysis

import (
	"fmt"
	"strings"
)

func (r *Report) notesSheet() xlsxSheet {
	s := r.Settings
	lines := [][2]string{
		{"考生人数", fmt.Sprint(len(r.Data.Students))},
		{"科目", strings.Join(r.Names[:len(r.Data.Subjects)], "、")},
		{"及格线 / 良好线 / 优秀线", fmt.Sprintf("满分的 %g%% / %g%% / %g%%（得分达到即计入）", 100*s.PassShare, 100*s.GoodShare, 100*s.ExcellentShare)},
		{"低分线", fmt.Sprintf("低于满分的 %g%%", 100*s.LowShare)},
		{"分数段", fmt.Sprintf("每段 %g 分，含下限不含上限，满分计入最高段", s.BandWidth)},
		{"临界生", fmt.Sprintf("低于及格/良好/优秀线不超过 %g 分", s.CriticalBand)},
		{"标准差", "总体标准差（除以 n）"},
		{"中位数、四分位数", "线性插值法（与 Excel QUARTILE.INC 相同）"},
		{"超均率", "（本组平均分 − 上一级平均分）÷ 上一级平均分"},
		{"标准分", "50 + 10 ×（本组平均分 − 全区平均分）÷ 全区考生标准差"},
		{"缺考", "标记缺考的考生不计入该科统计；总分只统计各科均有成绩的考生"},
		{"增值评价", fmt.Sprintf("人数少于 %d 人的学校、班级不报告", s.MinGroupVA)},
		{"说明", "本报告不含学生个人排名（未成年人学校保护规定）；各项定义详见质量分析说明文档"},
	}
	return xlsxSheet{name: "说明", title: "质量分析报告说明",
		cols: []xlsxCol{{"项目", colText, 24}, {"说明", colText, 90}},
		rows: func(emit func(...any) error) error {
			for _, l := range lines {
				if err := emit(l[0], l[1]); err != nil {
					return err
				}
			}
			return nil
		}}
}

func (r *Report) levelSheet(l Level) xlsxSheet {
	cols := []xlsxCol{{"县区", colText, 12}, {"学校", colText, 16}, {"班级", colText, 8}, {"科目", colText, 8},
		{"实考人数", colInt, 9}, {"缺考人数", colInt, 9}, {"平均分", colScore, 9}, {"标准差", colScore, 9},
		{"最高分", colScore, 8}, {"最低分", colScore, 8}, {"中位数", colScore, 8}, {"下四分位数", colScore, 10},
		{"上四分位数", colScore, 10}, {"及格率", colRate, 9}, {"良好率", colRate, 9}, {"优秀率", colRate, 9},
		{"低分率", colRate, 9}, {"超均率", colRate, 9}, {"标准分", colScore, 8},
		{"及格临界生", colInt, 9}, {"良好临界生", colInt, 9}, {"优秀临界生", colInt, 9}}
	return xlsxSheet{name: levelNamesZh[l], title: "质量分析——" + levelNamesZh[l], cols: cols,
		rows: func(emit func(...any) error) error {
			from := r.groupBase[l]
			to := from + r.Data.numGroups(l)*len(r.Names)
			for i := from; i < to; i++ {
				g := &r.Groups[i]
				c, s, k := r.Data.groupNames(g.Level, g.Group)
				if err := emit(c, s, k, r.Names[g.V], g.N, g.Absent, g.Mean, g.SD, g.Max, g.Min, g.Median,
					g.Q1, g.Q3, g.PassRate, g.GoodRate, g.ExcellentRate, g.LowRate, g.OverMeanRate, g.TScore,
					g.Critical[0], g.Critical[1], g.Critical[2]); err != nil {
					return err
				}
			}
			return nil
		}}
}

func (r *Report) itemSheet() xlsxSheet {
	cols := []xlsxCol{{"科目", colText, 8}, {"题号", colText, 6}, {"题型", colText, 6}, {"满分", colScore, 6},
		{"平均分", colScore, 8}, {"难度(得分率)", colCoef, 10}, {"区分度", colCoef, 8}, {"点二列相关", colCoef, 10},
		{"校正题总相关", colCoef, 11}, {"未作答率", colRate, 9}, {"知识点", colText, 20}, {"能力层级", colText, 9},
		{"答案", colText, 6}, {"选项选择率", colText, 30}}
	return xlsxSheet{name: "小题分析", title: "小题分析（全区）", cols: cols,
		rows: func(emit func(...any) error) error {
			for s, items := range r.Data.Exam.Subjects {
				for j := range items.Items {
					it, st := &items.Items[j], &r.Items[s][j]
					if err := emit(r.Names[s], it.Name, [...]string{"主观", "客观"}[it.Kind], float64(it.Full)/2,
						st.Mean, st.Difficulty, st.Discrimination, st.PointBiserial, st.CorrectedR, st.BlankRate,
						strings.Join(it.Knowledge, "、"), it.Ability, it.Key, optionText(it, st)); err != nil {
						return err
					}
				}
			}
			return nil
		}}
}

// optionText renders option rates as "A 12.3%  B 60.1% ...".
func optionText(it *Item, st *ItemStat) string {
	var b strings.Builder
	for o, rate := range st.OptionRates {
		if o > 0 {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, "%c %.1f%%", it.Options[o], 100*rate)
	}
	return b.String()
}

func (r *Report) reliabilitySheet() xlsxSheet {
	cols := []xlsxCol{{"科目", colText, 8}, {"人数", colInt, 8}, {"小题数", colInt, 8}, {"方法", colText, 8},
		{"信度系数", colCoef, 10}, {"分半信度(斯皮尔曼-布朗)", colCoef, 14}}
	return xlsxSheet{name: "信度", title: "试卷信度", cols: cols,
		rows: func(emit func(...any) error) error {
			for s, st := range r.Subjects {
				method := "α系数"
				if st.Method == "KR-20" {
					method = "KR-20"
				}
				if err := emit(r.Names[s], st.N, len(r.Items[s]), method, st.Alpha, st.SplitHalf); err != nil {
					return err
				}
			}
			return nil
		}}
}

func (r *Report) knowledgeSheet() xlsxSheet {
	cols := []xlsxCol{{"县区", colText, 12}, {"学校", colText, 16}, {"科目", colText, 8}, {"类别", colText, 8},
		{"知识点/能力层级", colText, 20}, {"得分率", colRate, 10}}
	return xlsxSheet{name: "知识点", title: "知识点与能力层级得分率（全区、县区、学校）", cols: cols,
		rows: func(emit func(...any) error) error {
			for l := Region; l <= School; l++ {
				for g := 0; g < r.Data.numGroups(l); g++ {
					c, sch, _ := r.Data.groupNames(l, int32(g))
					for s := range r.Data.Subjects {
						gs := r.group(l, int32(g), s)
						for _, part := range []struct {
							kind  string
							names []string
							rates []float64
						}{{"知识点", r.Knowledge[s], r.KnowledgeRates(gs)}, {"能力层级", r.Ability[s], r.AbilityRates(gs)}} {
							for i, n := range part.names {
								if err := emit(c, sch, r.Names[s], part.kind, n, part.rates[i]); err != nil {
									return err
								}
							}
						}
					}
				}
			}
			return nil
		}}
}

func (r *Report) valueSheet() xlsxSheet {
	cols := []xlsxCol{{"层级", colText, 6}, {"县区", colText, 12}, {"学校", colText, 16}, {"班级", colText, 8},
		{"科目", colText, 8}, {"人数", colInt, 8}, {"增值(残差均值)", colCoef, 12}, {"95%下限", colCoef, 10},
		{"95%上限", colCoef, 10}, {"收缩估计", colCoef, 10}, {"备注", colText, 16}}
	return xlsxSheet{name: "增值评价", title: "增值评价（单位：标准分 z）", cols: cols,
		rows: func(emit func(...any) error) error {
			for i := range r.Value {
				v := &r.Value[i]
				c, s, k := r.Data.groupNames(v.Level, v.Group)
				note := ""
				if v.Suppressed {
					note = fmt.Sprintf("人数不足%d人，不报告", r.Settings.MinGroupVA)
				}
				if err := emit(levelNamesZh[v.Level], c, s, k, r.Names[v.Subject], v.N, v.ResidualMean,
					v.CILow, v.CIHigh, v.Shrunken, note); err != nil {
					return err
				}
			}
			return nil
		}}
}

// bandSheet lists the score bands of the region and the counties, one row per
// band, highest band first, with the cumulative count from the top.
func (r *Report) bandSheet() xlsxSheet {
	cols := []xlsxCol{{"县区", colText, 12}, {"科目", colText, 8}, {"分数段", colText, 14},
		{"人数", colInt, 8}, {"占比", colRate, 9}, {"累计人数", colInt, 9}, {"累计占比", colRate, 9}}
	return xlsxSheet{name: "分数段", title: "分数段统计（全区、县区）", cols: cols,
		rows: func(emit func(...any) error) error {
			for l := Region; l <= County; l++ {
				for g := 0; g < r.Data.numGroups(l); g++ {
					for v := range r.Names {
						if err := r.emitBands(emit, r.group(l, int32(g), v)); err != nil {
							return err
						}
					}
				}
			}
			return nil
		}}
}

func (r *Report) emitBands(emit func(...any) error, gs *GroupStat) error {
	county, _, _ := r.Data.groupNames(gs.Level, gs.Group)
	if gs.Level == Region {
		county = "全区"
	}
	edges := r.bandEdges(gs.V)
	var cum int32
	for k := len(gs.Bands) - 1; k >= 0; k-- {
		label := fmt.Sprintf("%g–%g", edges[k], edges[k+1])
		if k == len(gs.Bands)-1 {
			label = fmt.Sprintf("%g–%g（含满分）", edges[k], edges[k+1])
		}
		cum += gs.Bands[k]
		n := float64(max(gs.N, 1))
		if err := emit(county, r.Names[gs.V], label, gs.Bands[k], float64(gs.Bands[k])/n, cum, float64(cum)/n); err != nil {
			return err
		}
	}
	return nil
}
