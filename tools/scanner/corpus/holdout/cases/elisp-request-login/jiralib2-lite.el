;;; jiralib2-lite.el --- minimal Jira access  -*- lexical-binding: t -*-
(require 'request)
(require 'json)

(defcustom jl-url "https://jira.example.com" "Jira base URL." :type 'string)
(defvar jl--session nil)

(defun jl-login (username password)
  "Log in and keep the session cookie."
  (let ((reply (request (concat jl-url "/rest/auth/1/session")
                 :type "POST"
                 :headers '(("Content-Type" . "application/json"))
                 :data (json-encode `((username . ,username) (password . ,password)))
                 :parser 'json-read
                 :sync t)))
    (let ((s (alist-get 'session (request-response-data reply))))
      (setq jl--session (format "%s=%s" (alist-get 'name s) (alist-get 'value s))))))
