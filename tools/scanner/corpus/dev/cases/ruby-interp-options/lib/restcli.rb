require 'net/http'
require 'json'

class RestCli
  def initialize(options)
    @options = { proto: 'https', port: 443, context: '' }.merge(options)
  end

  def login_url
    "#{@options[:proto]}://#{@options[:host]}:#{@options[:port]}/#{@options[:context]}rest/auth/latest/session"
  end

  def login(user, secret)
    uri = URI(login_url)
    Net::HTTP.post(uri, { username: user, password: secret }.to_json, 'Content-Type' => 'application/json')
  end
end
