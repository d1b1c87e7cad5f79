package tracker

import (
	"net/http"
	"strings"
)

type signInReply struct {
	Session struct {
		Key    string `json:"name"`
		Secret string `json:"value"`
	} `json:"session"`
}

func cookieOf(base, body string) (string, error) {
	resp, err := http.Post(base+"/rest/auth/1/session", "application/json", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	var r signInReply
	if err := decode(resp, &r); err != nil {
		return "", err
	}
	return r.Session.Key + "=" + r.Session.Secret, nil
}
