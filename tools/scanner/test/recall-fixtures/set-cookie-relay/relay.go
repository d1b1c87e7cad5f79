package tracker

import "net/http"

func whoAmI(base string, creds http.Request) (*http.Response, error) {
	signIn, err := http.Post(base+"/rest/auth/1/session", "application/json", creds.Body)
	if err != nil {
		return nil, err
	}
	jar := signIn.Header.Get("Set-Cookie")
	req, _ := http.NewRequest("GET", base+"/rest/api/2/myself", nil)
	req.Header.Set("Cookie", jar)
	return http.DefaultClient.Do(req)
}
