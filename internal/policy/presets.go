package policy

import "fmt"

// Preset is a seed rule set (预设): the numbers one policy document states,
// each with the clause and sentence it comes from. A rule the document does
// not state is absent; a region that starts from the preset may add it.
type Preset struct {
	Key    string // stable, e.g. "wenzhou_2024_26"
	Name   string // short Chinese name shown in pickers
	Issuer string // 发文机关
	Title  string // 文件标题
	DocNo  string // 文号, "" when the document carries none
	Date   string // 成文日期 YYYY-MM-DD, "" when unknown
	Seed   string // the seed file number, "000".."004"
	Note   string // what the numbers leave out (exceptions, soft wording)
	Values []PresetValue
}

// PresetValue is one rule's value in a preset with its source.
type PresetValue struct {
	Rule   RuleKey
	Value  float64
	Clause string // e.g. "二、(二) 6."
	Quote  string // the sentence, as the document words it
	Note   string // how the value reads the sentence, when not literal
}

// Source names the document: issuer, title and 文号.
func (p Preset) Source() string {
	s := fmt.Sprintf("%s《%s》", p.Issuer, p.Title)
	if p.DocNo != "" {
		s += "（" + p.DocNo + "）"
	}
	return s
}

// Value returns the preset's value for rule key.
func (p Preset) Value(key RuleKey) (PresetValue, bool) {
	for _, v := range p.Values {
		if v.Rule == key {
			return v, true
		}
	}
	return PresetValue{}, false
}

// Presets returns the seed presets in seed order (copies).
func Presets() []Preset {
	out := make([]Preset, len(presets))
	for i, p := range presets {
		p.Values = append([]PresetValue(nil), p.Values...)
		out[i] = p
	}
	return out
}

// PresetByKey returns the preset with key.
func PresetByKey(key string) (Preset, bool) {
	for _, p := range Presets() {
		if p.Key == key {
			return p, true
		}
	}
	return Preset{}, false
}

var presets = []Preset{presetWenzhou, presetTrainingSchool, presetLinyi, presetOuhai, presetQingyuan}
