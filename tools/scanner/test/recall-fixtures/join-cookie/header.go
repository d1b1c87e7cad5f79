package tracker

import "strings"

type signInAnswer struct {
	Session struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"session"`
}

// cookieHeader turns the answer of the sign-in into the header later requests send.
func cookieHeader(a signInAnswer) string {
	return strings.Join([]string{a.Session.Name, a.Session.Value}, "=")
}
