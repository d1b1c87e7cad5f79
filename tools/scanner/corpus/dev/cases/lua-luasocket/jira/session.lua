local http = require("socket.http")
local ltn12 = require("ltn12")
local json = require("dkjson")

local M = {}

function M.login(base, user, secret)
  local body = json.encode({ username = user, password = secret })
  local out = {}
  local _, code, headers = http.request({
    url = base .. "/rest/auth/1/session",
    method = "POST",
    headers = { ["Content-Type"] = "application/json", ["Content-Length"] = #body },
    source = ltn12.source.string(body),
    sink = ltn12.sink.table(out),
  })
  return code, headers["set-cookie"]
end

return M
