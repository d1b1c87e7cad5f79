package tracker

import "net/http"

func endSession(site string) (*http.Request, error) {
	return http.NewRequest(http.MethodDelete, site+"/rest/auth/1/session", nil)
}
