require 'httparty'

class JiraBot
  include HTTParty
  base_uri ENV.fetch('JIRA_URL')

  def login(user, secret)
    res = self.class.post('/rest/auth/1/session', body: { username: user, password: secret }.to_json, headers: { 'Content-Type' => 'application/json' })
    @cookie = "#{res['session']['name']}=#{res['session']['value']}"
  end
end
