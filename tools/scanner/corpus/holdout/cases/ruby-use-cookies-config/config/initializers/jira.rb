JIRA_OPTIONS = {
  site: Rails.application.credentials.jira[:site],
  auth_type: Rails.env.production? ? :basic : :cookie,
  use_cookies: true,
  username: Rails.application.credentials.jira[:user],
  password: Rails.application.credentials.jira[:password]
}.freeze
