import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { embeddedShell } from '../src/analyzers/embedded-shell';
import { analyzeSource } from '../src/analyze-file';
import { addFingerprints } from '../src/fingerprint';
import { fixFile, type FileFix } from '../src/fix/fix-file';
import { scanAndFix } from './fix-helpers';

const OPTIONS = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_API_TOKEN', bearer: false };
const BASIC = '-u "$JIRA_EMAIL:$JIRA_API_TOKEN"';
const ANSIBLE_BASIC = `Authorization: "Basic {{ (lookup('env', 'JIRA_EMAIL') ~ ':' ~ lookup('env', 'JIRA_API_TOKEN')) | b64encode }}"`;

/** The rewrite parses as YAML, each job's script passes `bash -n`, nothing is left to a person, and a second run changes nothing. */
async function rewrite(file: string, source: string): Promise<FileFix> {
  const result = await scanAndFix(file, source, 'yaml', OPTIONS);
  expect(result.status).toBe('rewritten');
  expect(result.manual).toEqual([]);
  const after = result.after ?? '';
  expect(parseAllDocuments(after).flatMap((document) => document.errors)).toEqual([]);
  for (const program of embeddedShell(after, 'yaml')) execFileSync('bash', ['-n'], { input: program, stdio: ['pipe', 'pipe', 'pipe'] });
  const { findings } = await analyzeSource(after, 'yaml', file);
  expect(findings).toEqual([]);
  return result;
}

async function refused(file: string, source: string): Promise<FileFix> {
  const { findings } = await analyzeSource(source, 'yaml', file);
  const result = await fixFile(file, source, addFingerprints(findings), OPTIONS);
  expect(result.status).not.toBe('rewritten');
  expect(result.manual.length).toBe(findings.length);
  return result;
}

describe('yaml fix: CI scripts and Ansible uri tasks', () => {
  it('GitHub Actions: a login step of its own goes, the next step sends -u, the job gets the secrets in env', async () => {
    const source = `name: release notes
on: [push]
jobs:
  notes:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Open a tracker session
        run: |
          curl -sS -X POST -H "Content-Type: application/json" \\
            -d '{"username":"\${{ secrets.TRACKER_USER }}","password":"\${{ secrets.TRACKER_PASS }}"}' \\
            -c cookies.txt "\${{ vars.TRACKER }}/rest/auth/1/session"
      - name: Comment
        shell: bash
        run: |
          curl -sS -b cookies.txt -H "Content-Type: application/json" \\
            -d '{"body":"released"}' "\${{ vars.TRACKER }}/rest/api/2/issue/REL-1/comment"
`;
    const after = (await rewrite('.github/workflows/notes.yml', source)).after ?? '';
    expect(after).not.toMatch(/auth\/1\/session|cookies\.txt|Open a tracker session/);
    expect(after).toContain(`curl -sS ${BASIC} -H "Content-Type: application/json"`);
    expect(after).toContain('    env:\n      JIRA_EMAIL: ${{ secrets.JIRA_EMAIL }}\n      JIRA_API_TOKEN: ${{ secrets.JIRA_API_TOKEN }}\n');
  });

  it('GitHub Actions: a session handed to later steps through $GITHUB_OUTPUT or $GITHUB_ENV goes with its login step and id', async () => {
    const output = `on: push
jobs:
  transition:
    runs-on: ubuntu-latest
    steps:
      - name: Log in
        id: login
        run: |
          SID=$(curl -s -H 'Content-Type: application/json' -d '{"username":"bot","password":"\${{ secrets.JIRA_PASSWORD }}"}' "$JIRA_URL/rest/auth/1/session" | jq -r .session.value)
          echo "sid=$SID" >> "$GITHUB_OUTPUT"
      - name: Comment
        run: |
          curl -s -H "Cookie: JSESSIONID=\${{ steps.login.outputs.sid }}" -d '{"body":"done"}' "$JIRA_URL/rest/api/2/issue/$KEY/comment"
`;
    const afterOutput = (await rewrite('.github/workflows/output.yml', output)).after ?? '';
    expect(afterOutput).not.toMatch(/Log in|id: login|auth\/1\/session|GITHUB_OUTPUT|outputs\.sid/);
    expect(afterOutput).toContain(`curl -s ${BASIC} -d '{"body":"done"}'`);
    const env = `on: push
jobs:
  transition:
    runs-on: ubuntu-latest
    steps:
      - name: Log in
        run: |
          SID=$(curl -s -H 'Content-Type: application/json' -d "{\\"username\\":\\"bot\\",\\"password\\":\\"$JIRA_PASSWORD\\"}" "$JIRA_URL/rest/auth/1/session" | jq -r .session.value)
          echo "JIRA_SID=$SID" >> $GITHUB_ENV
      - name: Comment
        run: |
          curl -s -b "JSESSIONID=$JIRA_SID" "$JIRA_URL/rest/api/2/myself"
`;
    const afterEnv = (await rewrite('.github/workflows/env.yml', env)).after ?? '';
    expect(afterEnv).not.toMatch(/Log in|JIRA_SID|GITHUB_ENV/);
    expect(afterEnv).toContain(`curl -s ${BASIC} "$JIRA_URL/rest/api/2/myself"`);
  });

  it('GitHub Actions: a session output the job still hands on (job outputs) keeps its login, with its note', async () => {
    const source = `on: push
jobs:
  login:
    runs-on: ubuntu-latest
    outputs:
      sid: \${{ steps.login.outputs.sid }}
    steps:
      - name: Log in
        id: login
        run: |
          SID=$(curl -s -d '{"username":"bot","password":"x"}' -H 'Content-Type: application/json' "$JIRA_URL/rest/auth/1/session" | jq -r .session.value)
          echo "sid=$SID" >> "$GITHUB_OUTPUT"
      - name: Comment
        run: |
          curl -s -H "Cookie: JSESSIONID=\${{ steps.login.outputs.sid }}" "$JIRA_URL/rest/api/2/myself"
`;
    const { findings } = await analyzeSource(source, 'yaml', 'outputs.yml');
    const result = await fixFile('.github/workflows/outputs.yml', source, addFingerprints(findings), OPTIONS);
    expect(result.after).toContain('id: login');
    expect(result.after).toContain('echo "sid=$SID" >> "$GITHUB_OUTPUT"');
    expect(result.manual.map((entry) => entry.finding.ruleId)).toContain('session-login-call');
  });

  it('GitHub Actions: login and calls in one run block with the jar removed at the end; the job env that exists gets the entries', async () => {
    const source = `on: workflow_dispatch
jobs:
  sync:
    runs-on: ubuntu-latest
    env:
      TRACKER_URL: \${{ vars.TRACKER_URL }}
    steps:
      - run: |
          set -e
          curl -s -c /tmp/jar -H 'Content-Type: application/json' -d "{\\"username\\":\\"$USER_NAME\\",\\"password\\":\\"$USER_PASS\\"}" "$TRACKER_URL/rest/auth/1/session"
          curl -s -b /tmp/jar "$TRACKER_URL/rest/api/2/search?jql=project=OPS" > issues.json
          rm -f /tmp/jar
`;
    const after = (await rewrite('.github/workflows/sync.yml', source)).after ?? '';
    expect(after).toContain(`curl -s ${BASIC} "$TRACKER_URL/rest/api/2/search?jql=project=OPS" > issues.json\n`);
    expect(after).toContain('      TRACKER_URL: ${{ vars.TRACKER_URL }}\n      JIRA_EMAIL: ${{ secrets.JIRA_EMAIL }}\n');
    expect(after).not.toMatch(/\/tmp\/jar|auth\/1\/session/);
  });

  it('GitLab CI: a quoted before_script login goes with its list, the literal script item sends -u, after_script cleaning the jar goes', async () => {
    const source = `stages: [notify]

notify-tracker:
  stage: notify
  before_script:
    - 'curl -sf -c session.txt -H "Content-Type: application/json" -d "{\\"username\\":\\"$TRACKER_USER\\",\\"password\\":\\"$TRACKER_PASSWORD\\"}" "$TRACKER_URL/rest/auth/1/session"'
  script:
    - |
      curl -sf -b session.txt -X POST -H "Content-Type: application/json" \\
        -d "{\\"body\\":\\"Pipeline $CI_PIPELINE_ID passed\\"}" "$TRACKER_URL/rest/api/2/issue/$ISSUE/comment"
  after_script:
    - rm -f session.txt
`;
    const after = (await rewrite('.gitlab-ci.yml', source)).after ?? '';
    expect(after).not.toMatch(/before_script|after_script|session\.txt/);
    expect(after).toContain(`curl -sf ${BASIC} -X POST`);
  });

  it('GitLab CI: single-quoted items in one script list: the login item goes, the reader gets -u inside its quotes', async () => {
    const source = `report:
  script:
    - 'curl -s -X POST -c jar.txt -d @login.json -H "Content-Type: application/json" "$TRACKER/rest/auth/1/session"'
    - 'curl -s -b jar.txt "$TRACKER/rest/api/2/issue/$KEY" -o issue.json'
    - cat issue.json
`;
    const after = (await rewrite('.gitlab-ci.yml', source)).after ?? '';
    expect(after).toContain(`    - 'curl -s ${BASIC} "$TRACKER/rest/api/2/issue/$KEY" -o issue.json'\n    - cat issue.json\n`);
    expect(after).not.toContain('auth/1/session');
  });

  it('Azure Pipelines: the login step goes with its env, the reader step maps the secrets as $(NAME)', async () => {
    const source = `trigger:
  - main

steps:
  - script: |
      curl -s --cookie-jar $(Agent.TempDirectory)/jar -H 'Content-Type: application/json' \\
        --data "{\\"username\\":\\"$TRACKER_USER\\",\\"password\\":\\"$TRACKER_PASSWORD\\"}" "$(trackerUrl)/rest/auth/1/session"
    displayName: Sign in
    env:
      TRACKER_PASSWORD: $(trackerPassword)
  - script: |
      curl -s --cookie $(Agent.TempDirectory)/jar "$(trackerUrl)/rest/api/2/search?jql=fixVersion=1.0" -o issues.json
    displayName: Fetch issues
`;
    const after = (await rewrite('azure-pipelines.yml', source)).after ?? '';
    expect(after).not.toMatch(/Sign in|trackerPassword|jar/);
    expect(after).toContain('    displayName: Fetch issues\n    env:\n      JIRA_EMAIL: $(JIRA_EMAIL)\n      JIRA_API_TOKEN: $(JIRA_API_TOKEN)\n');
  });

  it('CircleCI: a run step of its own (name + command) goes; the next command sends -u (project variables are exported)', async () => {
    const source = `version: 2.1
jobs:
  notify:
    docker:
      - image: cimg/base:2024.01
    steps:
      - run:
          name: Sign in
          command: curl -s -c /tmp/jar -d @login.json "$TRACKER/rest/auth/1/session"
      - run:
          name: Comment
          command: |
            curl -s -b /tmp/jar -X POST -d @comment.json "$TRACKER/rest/api/2/issue/$KEY/comment"
`;
    const after = (await rewrite('.circleci/config.yml', source)).after ?? '';
    expect(after).not.toMatch(/Sign in|\/tmp\/jar|env:/);
    expect(after).toContain(`curl -s ${BASIC} -X POST -d @comment.json`);
  });

  it('Bitbucket Pipelines and Drone: the login command goes; Drone steps get the variables from_secret', async () => {
    const bitbucket = `pipelines:
  default:
    - step:
        name: Notify
        script:
          - curl -s -c jar.txt -d @login.json "$TRACKER/rest/auth/1/session"
          - curl -s -b jar.txt "$TRACKER/rest/api/2/issue/$KEY" -o issue.json
`;
    const afterBitbucket = (await rewrite('bitbucket-pipelines.yml', bitbucket)).after ?? '';
    expect(afterBitbucket).toContain(`          - curl -s ${BASIC} "$TRACKER/rest/api/2/issue/$KEY" -o issue.json\n`);
    expect(afterBitbucket).not.toContain('auth/1/session');
    const drone = `kind: pipeline
type: docker
name: default
steps:
  - name: notify
    image: curlimages/curl
    commands:
      - curl -s -c jar.txt -d @login.json "$TRACKER/rest/auth/1/session"
      - curl -s -b jar.txt "$TRACKER/rest/api/2/myself"
`;
    const afterDrone = (await rewrite('.drone.yml', drone)).after ?? '';
    expect(afterDrone).toContain('    environment:\n      JIRA_EMAIL: { from_secret: JIRA_EMAIL }\n      JIRA_API_TOKEN: { from_secret: JIRA_API_TOKEN }\n');
  });

  it('Ansible: the uri login task goes; Cookie headers from cookies_string, cookies.JSESSIONID and json.session become Authorization', async () => {
    const source = `---
- name: Start a tracker session
  ansible.builtin.uri:
    url: "{{ tracker_base }}/rest/auth/1/session"
    method: POST
    body_format: json
    body:
      username: "{{ tracker_user }}"
      password: "{{ tracker_pass }}"
  register: tracker_session

- name: Read the issue
  uri:
    url: "{{ tracker_base }}/rest/api/2/issue/{{ issue_key }}"
    headers:
      Cookie: "{{ tracker_session.cookies_string }}"
  register: issue

- name: Label it
  uri:
    url: "{{ tracker_base }}/rest/api/2/issue/{{ issue_key }}"
    method: PUT
    body_format: json
    body: { update: { labels: [ { add: deployed } ] } }
    status_code: 204
    headers:
      Content-Type: application/json
      Cookie: "JSESSIONID={{ tracker_session.cookies.JSESSIONID }}"

- name: Comment
  uri:
    url: "{{ tracker_base }}/rest/api/2/issue/{{ issue_key }}/comment"
    method: POST
    body_format: json
    body: { body: done }
    headers:
      Cookie: "{{ tracker_session.json.session.name }}={{ tracker_session.json.session.value }}"
`;
    const after = (await rewrite('roles/tracker/tasks/main.yml', source)).after ?? '';
    expect(after.startsWith('---\n- name: Read the issue\n')).toBe(true);
    expect(after.split(ANSIBLE_BASIC).length - 1).toBe(3);
    expect(after).not.toMatch(/tracker_session|tracker_pass|Cookie/);
  });

  it('Ansible: a set_fact that only copies the cookie goes with the login; headers built from the fact become Authorization', async () => {
    const source = `- name: Session
  ansible.builtin.uri:
    url: "{{ jira }}/rest/auth/1/session"
    method: POST
    body_format: json
    body: { username: "{{ user }}", password: "{{ pass }}" }
  register: auth
- name: Keep the cookie
  set_fact:
    jira_cookie: "{{ auth.json.session.name }}={{ auth.json.session.value }}"
- name: Fix version
  uri:
    url: "{{ jira }}/rest/api/2/version"
    method: POST
    body_format: json
    body: { name: "{{ release }}", project: OPS }
    status_code: 201
    headers:
      Cookie: "{{ jira_cookie }}"
`;
    const after = (await rewrite('tasks/version.yml', source)).after ?? '';
    expect(after.startsWith('- name: Fix version\n')).toBe(true);
    expect(after).toContain(ANSIBLE_BASIC);
    expect(after).not.toMatch(/jira_cookie|auth\.json/);
  });

  it('Ansible shell tasks: the curl login task goes, the next task sends -u and gets the variables through environment:', async () => {
    const source = `- name: Log in to the tracker
  shell: |
    curl -sf -c /tmp/tracker.jar -H 'Content-Type: application/json' \\
      -d '{"username":"{{ tracker_user }}","password":"{{ tracker_password }}"}' "{{ tracker_url }}/rest/auth/1/session"
  no_log: true

- name: Move the ticket
  shell: |
    curl -sf -b /tmp/tracker.jar -X POST -d '{"transition":{"id":"41"}}' "{{ tracker_url }}/rest/api/2/issue/{{ ticket }}/transitions"
`;
    const after = (await rewrite('tasks/move.yml', source)).after ?? '';
    expect(after.startsWith('- name: Move the ticket\n')).toBe(true);
    expect(after).toContain(`curl -sf ${BASIC} -X POST`);
    expect(after).toContain(`  environment:\n    JIRA_EMAIL: "{{ lookup('env', 'JIRA_EMAIL') }}"\n`);
  });

  it('refuses: an Ansible session also read by a when:, and a GitHub login step whose id a later step reads', async () => {
    const ansible = `- name: Login
  uri:
    url: "{{ base }}/rest/auth/1/session"
    method: POST
    body_format: json
    body: { username: "{{ u }}", password: "{{ p }}" }
  register: login
- debug:
    msg: signed in
  when: login.status == 200
- uri:
    url: "{{ base }}/rest/api/2/myself"
    headers:
      Cookie: "{{ login.cookies_string }}"
`;
    const result = await refused('tasks/main.yml', ansible);
    expect(result.manual.map((entry) => entry.note).join('\n')).toContain('`login` is also read at line 10');
    const github = `jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: login
        run: curl -s -c jar -d @creds.json "$URL/rest/auth/1/session"
      - if: steps.login.outcome == 'success'
        run: curl -s -b jar "$URL/rest/api/2/myself"
`;
    await refused('.github/workflows/a.yml', github);
  });
});
