package jira

import (
	jira "github.com/andygrunwald/go-jira/v2/onpremise"
)

func NewPAT(base, token string) (*jira.Client, error) {
	tp := jira.BearerAuthTransport{Token: token}
	return jira.NewClient(base, tp.Client())
}
