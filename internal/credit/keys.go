package credit

// ObjectType is the audit and attachment object type of a ledger entry.
const ObjectType = "credit"

// Group codes in the credit_category code table: the parent of each
// category. Hours of the categories under GroupTraining are training hours
// (培训学时), what the workload card checks against the region's rule.
const (
	GroupTraining = "training" // 培训学时
	GroupResearch = "research" // 教研科研
)

// Category codes shipped in the code table (a region may add its own).
const (
	CategoryCentralized = "centralized"  // 集中培训
	CategorySchoolBased = "school_based" // 校本研修
	CategoryOnline      = "online"       // 网络研修
	CategoryExternal    = "external"     // 外出培训
	CategoryActivity    = "activity"     // 教研活动
	CategoryObservation = "observation"  // 听课
	CategoryProject     = "project"      // 课题
	CategoryPaper       = "paper"        // 论文
	CategoryAward       = "award"        // 获奖
)
