package demo

import (
	"fmt"
	"math/rand/v2"
)

// namer makes school names the way Chinese schools are named and keeps them
// unique across the region (imports match organisations by name too).
type namer struct {
	used    map[string]bool
	ordinal map[string]int // per county and series: the next 第N
}

func newNamer() *namer { return &namer{used: map[string]bool{}, ordinal: map[string]int{}} }

// take reserves name if it is free.
func (n *namer) take(name string) bool {
	if n.used[name] {
		return false
	}
	n.used[name] = true
	return true
}

// numbered returns the county's next free "第N" name of a series: 苍南县第三中学.
func (n *namer) numbered(c *county, series, format string) string {
	key := c.code + series
	if n.ordinal[key] == 0 && afterUnnumbered[series] {
		n.ordinal[key] = 1 // 实验小学 is the first, so the next is 第二实验小学
	}
	for {
		n.ordinal[key]++
		if name := fmt.Sprintf(format, c.prefix, cnNum(n.ordinal[key])); n.take(name) {
			return name
		}
	}
}

// afterUnnumbered are series whose first school carries no number.
var afterUnnumbered = map[string]bool{"实小": true, "职高": true, "特教": true, "学校": true}

// placed tries up to ten names built from a random town (or street) of the
// county, then falls back to a numbered name.
func (n *namer) placed(r *rand.Rand, c *county, build func(place string) string, series, fallback string) string {
	for range 10 {
		if name := build(c.towns[r.IntN(len(c.towns))]); n.take(name) {
			return name
		}
	}
	return n.numbered(c, series, fallback)
}

// school names a school of kind in locale: 温州市鹿城区第二实验小学,
// 瑞安市塘下镇中心小学, 苍南县第三中学, 文成县黄坦镇培头小学.
func (n *namer) school(r *rand.Rand, c *county, kind, locale string) string {
	p := c.prefix
	first := func(name string) bool { return n.take(name) }
	switch kind {
	case kPrimary:
		return n.primary(r, c, locale)
	case kJunior, kSenior:
		if kind == kSenior && first(p+"中学") {
			return p + "中学"
		}
		if locale != "urban" {
			return n.placed(r, c, func(t string) string { return p + t + "镇中学" }, "中学", "%s第%s中学")
		}
		return n.numbered(c, "中学", "%s第%s中学")
	case kNine:
		if locale == "urban" {
			if first(p + "实验学校") {
				return p + "实验学校"
			}
			return n.placed(r, c, func(t string) string { return p + t + "学校" }, "学校", "%s第%s实验学校")
		}
		return n.placed(r, c, func(t string) string { return p + t + "镇九年一贯制学校" }, "学校", "%s第%s实验学校")
	case kVocational:
		if first(p + "职业中等专业学校") {
			return p + "职业中等专业学校"
		}
		return n.numbered(c, "职高", "%s第%s职业中学")
	case kSpecial:
		if first(p + "特殊教育学校") {
			return p + "特殊教育学校"
		}
		return n.numbered(c, "特教", "%s第%s特殊教育学校")
	}
	return n.numbered(c, "学校", "%s第%s学校")
}

func (n *namer) primary(r *rand.Rand, c *county, locale string) string {
	p := c.prefix
	switch locale {
	case "urban":
		if n.take(p + "实验小学") {
			return p + "实验小学"
		}
		if r.IntN(3) == 0 {
			return n.numbered(c, "实小", "%s第%s实验小学")
		}
		return n.placed(r, c, func(t string) string { return p + t + "小学" }, "小学", "%s第%s小学")
	case "town":
		return n.placed(r, c, func(t string) string {
			if n.used[p+t+"镇中心小学"] {
				return p + t + "镇第" + cnNum(2+r.IntN(3)) + "小学"
			}
			return p + t + "镇中心小学"
		}, "小学", "%s第%s小学")
	}
	return n.placed(r, c, func(t string) string {
		return p + t + "镇" + villages[r.IntN(len(villages))] + "小学"
	}, "小学", "%s第%s小学")
}

// point names a teaching point: 文成县黄坦镇培头村教学点.
func (n *namer) point(r *rand.Rand, c *county) string {
	return n.placed(r, c, func(t string) string {
		return c.prefix + t + "镇" + villages[r.IntN(len(villages))] + "村教学点"
	}, "教学点", "%s第%s教学点")
}
