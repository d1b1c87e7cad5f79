package tracker

import "net/http"

func Logout(client *http.Client, site string) error {
	req, err := http.NewRequest("DELETE", site+authBase+"/session", nil)
	if err != nil {
		return err
	}
	_, err = client.Do(req)
	return err
}
