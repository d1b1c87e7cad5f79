local curl = require("plenary.curl")

return function(url, email, token)
  return curl.get(url .. "/rest/api/2/myself", { auth = email .. ":" .. token })
end
