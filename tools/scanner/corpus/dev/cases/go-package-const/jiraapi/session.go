package jiraapi

import (
	"bytes"
	"encoding/json"
	"net/http"
)

func (c *Client) Login(user, secret string) (*http.Response, error) {
	body, _ := json.Marshal(map[string]string{"username": user, "password": secret})
	req, err := http.NewRequest(http.MethodPost, c.base+sessionPath, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.http.Do(req)
}
