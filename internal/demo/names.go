package demo

import "math/rand/v2"

// surnames are the most common Chinese surnames with their approximate share
// (per mille) in the 2020 census (公安部《2020年全国姓名报告》), heavier at the top as
// real rosters are.
var surnames = []struct {
	name   string
	weight int
}{
	{"王", 72}, {"李", 71}, {"张", 66}, {"刘", 53}, {"陈", 48}, {"杨", 33}, {"黄", 24}, {"赵", 22},
	{"吴", 21}, {"周", 20}, {"徐", 16}, {"孙", 15}, {"马", 15}, {"朱", 14}, {"胡", 13}, {"郭", 12},
	{"何", 12}, {"林", 11}, {"高", 11}, {"罗", 10}, {"郑", 10}, {"梁", 9}, {"谢", 8}, {"宋", 7},
	{"唐", 7}, {"许", 7}, {"韩", 7}, {"邓", 6}, {"冯", 6}, {"曹", 6}, {"彭", 6}, {"曾", 6},
	{"肖", 6}, {"田", 5}, {"董", 5}, {"潘", 5}, {"袁", 5}, {"蔡", 5}, {"蒋", 5}, {"余", 5},
	{"于", 5}, {"杜", 4}, {"叶", 4}, {"程", 4}, {"魏", 4}, {"苏", 4}, {"吕", 4}, {"丁", 4},
	{"任", 4}, {"卢", 4}, {"姚", 4}, {"沈", 4}, {"钟", 4}, {"姜", 4}, {"崔", 3}, {"谭", 3},
	{"陆", 3}, {"范", 3}, {"汪", 3}, {"廖", 3}, {"石", 3}, {"金", 3}, {"韦", 3}, {"贾", 3},
	{"夏", 3}, {"付", 3}, {"方", 3}, {"邹", 2}, {"熊", 2}, {"白", 2}, {"孟", 2}, {"秦", 2},
	{"邱", 2}, {"侯", 2}, {"江", 2}, {"尹", 2}, {"薛", 2}, {"闫", 2}, {"段", 2}, {"雷", 2},
	{"龙", 2}, {"黎", 2}, {"史", 2}, {"陶", 2}, {"贺", 2}, {"毛", 2}, {"郝", 2}, {"顾", 2},
	{"龚", 2}, {"邵", 2}, {"万", 2}, {"覃", 2}, {"武", 2}, {"钱", 2}, {"戴", 2}, {"严", 2},
	{"莫", 1}, {"孔", 1}, {"向", 1}, {"常", 1}, {"应", 1}, {"季", 1}, {"章", 1}, {"池", 1},
	{"欧阳", 1}, {"诸葛", 1}, {"司马", 1},
}

var surnameTotal = func() int {
	t := 0
	for _, s := range surnames {
		t += s.weight
	}
	return t
}()

// Given-name characters by the gender they lean to; neutral ones go to both.
var (
	maleChars    = []rune("伟强磊军勇杰涛斌明超刚平辉鹏华飞浩鑫宇晨凯健峰俊波海东亮林建国文志成龙博宏振锋翔毅诚")
	femaleChars  = []rune("芳娜敏静丽艳娟霞燕玲婷雪琳洁颖倩莉萍红梅慧怡佳欣悦晶蕾瑶瑾婧璐琪雯萱妍菲蓉")
	neutralChars = []rune("晓雨思一子佳嘉晨春秋文彬素德丹青婉云海天心永建宁安")
)

// personName draws a Chinese name for gender "1" (男) or "2" (女): a common
// surname and one or (two times in three) two given-name characters.
func personName(r *rand.Rand, gender string) string {
	n := r.IntN(surnameTotal)
	sur := surnames[len(surnames)-1].name
	for _, s := range surnames {
		if n < s.weight {
			sur = s.name
			break
		}
		n -= s.weight
	}
	lean := maleChars
	if gender == "2" {
		lean = femaleChars
	}
	last := string(lean[r.IntN(len(lean))])
	if r.IntN(3) == 0 {
		return sur + last
	}
	first := lean
	if r.IntN(2) == 0 {
		first = neutralChars
	}
	return sur + string(first[r.IntN(len(first))]) + last
}

// places are plausible two-character town and street names (镇、街道); each
// county draws its own towns from this list.
var places = []string{
	"塘下", "黄坦", "西溪", "龙湖", "百丈", "南浦", "仙降", "飞云", "马屿", "陶山", "湖岭", "高楼", "桐浦",
	"岩头", "枫林", "桥头", "瓯北", "沙头", "碧莲", "大若", "鹤盛", "东岙", "巨屿", "珊溪", "玉壶", "南田",
	"大峃", "峃口", "周壤", "西坑", "罗阳", "雅阳", "司前", "筱村", "泗溪", "仕阳", "彭溪", "三魁", "灵溪",
	"矾山", "钱库", "金乡", "马站", "桥墩", "藻溪", "昆阳", "鳌江", "萧江", "水头", "万全", "腾蛟", "山门",
	"柳市", "北白象", "虹桥", "大荆", "雁荡", "芙蓉", "清江", "白石", "磐石", "七里港", "状元", "永中", "海城",
	"瑶溪", "丽岙", "潘桥", "郭溪", "泽雅", "娄桥", "仙岩", "梧田", "南白象", "茶山", "七都", "藤桥", "双屿",
	"五马", "松台", "蒲鞋市", "滨江", "南汇", "大南", "广化", "北港", "元觉", "霓屿", "鹿西", "东屏", "莘塍",
	"汀田", "上望", "安阳", "玉海", "锦湖", "东山", "潘岱", "云周", "曹村", "平阳坑", "芳庄", "东坑", "梅源",
	"横溪", "石门", "城关", "新城", "下洋", "上洋", "后垟", "前岸", "溪口", "青山", "竹溪", "双溪", "梅溪",
}

// villages are village-name stems (…村) for teaching points and rural schools.
var villages = []string{
	"培头", "下垟", "上庄", "岭头", "坑口", "外垟", "双桥", "黄寮", "吴垟", "金竹", "岩门", "徐岙", "周山",
	"孙坑", "洋头", "叶山", "杨梅", "枫树", "石坪", "南山", "北坑", "东坑", "西岭", "后山", "前山", "大坪",
	"小溪", "龙口", "凤垟", "竹里", "桃源", "梨园", "花坪", "云岭", "高坪", "陈岙", "林岙", "朱垟", "蒋岙",
}
