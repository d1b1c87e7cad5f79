package web

import (
	"net/http"

	"github.com/gorilla/sessions"
)

var store = sessions.NewCookieStore([]byte("replace-me-with-a-key"))

func Logout(w http.ResponseWriter, r *http.Request) {
	session, _ := store.Get(r, "app-session")
	session.Options.MaxAge = -1
	_ = session.Save(r, w)
}
