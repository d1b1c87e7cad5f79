package main

import (
	"os"

	jira "github.com/andygrunwald/go-jira"
)

func main() {
	tp := jira.BasicAuthTransport{Username: os.Getenv("JIRA_EMAIL"), Password: os.Getenv("JIRA_API_TOKEN")}
	client, _ := jira.NewClient(tp.Client(), os.Getenv("JIRA_URL"))
	_, _, _ = client.User.GetSelf()
}
