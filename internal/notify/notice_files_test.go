package notify_test

import (
	"io"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/notify"
)

const pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

func TestNoticeFilesFollowTheNoticesReaders(t *testing.T) {
	f := newFixture(t)
	f.svc.Files = attach.New(f.DB, &attach.DBStorage{DB: f.DB})
	id := f.publish(t, f.schoolPub, notify.Notice{Title: "教研安排", Audience: notify.Audience{OrgIDs: []int64{f.SchoolA}}})
	_, err := f.svc.AttachNoticeFile(ctx, f.TeacherUserA, id, "安排.pdf", strings.NewReader(pdf))
	wantCode(t, err, app.EFORBIDDEN)
	_, err = f.svc.AttachNoticeFile(ctx, f.schoolPub, id, "安排.pdf", strings.NewReader("MZ\x90\x00 not a pdf"))
	if err == nil {
		t.Fatal("a program named .pdf was accepted")
	}
	a, err := f.svc.AttachNoticeFile(ctx, f.schoolPub, id, "安排.pdf", strings.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	files, err := f.svc.NoticeFiles(ctx, f.TeacherUserA, id)
	if err != nil || len(files) != 1 || files[0].Name != "安排.pdf" {
		t.Fatalf("reader's files: %+v (%v)", files, err)
	}
	_, rc, err := f.svc.OpenNoticeFile(ctx, f.TeacherUserA, id, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != pdf {
		t.Fatalf("read back %q", b)
	}
	_, _, err = f.svc.OpenNoticeFile(ctx, f.teacherB, id, a.ID)
	wantCode(t, err, app.ENOTFOUND)
	other := f.publish(t, f.schoolPub, notify.Notice{Title: "另一份", Audience: notify.Audience{OrgIDs: []int64{f.SchoolA}}})
	_, _, err = f.svc.OpenNoticeFile(ctx, f.TeacherUserA, other, a.ID)
	wantCode(t, err, app.ENOTFOUND)
	if err := f.svc.RemoveNoticeFile(ctx, f.schoolPub, id, a.ID); err != nil {
		t.Fatal(err)
	}
	if files, _ := f.svc.NoticeFiles(ctx, f.TeacherUserA, id); len(files) != 0 {
		t.Fatalf("removed file still listed")
	}
}
