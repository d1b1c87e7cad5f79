# The client flow with jira-ruby (Debian's ruby-jira), used as its README shows.
#
# Run by apps/server-e2e/src/jira-clients.spec.ts with /usr/bin/ruby. Reads the flow's settings as JSON on
# stdin (see src/clients/flow.ts) and prints one JSON object: each step's outcome, {"ok": true, "value": ...}
# or {"ok": false, "error": "..."}. The assertions live in the spec, shared by every library.
require 'json'
require 'net/http'
require 'jira-ruby'

settings = JSON.parse($stdin.read)
url = settings['url']
mode = settings['mode']
tag = settings['tag']
results = {}
state = {}

step = lambda do |name, &run|
  results[name] = { ok: true, value: run.call }
rescue JIRA::HTTPError => e
  results[name] = { ok: false, error: "HTTP #{e.response.code} #{e.response.body.to_s[0, 500]}" }
rescue StandardError => e
  results[name] = { ok: false, error: "#{e.class}: #{e.message}"[0, 600] }
end

need = lambda do |key|
  state.fetch(key) { raise "needs #{key} from an earlier step" }
end

options = { site: url, context_path: '', use_ssl: false, read_timeout: 30 }
connect = lambda do
  case mode
  when 'cookie'
    # Cookie mode: POST /rest/auth/1/session when the client is made; the session cookie is sent after.
    JIRA::Client.new(options.merge(auth_type: :cookie, username: settings['username'], password: settings['password']))
  when 'basic'
    JIRA::Client.new(options.merge(auth_type: :basic, username: settings['email'], password: settings['token']))
  else
    # jira-ruby has no Bearer mode: the header is passed by hand through its default_headers option.
    JIRA::Client.new(options.merge(auth_type: :basic, default_headers: { 'Authorization' => "Bearer #{settings['token']}" }))
  end
end

begin
  client = connect.call
rescue StandardError => e
  puts JSON.generate(connect: { ok: false, error: "#{e.class}: #{e.message}"[0, 600] })
  exit 0
end

issue_summary = lambda do |raw|
  fields = raw['fields'] || {}
  {
    key: raw['key'],
    issuetype: fields.dig('issuetype', 'name'),
    status: fields.dig('status', 'name'),
    resolution: fields.dig('resolution', 'name'),
    created: fields['created']
  }
end

status_with = lambda do |cookie|
  uri = URI("#{url}/rest/api/2/myself")
  Net::HTTP.start(uri.host, uri.port) { |http| http.get(uri.path, 'Cookie' => cookie).code.to_i }
end
cookie_of = ->(jira) { jira.request_client.instance_variable_get(:@cookies).values.map { |c| "#{c.name}=#{c.value[0]}" }.join('; ') }

step.call('whoami') { { name: client.User.myself.name } }
step.call('serverInfo') do
  info = client.ServerInfo.all
  { version: info.version, deploymentType: info.deploymentType }
end
step.call('projects') do
  found = client.Project.all
  state[:project_id] = found.find { |p| p.key == settings['projectKey'] }&.id
  { keys: found.map(&:key), ids: found.map(&:id) }
end
step.call('issueTypes') do
  found = client.Issuetype.all
  state[:bug_id] = found.find { |t| t.name == 'Bug' }&.id
  { names: found.map(&:name), ids: found.map(&:id) }
end
step.call('createmeta') do
  meta = client.Createmeta.all(projectKeys: settings['projectKey'], expand: 'projects.issuetypes.fields')
  { projects: meta.map { |p| { key: p.key, issuetypes: p.issuetypes.map { |t| { name: t['name'], fields: (t['fields'] || {}).keys.sort } } } } }
end
step.call('createByKey') do
  issue = client.Issue.build
  issue.save!('fields' => { 'project' => { 'key' => settings['projectKey'] }, 'issuetype' => { 'name' => 'Bug' }, 'summary' => "#{tag}: created by key" })
  state[:key] = issue.key
  { key: issue.key }
end
step.call('createById') do
  issue = client.Issue.build
  issue.save!('fields' => { 'project' => { 'id' => need.call(:project_id) }, 'issuetype' => { 'id' => need.call(:bug_id) }, 'summary' => "#{tag}: created by id" })
  { key: issue.key }
end
step.call('getIssue') do
  issue = client.Issue.find(need.call(:key), fields: 'summary,status,issuetype', expand: 'names,renderedFields,changelog')
  { key: issue.key, fields: issue.attrs['fields'].keys.sort, summary: issue.summary,
    expanded: %w[changelog names renderedFields].select { |k| issue.attrs.key?(k) } }
end
step.call('edit') do
  issue = client.Issue.find(need.call(:key))
  issue.save!('fields' => { 'summary' => "#{tag}: edited", 'description' => "Edited by #{tag}" })
  { summary: client.Issue.find(need.call(:key)).summary }
end
step.call('comment') do
  issue = client.Issue.find(need.call(:key))
  issue.comments.build.save!('body' => "#{tag} was here")
  { bodies: client.Issue.find(need.call(:key)).comments.map(&:body) }
end
step.call('transitions') do
  issue = client.Issue.find(need.call(:key))
  available = issue.transitions.all
  # A transition's `to` is a Status resource (has_one) in jira-ruby.
  chosen = available.find { |t| t.to.name == settings['transitionTo'] } || available.first
  issue.transitions.build.save!('transition' => { 'id' => chosen.id })
  { transitions: available.map { |t| { id: t.id, name: t.name, to: t.to.name } }, chosenTo: chosen.to.name,
    statusAfter: client.Issue.find(need.call(:key)).status.name }
end
settings['searches'].each do |label, jql|
  step.call("search: #{label}") do
    issues = client.Issue.jql(jql, fields: %w[issuetype status resolution created], max_results: 100)
    { total: client.Issue.jql(jql, max_results: 0), issues: issues.map { |issue| issue_summary.call(issue.attrs) } }
  end
end
if mode == 'cookie'
  # jira-ruby has no logout: the session resource's DELETE is sent through the client's own request method.
  step.call('logout') do
    cookie = cookie_of.call(client)
    response = client.delete('/rest/auth/1/session')
    { status: response.code.to_i, oldCookieStatus: status_with.call(cookie) }
  end
  step.call('reloginAfterExpiry') do
    client = connect.call
    client.User.myself
    sleep(settings['idleSeconds'] + 1)
    expired = begin
      client.User.myself
      200
    rescue JIRA::HTTPError => e
      e.response.code.to_i
    end
    # jira-ruby logs in when a cookie-mode client is made: a new client is its way to log in again.
    { expiredStatus: expired, name: connect.call.User.myself.name }
  end
end
puts JSON.generate(results)
