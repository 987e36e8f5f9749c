package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// assets serves the embedded static files at content-hashed URLs
// (/static/app.3f2a1b9c.css) with a one-year immutable cache; a new build
// changes the hash, so browsers never run stale code.
type assets struct {
	byHashed map[string]string // hashed URL path -> embedded file path
	byName   map[string]string // logical name -> hashed URL path
}

func loadAssets() (*assets, error) {
	a := &assets{byHashed: map[string]string{}, byName: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		hashed := "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		a.byHashed[hashed], a.byName[name] = p, hashed
		return nil
	})
	return a, err
}

// URL returns the hashed URL of a static file by its name under static/.
// A missing file (front-end packages not built yet) yields a URL that 404s.
func (a *assets) URL(name string) string {
	if u, ok := a.byName[name]; ok {
		return u
	}
	return "/static/missing/" + name
}

// Has reports whether a static file was built into the binary.
func (a *assets) Has(name string) bool { _, ok := a.byName[name]; return ok }

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p, ok := a.byHashed[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, err := staticFS.ReadFile(p)
	if err != nil { // listed at start-up, so only a broken build gets here
		slog.Error("static file unreadable", "path", p, "err", err)
		http.Error(w, "静态文件读取失败", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	switch path.Ext(p) {
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	}
	w.Write(b) // errcheck: the client went away; nothing to tell it
}
