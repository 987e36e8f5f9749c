package activity_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

func kindNamed(t *testing.T, f *fixture, name string) activity.KindRow {
	t.Helper()
	ks, err := f.svc.FindKinds(ctx, f.w.CityAdmin)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range ks {
		if k.Name == name {
			return k
		}
	}
	return activity.KindRow{}
}

// TestKindsAreEditedByTheRegion: the city adds, renames and retires a kind;
// a retired kind is no longer offered, a used kind cannot be deleted (only
// retired), an unused one can; each change writes one audit row, and a
// county administrator cannot edit the table.
func TestKindsAreEditedByTheRegion(t *testing.T) {
	f := newFixture(t)
	if _, err := f.svc.AddKind(ctx, f.w.CountyA, "课例研究"); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a county administrator added a kind: %v", err)
	}
	if _, err := f.svc.AddKind(ctx, f.w.CityAdmin, "主题教研"); !isField(err, "name") {
		t.Errorf("a second 主题教研: %v, want the error at name", err)
	}
	code, err := f.svc.AddKind(ctx, f.w.CityAdmin, "课例研究")
	if err != nil {
		t.Fatal(err)
	}
	k := kindNamed(t, f, "课例研究")
	if err := f.svc.EditKind(ctx, f.w.CityAdmin, activity.KindEdit{Code: code, Op: activity.KindRename, Name: "课例研修", Version: k.Version}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.EditKind(ctx, f.w.CityAdmin, activity.KindEdit{Code: code, Op: activity.KindRename, Name: "又改", Version: k.Version}); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("a stale rename: %v", err)
	}
	a := f.draft()
	a.Kind = code
	if _, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion); err != nil {
		t.Fatal(err)
	}
	k = kindNamed(t, f, "课例研修")
	if k.Used != 1 {
		t.Fatalf("kind %+v, want used by 1 activity", k)
	}
	if err := f.svc.EditKind(ctx, f.w.CityAdmin, activity.KindEdit{Code: code, Op: activity.KindDelete, Version: k.Version}); !isField(err, "op") ||
		!strings.Contains(app.ErrorMessage(err), "只能停用") {
		t.Errorf("deleting a used kind: %v", err)
	}
	if err := f.svc.EditKind(ctx, f.w.CityAdmin, activity.KindEdit{Code: code, Op: activity.KindRetire, Version: k.Version}); err != nil {
		t.Fatal(err)
	}
	offered, _ := f.svc.Kinds(ctx)
	for _, o := range offered {
		if o.Code == code {
			t.Error("a retired kind is still offered to new activities")
		}
	}
	if _, err := f.svc.CreateActivity(ctx, f.w.CountyA, a, activity.AudienceRegion); !isField(err, "kind") {
		t.Errorf("a new activity of a retired kind: %v", err)
	}
	spare, _ := f.svc.AddKind(ctx, f.w.CityAdmin, "临时类型")
	sk := kindNamed(t, f, "临时类型")
	if err := f.svc.EditKind(ctx, f.w.CityAdmin, activity.KindEdit{Code: spare, Op: activity.KindDelete, Version: sk.Version}); err != nil {
		t.Fatal(err)
	}
	if kindNamed(t, f, "临时类型").Name != "" {
		t.Error("an unused kind was not deleted")
	}
	var n int
	err = f.w.DB.Read(ctx, func(tx *db.Tx) (e error) {
		n, e = tx.Count(ctx, "SELECT COUNT(*) FROM audit_log WHERE object_type = 'activity_kind'")
		return e
	})
	if err != nil || n != 5 {
		t.Errorf("audit rows of kind changes = %d (%v), want 5 (add, rename, retire, add, delete)", n, err)
	}
}
