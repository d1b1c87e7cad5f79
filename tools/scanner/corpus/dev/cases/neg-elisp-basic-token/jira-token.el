;;; jira-token.el --- Basic auth with an API token
(defun jira-token-header (email token)
  (cons "Authorization" (format "Basic %s" (base64-encode-string (concat email ":" token) t))))
