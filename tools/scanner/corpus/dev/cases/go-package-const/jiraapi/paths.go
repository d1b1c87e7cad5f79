package jiraapi

const (
	apiBase     = "rest/api/2/"
	sessionPath = "rest/auth/1/session"
)
