package jirahttp

import "net/http"

type sessionTransport struct {
	cookies []*http.Cookie
	base    http.RoundTripper
}

// RoundTrip attaches the cookies the login returned.
func (t *sessionTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	for _, c := range t.cookies {
		r.AddCookie(c)
	}
	return t.base.RoundTrip(r)
}
