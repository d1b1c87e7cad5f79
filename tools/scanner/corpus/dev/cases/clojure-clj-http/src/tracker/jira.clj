(ns tracker.jira
  (:require [clj-http.client :as http]))

(defn login [base user secret]
  (let [resp (http/post (str base "/rest/auth/1/session")
                        {:form-params {:username user :password secret}
                         :content-type :json
                         :as :json})
        {:keys [name value]} (get-in resp [:body :session])]
    (str name "=" value)))
