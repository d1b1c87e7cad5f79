local curl = require("plenary.curl")
local config = require("jira-nvim.config")

local api = {}

function api.login()
  local res = curl.post(config.options.url .. "/rest/auth/latest/session", {
    body = vim.fn.json_encode({ username = config.options.user, password = os.getenv("JIRA_PASS") }),
    headers = { content_type = "application/json" },
  })
  local s = vim.fn.json_decode(res.body).session
  api.cookie = s.name .. "=" .. s.value
end

return api
