package tracker

import (
	jira "github.com/andygrunwald/go-jira/v2/onpremise"
)

func New(base, user, secret string) (*jira.Client, error) {
	tp := jira.CookieAuthTransport{
		Username: user,
		Password: secret,
		AuthURL:  base + "/rest/auth/1/session",
	}
	return jira.NewClient(base, tp.Client())
}
