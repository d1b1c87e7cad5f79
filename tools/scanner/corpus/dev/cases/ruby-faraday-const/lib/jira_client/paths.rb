module JiraClient
  module Paths
    SESSION = '/rest/auth/1/session'.freeze
    ISSUE = '/rest/api/2/issue'.freeze
  end
end
