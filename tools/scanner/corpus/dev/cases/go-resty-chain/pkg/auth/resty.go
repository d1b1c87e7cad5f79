package auth

import "github.com/go-resty/resty/v2"

func Login(client *resty.Client, user, secret string) (*resty.Response, error) {
	return client.R().
		SetBody(map[string]string{"username": user, "password": secret}).
		Post("/rest/auth/1/session")
}
