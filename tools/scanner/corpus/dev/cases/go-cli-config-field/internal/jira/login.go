package jira

import (
	"net/http"
	"strings"

	"example.com/tool/internal/config"
)

func Login(c config.Jira, body string) (*http.Response, error) {
	return http.Post(c.URL+c.LoginPath, "application/json", strings.NewReader(body))
}
