package tracker

import (
	"bytes"
	"net/http"
)

type Client struct {
	base    string
	http    *http.Client
	session *http.Cookie
}

// Login keeps the first cookie of the session login's answer.
func (c *Client) Login(body []byte) error {
	resp, err := c.http.Post(c.base+"/rest/auth/1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	c.session = resp.Cookies()[0]
	return nil
}

func (c *Client) get(path string) (*http.Response, error) {
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	req.Header.Set("Cookie", c.session.String())
	return c.http.Do(req)
}
