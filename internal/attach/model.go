// Package attach keeps the files (附件) of any object: visits now; activity
// plans, certificates, project reports and lesson videos next. It knows no
// domain: the owning module names its object with an Owner and its kinds of
// file with Kind values.
//
// Contract with the owning module. attach never decides data scope. The
// module's service first checks that the actor may attach to (or read) its
// object, then calls Stage outside any transaction (the bytes stream to the
// storage backend, checked by content and size), then, inside its own write
// transaction where it re-checks scope, calls Add, which writes the rows and
// the audit line under the owner's object type. Reading goes the same way:
// the module checks scope, calls List or Find with its transaction, and Open
// afterwards to stream the bytes.
//
// Storage is one interface with three backends chosen by setting: in the
// database (default, small files), a content-addressed directory, and an
// S3-compatible bucket. A blob (the bytes) is stored once per SHA-256 however
// many objects attach it.
package attach

import "time"

// Owner is the object a file is attached to. Kind is the owner's audit object
// type ("visit"), ID its id, Label a Chinese description for the audit line
// ("张三 到 温州市第一中学").
type Owner struct {
	Kind  string
	ID    int64
	Label string
}

// Kind is a kind of attachment (图片, 文档, 视频, 证书 …) a module registers as
// data: the largest file it takes and the file types it allows.
type Kind struct {
	Code    string   // stored with the attachment, e.g. "visit"
	Name    string   // Chinese, shown in messages: "到校附件"
	MaxSize int64    // bytes
	Types   []string // FileType codes allowed, e.g. {"jpeg", "png", "pdf"}
}

// Attachment (附件) is one file attached to one object.
type Attachment struct {
	ID        int64
	Owner     Owner
	Name      string // the original file name, shown and used for download
	Kind      string
	FileType  string // FileType code found by content
	Mime      string
	Size      int64
	SHA256    string
	CreatedBy string
	CreatedAt time.Time
	blob      blobRef
}

// blobRef is where an attachment's bytes are.
type blobRef struct {
	ID      int64
	Backend string
	Key     string
	Size    int64
}

// Preset kinds a module may use as they are or copy with other limits.
var (
	Images    = []string{"jpeg", "png", "gif"}
	Documents = []string{"pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "txt"}
	Audio     = []string{"mp3", "m4a"}
	Video     = []string{"mp4", "mov"}

	KindImage       = Kind{Code: "image", Name: "图片", MaxSize: 20 << 20, Types: Images}
	KindDocument    = Kind{Code: "document", Name: "文档", MaxSize: 50 << 20, Types: Documents}
	KindVideo       = Kind{Code: "video", Name: "视频", MaxSize: 4 << 30, Types: Video}
	KindCertificate = Kind{Code: "certificate", Name: "证书", MaxSize: 10 << 20, Types: []string{"pdf", "jpeg", "png"}}
)
