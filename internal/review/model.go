package review

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
)

// Expert is one member of the 专家库: a person of the org tree, or someone
// from outside (高校、科研院所) with only a name and an affiliation.
type Expert struct {
	ID          int64
	PersonID    int64 // 0 for an outside expert
	UserID      int64 // the sign-in account of an outside expert
	Name        string
	Affiliation string   // 工作单位 (outside experts)
	OrgID       int64    // the expert's own school or office, 0 outside the tree
	County      string   // region code of the expert's county, for 同县回避
	PoolOrgID   int64    // the bureau whose pool this is
	PoolPath    string   // that bureau's org path (data scope)
	Subjects    []string // 学科
	Stages      []string // 学段
	Topics      []string // 研究方向
	Senior      bool     // 资深专家 (正高级/特级)
	Terms       []string // 可参评学期, e.g. 2025-1; empty = always
	MaxLoad     int      // 每期评审上限
	Active      bool
	Done, Late  int // finished reviews, of them late
	Declines    int
	Outliers    int // scores flagged as outlying
	Version     int
}

// Validate checks an expert before it is saved.
func (e Expert) Validate() error {
	switch {
	case strings.TrimSpace(e.Name) == "" && e.PersonID == 0:
		return app.Invalid("name", "请填写专家姓名")
	case e.MaxLoad < 1 || e.MaxLoad > 500:
		return app.Invalid("max_load", "评审上限应在 1 到 500 之间")
	case len(e.Subjects) == 0:
		return app.Invalid("subjects", "请至少填写一个擅长学科")
	}
	return nil
}

// Flags are the pool manager's notes on an expert (动态管理): late
// reviews, declined invitations and scores flagged as outlying, each
// shown with its count whenever there is one. How many is too many is the
// manager's judgement; no threshold is set here.
func (e Expert) Flags() []string {
	var out []string
	if e.Late > 0 {
		out = append(out, fmt.Sprintf("逾期 %d/%d 次", e.Late, e.Done))
	}
	if e.Declines > 0 {
		out = append(out, fmt.Sprintf("谢绝 %d 次", e.Declines))
	}
	if e.Outliers > 0 {
		out = append(out, fmt.Sprintf("评分偏离 %d 次", e.Outliers))
	}
	return out
}

// Campaign kinds (评审活动类别).
const (
	KindProjectCall   = "project_call"   // 课题招标
	KindProjectApply  = "project_apply"  // 课题申报
	KindProjectMid    = "project_mid"    // 课题中期
	KindProjectFinal  = "project_final"  // 课题结题
	KindPaper         = "paper"          // 论文评审
	KindAward         = "award"          // 评比
	KindContest       = "contest"        // 比拼
	KindSkills        = "skills"         // 基本功比赛
	KindModelSchool   = "model_school"   // 示范校评选
	KindTeachingPrize = "teaching_prize" // 教学成果奖
)

// KindNames are the Chinese names of the campaign kinds.
var KindNames = map[string]string{
	KindProjectCall: "课题招标", KindProjectApply: "课题申报", KindProjectMid: "课题中期检查", KindProjectFinal: "课题结题",
	KindPaper: "论文评审", KindAward: "评比", KindContest: "比拼", KindSkills: "基本功比赛", KindModelSchool: "示范校评选",
	KindTeachingPrize: "教学成果奖",
}

// Aggregation methods (汇总方法).
const (
	MethodMean    = "mean"    // 平均分
	MethodTrimmed = "trimmed" // 去掉最高分和最低分后的平均分（不少于5名专家）
	MethodZ       = "z"       // 按专家标准化（z 分数）后的平均
)

// MethodNames are the Chinese names of the aggregation methods.
var MethodNames = map[string]string{MethodMean: "平均分", MethodTrimmed: "去掉一个最高分和一个最低分后的平均分", MethodZ: "按专家标准化（z 分数）后的平均"}

// Campaign is one 评审活动: the call, its rules, and where it stands.
type Campaign struct {
	ID            int64
	Kind          string
	Title         string
	CallText      string // 通知正文
	OrgID         int64  // the organising bureau
	OrgPath       string
	ReachPath     string // submissions come from under this path
	Term          string // 学期 the experts must be available in, e.g. 2025-1
	Opens, Closes string // 申报起止 2025-09-01
	ReviewDue     string // 评审截止
	Subjects      []string
	Stages        []string
	Fields        []string // 申报表栏目 the form asks for besides title and content
	SchoolQuota   int      // 每校限报；0 不限
	CountyQuota   int      // 每县推荐名额；0 不限
	CityQuota     int      // 市级推荐名额；0 不限
	AwardQuota    int      // 评选名额
	AwardCategory string   // 003 六.10 的年度奖项（AwardCategories），'' 不属于
	Reviewers     int      // 每项专家人数
	Blind         bool
	AvoidCounty   bool
	RequireSenior bool
	Method        string
	OutlierGap    int // a score this far from the others' mean is flagged; 0 = no flag
	Status        string
	PublicityFrom string
	PublicityTo   string
	Version       int
	RoundID       int64 // the 比拼 round owning this phase, 0 for none
	RoundPhase    int   // 1-3: which of ContestPhaseNames
}

// Campaign statuses.
const (
	StatusOpen      = "open"      // 申报中
	StatusReviewing = "reviewing" // 评审中
	StatusPublicity = "publicity" // 公示中
	StatusFinal     = "final"     // 已确定名单
)

// Validate checks a campaign's call.
func (c Campaign) Validate() error {
	switch {
	case KindNames[c.Kind] == "":
		return app.Invalid("kind", "请选择评审类别")
	case strings.TrimSpace(c.Title) == "":
		return app.Invalid("title", "请填写活动名称")
	case !isDate(c.Opens):
		return app.Invalid("opens", "申报开始日期格式应为 2025-09-01")
	case !isDate(c.Closes) || c.Closes < c.Opens:
		return app.Invalid("closes", "申报截止日期应不早于开始日期，格式如 2025-09-30")
	case c.Reviewers < 1 || c.Reviewers > 15:
		return app.Invalid("reviewers", "每项评审专家人数应在 1 到 15 之间")
	case c.SchoolQuota < 0 || c.CountyQuota < 0 || c.CityQuota < 0 || c.AwardQuota < 0:
		return app.Invalid("school_quota", "名额不能为负数")
	case MethodNames[c.Method] == "":
		return app.Invalid("method", "请选择汇总方法")
	case c.AwardCategory != "" && AwardCategoryName(c.AwardCategory) == "":
		return app.Invalid("award_category", "请选择年度奖项")
	}
	return nil
}

func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// RubricItem is one 评分指标 with its full marks.
type RubricItem struct {
	Name string `json:"name"`
	Max  int    `json:"max"`
}

// Submission statuses and recommendation levels.
const (
	SubDraft     = "draft"     // 草稿
	SubSubmitted = "submitted" // 已提交
	SubWithdrawn = "withdrawn" // 已撤回
	SubPassed    = "passed"    // 形式审查通过
	SubRejected  = "rejected"  // 形式审查未通过

	LevelSchool = "school" // 学校推荐
	LevelCounty = "county" // 县级推荐
	LevelCity   = "city"   // 市级推荐
)

// Submission is one 申报 to a campaign.
type Submission struct {
	ID          int64
	CampaignID  int64
	AuthorID    int64
	Author      string // hidden from experts in a blind campaign
	Coauthors   []int64
	OrgID       int64
	OrgName     string // hidden from experts in a blind campaign
	OrgPath     string
	County      string
	Title       string
	Subject     string
	Stage       string
	Content     string
	Answers     []string // answers to the campaign's Fields, in order
	Status      string
	Level       string // the highest recommendation it holds
	CheckNote   string
	Score       *float64
	ScoreMethod string // the method the score was reached by (trimmed falls back to mean below 5 reviews)
	Rank        int
	Awarded     bool
	Version     int
}

// ScoreText is the aggregated score to two decimals, "" before aggregation.
func (x Submission) ScoreText() string {
	if x.Score == nil {
		return ""
	}
	return strconv.FormatFloat(*x.Score, 'f', 2, 64)
}
