require 'jira-ruby'

CLIENT = JIRA::Client.new(
  site: ENV.fetch('JIRA_SITE'),
  context_path: '',
  auth_type: :basic,
  username: ENV.fetch('JIRA_EMAIL'),
  password: ENV.fetch('JIRA_API_TOKEN')
)
