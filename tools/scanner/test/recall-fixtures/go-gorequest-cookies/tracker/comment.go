package tracker

import "github.com/parnurzeal/gorequest"

// Comment logs in with gorequest and sends the login's cookies with the comment.
func Comment(base, body string, credentials map[string]string) []error {
	agent := gorequest.New()
	login, _, errs := agent.Post(base + "/rest/auth/1/session").Send(credentials).End()
	if len(errs) > 0 {
		return errs
	}
	_, _, errs = gorequest.New().Post(base + "/rest/api/2/issue/OPS-1/comment").
		AddCookies(login.Cookies()).
		Send(body).
		End()
	return errs
}
