package jiracli

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
)

type Session struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func URLJoin(endpoint string, parts ...string) string {
	u, _ := url.Parse(endpoint)
	u.Path = path.Join(append([]string{u.Path}, parts...)...)
	return u.String()
}

func NewSession(c *http.Client, endpoint string, body []byte) (*http.Response, error) {
	uri := URLJoin(endpoint, "rest/auth/1/session")
	return c.Post(uri, "application/json", bytesReader(body))
}

func cookieHeader(s Session) string {
	return fmt.Sprintf("%s=%s", s.Name, s.Value)
}
