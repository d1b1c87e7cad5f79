import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileFix } from '../src/fix/fix-file';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

/** `luac -p` (Debian's lua5.4, installed by .ci/run): the rewritten file compiles. */
const LUAC = ['luac5.4', 'luac'].find((command) => {
  try {
    execFileSync(command, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

function expectLuacAccepts(result: FileFix): void {
  if (!LUAC) return;
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-lua-'));
  try {
    writeFileSync(join(folder, 'rewritten.lua'), result.after ?? '');
    execFileSync(LUAC, ['-p', join(folder, 'rewritten.lua')], { stdio: 'pipe' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

jest.setTimeout(30_000);

describe('Lua: session logins whose cookie the same code sends', () => {
  it('LuaSocket script: the login, its status check, the cookie and the JSON body with the password go; the request sends Basic via mime.b64', async () => {
    const source = `local http = require("socket.http")
local ltn12 = require("ltn12")
local cjson = require("cjson")

local base = os.getenv("JIRA_URL")
local payload = cjson.encode({ username = "reporter", password = "pw-in-lua-1" })
local ok, code, headers = http.request({
  url = base .. "/rest/auth/1/session",
  method = "POST",
  headers = { ["Content-Type"] = "application/json", ["Content-Length"] = #payload },
  source = ltn12.source.string(payload),
})
if code ~= 200 then error("login failed: " .. tostring(code)) end
local jsession = headers["set-cookie"]:match("JSESSIONID=[^;]+")

local out = {}
http.request({ url = base .. "/rest/api/2/search?jql=project=OPS", headers = { ["Cookie"] = jsession }, sink = ltn12.sink.table(out) })
print(table.concat(out))
`;
    const result = await scanAndFix('bin/report.lua', source, 'lua');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('headers = { ["Authorization"] = "Basic " .. (require("mime").b64(os.getenv("JIRA_EMAIL") .. ":" .. os.getenv("JIRA_API_TOKEN"))) }');
    expect(result.after).not.toMatch(/rest\/auth|pw-in-lua|jsession|payload|login failed/);
    expect(result.passwords).toEqual([expect.objectContaining({ removed: true })]);
    expect(result.after).toContain('-- JIRA_EMAIL + JIRA_API_TOKEN: ');
    await expectCleanAndStable(result, 'lua');
    expectLuacAccepts(result);
  });

  it('Neovim plugin (plenary.curl): the login and its session go inside the function; the cookie header becomes Authorization via vim.base64', async () => {
    const source = `local curl = require("plenary.curl")
local M = { base = "https://jira.example.com" }

function M.search(jql)
  local login = curl.post(M.base .. "/rest/auth/1/session", {
    body = vim.fn.json_encode({ username = M.user, password = os.getenv("JIRA_PASS") }),
    headers = { content_type = "application/json" },
  })
  local session = vim.fn.json_decode(login.body).session
  local res = curl.get(M.base .. "/rest/api/2/search", {
    query = { jql = jql },
    headers = { cookie = session.name .. "=" .. session.value, accept = "application/json" },
  })
  return vim.fn.json_decode(res.body).issues
end

return M
`;
    const result = await scanAndFix('lua/jira/search.lua', source, 'lua');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('headers = { Authorization = "Basic " .. vim.base64.encode(os.getenv("JIRA_EMAIL") .. ":" .. os.getenv("JIRA_API_TOKEN")), accept = "application/json" }');
    expect(result.after).not.toMatch(/rest\/auth|session|JIRA_PASS/);
    expect(result.after).toContain('  local res = curl.get(');
    await expectCleanAndStable(result, 'lua');
    expectLuacAccepts(result);
  });

  it('--bearer needs no Base64; a headers table filled by index sends it too', async () => {
    const source = `local http = require("resty.http")
local cjson = require("cjson")

local function fetch(base, user, pass)
  local client = http.new()
  local res = client:request_uri(base .. "/rest/auth/1/session", { method = "POST", body = cjson.encode({ username = user, password = pass }) })
  local sid = cjson.decode(res.body).session.value
  local headers = {}
  headers["Cookie"] = "JSESSIONID=" .. sid
  return client:request_uri(base .. "/rest/api/2/myself", { headers = headers })
end

return fetch
`;
    const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true };
    const result = await scanAndFix('lib/fetch.lua', source, 'lua', options);
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('  headers["Authorization"] = "Bearer " .. os.getenv("JIRA_PAT")\n');
    expect(result.after).not.toMatch(/rest\/auth|sid|cjson\.encode/);
    await expectCleanAndStable(result, 'lua', options);
    expectLuacAccepts(result);
  });

  it('refuses a login that returns its cookie to callers, and a runtime without Base64: notes, no edit', async () => {
    const returning = `local http = require("socket.http")
local M = {}
function M.login(base, body)
  local _, code, headers = http.request({ url = base .. "/rest/auth/1/session", method = "POST", source = body })
  return headers["set-cookie"]
end
return M
`;
    const kept = await scanAndFix('jira/session.lua', returning, 'lua');
    expect(kept.status).toBe('manual');
    expect(kept.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('Authorization = "Basic " .. (require("mime").b64(');
    const noBase64 = `local requests = require("requests")
local r = requests.post(os.getenv("JIRA_URL") .. "/rest/auth/1/session", { data = { username = "u", password = os.getenv("P") } })
local r2 = requests.get(os.getenv("JIRA_URL") .. "/rest/api/2/myself", { headers = { Cookie = r.headers["set-cookie"] } })
print(r2.text)
`;
    const manual = await scanAndFix('bin/who.lua', noBase64, 'lua');
    expect(manual.status).toBe('manual');
    expect(manual.manual[0]?.note).toContain('Lua has no Base64 of its own');
  });
});
