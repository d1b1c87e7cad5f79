require 'jira-ruby'

namespace :jira do
  task :sync do
    options = {
      site: ENV.fetch('JIRA_SITE'),
      context_path: '',
      username: ENV.fetch('JIRA_USER'),
      password: ENV.fetch('JIRA_PASS'),
      auth_type: :cookie
    }
    client = JIRA::Client.new(options)
    client.Project.all.each { |p| puts p.key }
  end
end
