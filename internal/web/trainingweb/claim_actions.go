package trainingweb

import (
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

// claimCreate reads the claim form (its fields, then the certificate as
// the last part) and records the claim.
func (m *module) claimCreate(w http.ResponseWriter, r *http.Request) {
	fields, name, file, err := receiveClaim(w, r)
	c := training.Claim{Category: fields["category"], Level: fields["level"], Title: fields["title"],
		Organiser: fields["organiser"], StartDate: fields["start_date"], EndDate: fields["end_date"],
		Hours: parseFloat(fields["hours"])}
	var id int64
	if err == nil {
		id, err = m.Svc.CreateClaim(r.Context(), web.ActorOf(r), c, name, file)
	}
	if err != nil {
		if app.ErrorCode(err) == app.ETOOLARGE {
			web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: app.ErrorMessage(err)})
			return
		}
		q := r.URL.Query()
		q.Set("view", "mine")
		r.URL.RawQuery = q.Encode()
		m.renderClaims(w, r, c, err)
		return
	}
	web.Redirect(w, r, "/credits/claims/"+web.Itoa64(id)+"?saved=1")
}

// maxField is the most bytes one text field of the claim form may carry.
const maxField = 4 << 10

// receiveClaim streams the multipart claim form: text fields first, the
// file part "file" last (the form puts it last), which is returned unread.
func receiveClaim(w http.ResponseWriter, r *http.Request) (map[string]string, string, io.Reader, error) {
	fields := map[string]string{}
	r.Body = http.MaxBytesReader(w, r.Body, training.CertificateFiles.MaxSize+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return fields, "", nil, app.Invalid("file", "请上传培训证书（图片或 PDF）")
	}
	for {
		p, err := mr.NextPart()
		if err != nil {
			return fields, "", nil, app.Invalid("file", "请上传培训证书（图片或 PDF）")
		}
		if p.FormName() == "file" {
			if p.FileName() == "" {
				return fields, "", nil, app.Invalid("file", "请上传培训证书（图片或 PDF）")
			}
			return fields, p.FileName(), p, nil
		}
		v, err := readField(p)
		if err != nil {
			return fields, "", nil, app.Invalid(p.FormName(), "表单读取失败，请重新提交")
		}
		fields[p.FormName()] = v
	}
}

func readField(p *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, maxField))
	return strings.TrimSpace(string(b)), err
}

// claimApprove approves one claim at the actor's level.
func (m *module) claimApprove(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil {
		_, err = m.Svc.ApproveClaims(r.Context(), web.ActorOf(r), []int64{id})
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/credits/claims/"+web.Itoa64(id)+"?saved=1")
}

// claimBatchApprove approves the ticked claims, all or none.
func (m *module) claimBatchApprove(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	if _, err := m.Svc.ApproveClaims(r.Context(), web.ActorOf(r), web.FormIDs(r, "ids")); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/credits/claims?view=waiting&saved=1")
}

// claimReturn returns one claim with the reason given.
func (m *module) claimReturn(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	if err := m.Svc.ReturnClaim(r.Context(), web.ActorOf(r), id, web.FormStr(r, "reason")); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/credits/claims/"+web.Itoa64(id)+"?saved=1")
}
