;;; jira-rest-auth.el --- session helper
(require 'url)

(defvar jira-rest-endpoint "https://jira.example.com/rest/")

(defun jira-rest-logout ()
  (let ((url-request-method "DELETE"))
    (url-retrieve-synchronously (concat jira-rest-endpoint "auth/1/session"))))
