;;; tracker-auth.el --- made-up client -*- lexical-binding: t -*-

(defvar tracker--cookie nil)

(defun tracker-sign-in (base user secret)
  (let* ((reply (request (concat base "/rest/auth/1/session")
                  :type "POST" :sync t :parser 'json-read
                  :data (json-encode `((username . ,user) (password . ,secret)))))
         (sess (alist-get 'session (request-response-data reply))))
    (setq tracker--cookie
          (format "%s=%s" (cdr (assoc 'name sess)) (cdr (assoc 'value sess))))))

(defun tracker-cookie-of (sess)
  (concat (plist-get sess :name) "=" (plist-get sess :value)))
