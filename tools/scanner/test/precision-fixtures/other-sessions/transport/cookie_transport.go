package transport

import "net/http"

// CookieAuthTransport is our copy of the tracker client's cookie transport, kept until the migration is done.
type CookieAuthTransport struct {
	Username string
	Password string
	AuthURL  string
	cookies  []*http.Cookie
}

func (t *CookieAuthTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for _, cookie := range t.cookies {
		req.AddCookie(cookie)
	}
	return http.DefaultTransport.RoundTrip(req)
}

func (t *CookieAuthTransport) Client() *http.Client {
	return &http.Client{Transport: t}
}
