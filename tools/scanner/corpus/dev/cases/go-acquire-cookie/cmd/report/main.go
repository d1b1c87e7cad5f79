package main

import (
	"fmt"
	"os"

	jira "github.com/andygrunwald/go-jira"
)

func main() {
	client, err := jira.NewClient(nil, os.Getenv("JIRA_URL"))
	if err != nil {
		panic(err)
	}
	ok, err := client.Authentication.AcquireSessionCookie(os.Getenv("JIRA_USER"), os.Getenv("JIRA_PASS"))
	if err != nil || !ok {
		panic(err)
	}
	issue, _, _ := client.Issue.Get("OPS-1", nil)
	fmt.Println(issue.Fields.Summary)
}
