package review

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Certificate is one issued 证书: what the public check page shows.
type Certificate struct {
	Serial   string
	Holder   string
	Award    string
	Campaign string
	Issued   string // 2025-09-01
}

// newSerial is an unguessable certificate number: 80 random bits in
// base32, grouped for reading.
func newSerial() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on the supported platforms
	s := base32.StdEncoding.EncodeToString(b)
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
}

// Finalize closes 公示 once its period is over and every objection is
// resolved, fixes the final list and issues a certificate with a serial
// number to each awarded submission. It returns how many were issued.
func (s *Service) Finalize(ctx context.Context, actor app.Actor, campaign int64) (issued int, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		if c.Status != StatusPublicity || s.today() <= c.PublicityTo {
			return app.Invalid("status", "公示期结束后才能确定最终名单（公示至 %s）", c.PublicityTo)
		}
		open, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_objections WHERE campaign_id = ? AND status = 'open'", c.ID)
		if err != nil {
			return err
		}
		if open > 0 {
			return app.Invalid("status", "还有 %d 条公示异议未处理", open)
		}
		if issued, err = s.issue(ctx, tx, c); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE review_campaigns SET status = ?, version = version + 1 WHERE id = ?", StatusFinal, c.ID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "campaign.finalize", "campaign", c.ID, fmt.Sprintf("确定最终名单 %s：%d 项", c.Title, issued), nil, nil)
	})
	return issued, err
}

func (s *Service) issue(ctx context.Context, tx *db.Tx, c Campaign) (int, error) {
	list, err := db.QueryAll(ctx, tx, scanSub, "SELECT "+subCols+subFrom+" WHERE s.campaign_id = ? AND s.awarded = TRUE ORDER BY s.rank_no", c.ID)
	if err != nil {
		return 0, err
	}
	for _, x := range list {
		_, err := tx.Exec(ctx, `INSERT INTO review_certificates (serial, submission_id, holder, award, campaign, issued_on, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, newSerial(), x.ID, x.Author, "入选："+x.Title, c.Title, s.today(), s.now().Unix())
		if err != nil {
			return 0, err
		}
	}
	return len(list), nil
}

// CheckCertificate is the public check (no sign-in): the certificate with
// this serial, or ENOTFOUND. It shows only name, award, campaign and date.
func (s *Service) CheckCertificate(ctx context.Context, serial string) (c Certificate, err error) {
	serial = strings.ToUpper(strings.TrimSpace(serial))
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		err := tx.QueryRow(ctx, "SELECT serial, holder, award, campaign, issued_on FROM review_certificates WHERE serial = ?", serial).
			Scan(&c.Serial, &c.Holder, &c.Award, &c.Campaign, &c.Issued)
		if err != nil {
			return app.Errorf(app.ENOTFOUND, "查无此证书编号")
		}
		return nil
	})
	return c, err
}

// CertificatesOf lists the certificates of a campaign the actor manages,
// or of the actor's own submissions.
func (s *Service) CertificatesOf(ctx context.Context, actor app.Actor, campaign int64) (out []Certificate, err error) {
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		where, args := "s.campaign_id = ? AND s.author_id = ?", []any{campaign, actor.PersonID}
		if actor.Can(PermCampaignManage) {
			if _, err := campaignInScope(ctx, tx, actor, campaign); err == nil {
				where, args = "s.campaign_id = ?", []any{campaign}
			}
		}
		out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Certificate, error) {
			var x Certificate
			return x, r.Scan(&x.Serial, &x.Holder, &x.Award, &x.Campaign, &x.Issued)
		}, `SELECT c.serial, c.holder, c.award, c.campaign, c.issued_on FROM review_certificates c
			JOIN review_submissions s ON s.id = c.submission_id WHERE `+where+` ORDER BY s.rank_no`, args...)
		return err
	})
	return out, err
}

// CertificatePDF is the certificate as a PDF, with its serial and the
// public address where anyone can check it (checkURL ends in the serial).
func CertificatePDF(c Certificate, checkURL string) []byte {
	return WritePDF([]PDFLine{
		{X: 341, Y: 470, Size: 40, Text: "荣誉证书"},
		{X: 120, Y: 380, Size: 22, Text: c.Holder + "："},
		{X: 160, Y: 330, Size: 18, Text: "在" + c.Campaign + "中，" + c.Award + "。"},
		{X: 160, Y: 290, Size: 18, Text: "特发此证，以资鼓励。"},
		{X: 560, Y: 170, Size: 16, Text: c.Issued},
		{X: 120, Y: 90, Size: 12, Text: "证书编号：" + c.Serial},
		{X: 120, Y: 70, Size: 12, Text: "查验地址：" + checkURL},
	})
}
