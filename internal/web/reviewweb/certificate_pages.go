package reviewweb

import (
	"net/http"

	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

// certificateCheck is the public 证书查验 page: name, award, campaign and
// date for a serial, nothing else.
func (s *module) certificateCheck(w http.ResponseWriter, r *http.Request) {
	c, err := s.Review.CheckCertificate(r.Context(), r.PathValue("serial"))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_certificate", web.PageData("证书查验", c))
}

// certificatePDF is the certificate itself, with its check address.
func (s *module) certificatePDF(w http.ResponseWriter, r *http.Request) {
	c, err := s.Review.CheckCertificate(r.Context(), r.PathValue("serial"))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	pdf := review.CertificatePDF(c, web.PublicURL(r)+"/certificates/"+c.Serial)
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="certificate.pdf"`)
	w.Write(pdf) // errcheck: the client went away; nothing to tell it
}
