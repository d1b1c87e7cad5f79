module Tracker
  SESSION = '/rest/auth/1/session'.freeze
end
