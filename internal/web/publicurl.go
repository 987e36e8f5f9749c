package web

import "net/http"

// PublicURL is the site's address for every absolute URL a page, file or
// QR code carries: JIAOYAN_PUBLIC_URL, or the listen address when that is a
// loopback one. It never reads the request's Host or X-Forwarded-Host
// header, which a client chooses: a forged Host would otherwise put an
// attacker's domain into a certificate PDF or a check-in QR code. It is ""
// when the site listens beyond loopback without JIAOYAN_PUBLIC_URL (serve
// warns at start); callers then print site-relative paths.
func PublicURL(r *http.Request) string {
	return serverOf(r).Config.SiteURL()
}
