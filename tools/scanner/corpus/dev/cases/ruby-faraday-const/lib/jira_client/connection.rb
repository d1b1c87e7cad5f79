require 'faraday'
require_relative 'paths'

module JiraClient
  class Connection
    def initialize(site)
      @http = Faraday.new(url: site) { |f| f.request :json; f.response :json }
    end

    def sign_in(user, secret)
      @http.post(Paths::SESSION, username: user, password: secret)
    end
  end
end
