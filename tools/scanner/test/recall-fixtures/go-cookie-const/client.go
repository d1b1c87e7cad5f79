package tracker

import "net/http"

const sessionCookie = "JSESSIONID"

type Client struct {
	base string
	sid  string
}

func (c *Client) Myself() (*http.Response, error) {
	req, _ := http.NewRequest("GET", c.base+"/rest/api/2/myself", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: c.sid})
	return http.DefaultClient.Do(req)
}
