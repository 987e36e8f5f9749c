package main

import (
	"net"

	"jiaoyan/internal/config"
)

// plainHTTPWarning returns the warning serve prints when it listens beyond
// loopback over plain HTTP with nothing in front that adds TLS: session
// cookies would cross the network readable. It returns "" when addr is a
// loopback address or the operator declared a TLS proxy or Secure cookies.
func plainHTTPWarning(addr net.Addr, cfg config.Config) string {
	if cfg.TrustProxy || cfg.SecureCookies {
		return ""
	}
	tcp, ok := addr.(*net.TCPAddr)
	if ok && tcp.IP.IsLoopback() {
		return ""
	}
	return "警告：正在 " + addr.String() + " 上以明文 HTTP 对外提供服务，且未设置 JIAOYAN_TRUST_PROXY 或 JIAOYAN_SECURE_COOKIES：" +
		"登录 Cookie 和密码会以明文在网络上传输。请在前面放置启用 TLS 的 nginx（见 README“部署：nginx 与 TLS”），" +
		"并设置 JIAOYAN_TRUST_PROXY=true；或只监听 127.0.0.1。"
}

// publicURLWarning returns the warning serve prints when JIAOYAN_PUBLIC_URL
// is not set and the listen address is not what users reach: serve listens
// beyond loopback, or sits behind a proxy. Certificates, check-in QR codes
// and calendars then carry site-relative or loopback addresses (never the
// request's Host header). It returns "" otherwise.
func publicURLWarning(addr net.Addr, cfg config.Config) string {
	if cfg.PublicURL != "" {
		return ""
	}
	tcp, ok := addr.(*net.TCPAddr)
	if ok && tcp.IP.IsLoopback() && !cfg.TrustProxy {
		return ""
	}
	return "警告：未设置 JIAOYAN_PUBLIC_URL（用户访问本站的地址，例如 https://jiaoyan.example.cn）：" +
		"证书查验地址、签到二维码和日历中的链接无法写出完整地址。本站从不采用请求头中的 Host。"
}
