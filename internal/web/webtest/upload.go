package webtest

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"time"
)

// Upload posts a file to /import/{kind} and follows the job to its end,
// returning the final job page.
func (c *Client) Upload(kind, name string, data []byte, update bool) string {
	return c.UploadWatching(kind, name, data, nil, update)
}

// UploadWatching is Upload that hands every polled job page to watch.
func (c *Client) UploadWatching(kind, name string, data []byte, watch func(string), update ...bool) string {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	if len(update) > 0 && update[0] {
		mw.WriteField("update", "1")
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.Base+"/import/"+kind, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		c.T.Fatal(err)
	}
	ReadBody(res)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/jobs/") {
		c.T.Fatalf("upload: %d %s", res.StatusCode, loc)
	}
	return c.WaitJob(loc, watch)
}

// WaitJob polls a job page until the job has ended and returns that page.
func (c *Client) WaitJob(path string, watch func(string)) string {
	for i := 0; i < 3000; i++ {
		_, body := c.Get(path)
		if watch != nil {
			watch(body)
		}
		if strings.Contains(body, `id="job-result"`) {
			return body
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.T.Fatalf("job %s did not finish", path)
	return ""
}

// CSV is a CSV file of lines.
func CSV(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }
