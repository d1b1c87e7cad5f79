package gojira

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
)

func TestLoginSendsCredentials(t *testing.T) {
	setup()
	defer teardown()
	mux.HandleFunc("/rest/auth/1/session", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodPost)
		testRequestURL(t, r, "/rest/auth/1/session")
		b, _ := io.ReadAll(r.Body)
		if !bytes.Contains(b, []byte(`"password":"hunter2"`)) {
			t.Error("no password in the login body")
		}
		fmt.Fprint(w, `{"session":{"name":"JSESSIONID","value":"abc123"}}`)
	})
	if _, err := client.Authentication.AcquireSessionCookie("ci", os.Getenv("TRACKER_PW")); err != nil {
		t.Fatal(err)
	}
}
