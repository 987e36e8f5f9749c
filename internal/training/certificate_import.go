package training

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/org"
)

// CertificateKind is the import kind of certificates from the national
// and provincial platforms, on the page (/import/certificates) and in
// `jiaoyan import certificates`.
const CertificateKind = "certificates"

// CertificateSpec is the columns of a certificate file (国家/省平台学时证书).
func CertificateSpec() exchange.Spec {
	return exchange.Spec{Name: "培训证书", Columns: []exchange.Column{
		{Key: "id_number", Header: "身份证号", Aliases: []string{"身份证号码", "证件号码", "身份证"}, Kind: exchange.KindID, Required: true},
		{Key: "name", Header: "姓名", Aliases: []string{"学员姓名", "教师姓名"}, Required: true},
		{Key: "title", Header: "项目", Aliases: []string{"培训项目", "项目名称", "课程名称"}, Required: true, Width: 30},
		{Key: "hours", Header: "学时", Aliases: []string{"培训学时", "获得学时"}, Kind: exchange.KindDecimal, Required: true},
		{Key: "date", Header: "日期", Aliases: []string{"培训日期", "完成日期", "结业日期"}, Kind: exchange.KindDate, Required: true},
		{Key: "level", Header: "级别", Aliases: []string{"项目级别"}, Kind: exchange.KindEnum, Options: []string{"国家级", "省级", "市级", "县级"},
			Help: "不填视为省级"},
	}}
}

var levelCodes = map[string]string{"国家级": credit.LevelNational, "省级": credit.LevelProvince, "市级": credit.LevelCity,
	"县级": credit.LevelCounty, "": credit.LevelProvince}

// certRow is one matched row of a certificate file.
type certRow struct {
	num    int
	entry  credit.Entry
	person string
}

// ImportCertificates imports a certificate file as approved 网络研修 entries
// (source import), all or none: each row's 身份证号 is matched by its lookup
// hash to a person in the actor's scope whose name agrees; an unknown ID,
// a name that differs, a row repeated in the file or already imported is a
// row error naming the row, and then nothing is written.
func (s *Service) ImportCertificates(ctx context.Context, actor app.Actor, name string, data []byte, opt org.ImportOptions) (org.ImportOutcome, error) {
	var out org.ImportOutcome
	if err := actor.Require(PermCreditImport); err != nil {
		return out, err
	}
	spec := CertificateSpec()
	opt.Limits = opt.Limits.WithDefaults()
	rd, err := exchange.OpenBytes(name, data, spec, opt.Limits)
	if err != nil {
		errors.As(err, &out.Missing)
		out.Message = app.ErrorMessage(err)
		return out, err
	}
	defer rd.Close()
	rows, errs, err := readAll(rd)
	if err != nil {
		return out, err
	}
	out.Unused, out.Note = rd.Unused(), rd.Note()
	var matched []certRow
	if len(errs) == 0 {
		err = s.DB.Read(ctx, func(tx *db.Tx) (err error) { matched, err = s.matchRows(ctx, tx, actor, rows, &errs); return })
		if err != nil {
			return out, err
		}
	}
	if len(errs) > 0 {
		return rejectedFile(rd, spec, rows, errs, out)
	}
	if opt.DryRun {
		out.OK, out.Result.Created = true, len(matched)
		out.Message = fmt.Sprintf("试导入（未写入）：将新增 %d 条", len(matched))
		return out, nil
	}
	if err := s.DB.Write(ctx, func(tx *db.Tx) error { return writeCerts(ctx, tx, actor, name, matched) }); err != nil {
		return out, err
	}
	out.OK, out.Result.Created = true, len(matched)
	out.Message = fmt.Sprintf("导入完成：新增 %d 条", len(matched))
	return out, nil
}

func readAll(rd *exchange.Reader) ([]exchange.Row, exchange.RowErrors, error) {
	var rows []exchange.Row
	var errs exchange.RowErrors
	for {
		r, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return rows, errs, nil
		}
		if err != nil {
			return nil, nil, err
		}
		rows, errs = append(rows, r), append(errs, r.Errors...)
	}
}

// matchRows matches each row to a person in scope and checks it is new.
func (s *Service) matchRows(ctx context.Context, tx *db.Tx, actor app.Actor, rows []exchange.Row, errs *exchange.RowErrors) ([]certRow, error) {
	seen := map[string]int{}
	var out []certRow
	for _, r := range rows {
		v := r.Values
		var m member
		var id int64
		err := tx.QueryRow(ctx, "SELECT id FROM people WHERE id_hash = ? AND active = TRUE", s.Org.Keys.Lookup(org.NormalizeIDNumber(v["id_number"]))).Scan(&id)
		if err == nil {
			m, err = personInScope(ctx, tx, actor, id)
		}
		switch {
		case db.IsNoRows(err) || app.ErrorCode(err) == app.ENOTFOUND:
			errs.Add(r.Num, "id_number", "找不到该身份证号的人员（或不在您的管理范围内）")
			continue
		case err != nil:
			return nil, err
		case m.Name != v["name"]:
			errs.Add(r.Num, "name", "姓名与该身份证号登记的姓名不一致")
			continue
		}
		key := fmt.Sprint(m.ID, "|", v["title"], "|", v["date"])
		if first, dup := seen[key]; dup {
			errs.Add(r.Num, "title", "与第%d行重复", first)
			continue
		}
		seen[key] = r.Num
		c, err := certRow{num: r.Num, person: m.Name}, nil
		c.entry, err = certEntry(m.ID, v)
		if err != nil {
			errs.Add(r.Num, "hours", "%s", app.ErrorMessage(err))
			continue
		}
		if done, err := imported(ctx, tx, c.entry); err != nil || done {
			if err != nil {
				return nil, err
			}
			errs.Add(r.Num, "title", "该证书已导入过")
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// certEntry is the ledger entry of a row: 网络研修 of the 学年 of its date.
func certEntry(person int64, v map[string]string) (credit.Entry, error) {
	hours, err := strconv.ParseFloat(v["hours"], 64)
	if err != nil || hours <= 0 || hours > 1000 {
		return credit.Entry{}, app.Invalid("hours", "学时应大于 0 且不超过 1000")
	}
	d, err := exchange.ParseDate(v["date"])
	if err != nil {
		return credit.Entry{}, app.Invalid("date", "日期无法识别")
	}
	return credit.Entry{PersonID: person, SchoolYear: dict.SchoolYearOf(d), Date: d.Format("2006-01-02"),
		Category: credit.CategoryOnline, Level: levelCodes[v["level"]], Title: v["title"], Hours: hours, Source: SourceImport,
		State: credit.StateApproved}, nil
}

// imported reports whether the same certificate is already in the ledger.
func imported(ctx context.Context, tx *db.Tx, e credit.Entry) (bool, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM credit_entries WHERE person_id = ? AND source = ? AND title = ? AND on_date = ?`,
		e.PersonID, SourceImport, e.Title, e.Date).Scan(&n)
	return n > 0, err
}

func writeCerts(ctx context.Context, tx *db.Tx, actor app.Actor, name string, rows []certRow) error {
	for _, r := range rows {
		r.entry.CreatedBy = actor.Username
		if _, err := credit.Add(ctx, tx, r.entry); err != nil {
			return fmt.Errorf("第%d行（%s）: %w", r.num, r.person, err)
		}
	}
	return audit.Record(ctx, tx, actor, audit.Entry{Action: "credit.import", ObjectType: credit.ObjectType,
		Summary: fmt.Sprintf("导入培训证书 %s：%d 条", name, len(rows))})
}

// rejectedFile fills in the outcome of a file with row errors: nothing was
// written; the errors and the error report go back to the user.
func rejectedFile(rd *exchange.Reader, spec exchange.Spec, rows []exchange.Row, errs exchange.RowErrors, out org.ImportOutcome) (org.ImportOutcome, error) {
	errs.Sort()
	lay := rd.Layout()
	out.Message = errs.Err(lay.Titles).Error()
	for _, e := range errs { // the header as the user wrote it
		if at, ok := lay.Index[e.Column]; ok && at < len(lay.Header) {
			e.Column = lay.Header[at]
		} else if t, ok := lay.Titles[e.Column]; ok {
			e.Column = t
		}
		out.Errors = append(out.Errors, e)
	}
	i := 0
	next := func() (exchange.Row, error) {
		if i >= len(rows) {
			return exchange.Row{}, io.EOF
		}
		i++
		return rows[i-1], nil
	}
	var buf bytes.Buffer
	if err := exchange.ErrorReportFunc(&buf, lay, next, errs); err != nil {
		return out, err
	}
	out.Report = buf.Bytes()
	return out, nil
}
