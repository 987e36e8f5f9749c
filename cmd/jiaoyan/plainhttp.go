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
