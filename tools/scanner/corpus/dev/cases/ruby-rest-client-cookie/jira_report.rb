require 'rest-client'
require 'json'

base = ENV['JIRA_URL']
login = JSON.parse(RestClient.post("#{base}/rest/auth/1/session", { username: ENV['JU'], password: ENV['JP'] }.to_json, content_type: :json))
cookies = { login['session']['name'] => login['session']['value'] }
issues = JSON.parse(RestClient.get("#{base}/rest/api/2/search", cookies: cookies, params: { jql: 'project = OPS' }))
puts issues['total']
