import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FIX_OPTIONS } from '../src/fix/plan';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

// Shapes read in public Python clients (written here from scratch): a urllib opener whose cookie processor keeps
// the login's cookie (built and used, or installed for urlopen), a bare urlopen login whose cookie goes into a
// header, and a login helper that hands the session's cookie jar on (`return s.cookies`).

jest.setTimeout(60_000);

const BASIC = `base64.b64encode(f"{os.environ['JIRA_EMAIL']}:{os.environ['JIRA_API_TOKEN']}".encode()).decode()`;

/** Python's own compiler accepts the text. */
function pyCompile(text: string): void {
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-py-shapes-'));
  try {
    writeFileSync(join(folder, 'client.py'), text);
    execFileSync('/usr/bin/python3', ['-m', 'py_compile', join(folder, 'client.py')], { stdio: 'pipe' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('Python fix: urllib openers that keep the session cookie', () => {
  const OPENER = `import http.cookiejar
import json
import os
import urllib.request

BASE = os.environ["JIRA_URL"]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
body = json.dumps({"username": "bot", "password": os.environ["JIRA_PASSWORD"]}).encode()
opener.open(urllib.request.Request(BASE + "/rest/auth/1/session", data=body, headers={"Content-Type": "application/json"}))
with opener.open(BASE + "/rest/api/2/myself") as answer:
    print(json.load(answer)["name"])
`;

  it('the login becomes an Authorization header every request of the opener sends; its body goes', async () => {
    const result = await scanAndFix('client.py', OPENER, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`\nopener.addheaders.append(("Authorization", "Basic " + ${BASIC}))\nwith opener.open(`);
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).not.toContain('body =');
    expect(result.after).toMatch(/^import base64\n/);
    pyCompile(result.after ?? '');
  });

  it('with --bearer the header carries the token', async () => {
    const result = await scanAndFix('client.py', OPENER, 'python', { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(result.after).toContain('\nopener.addheaders.append(("Authorization", "Bearer " + os.environ["JIRA_API_TOKEN"]))\n');
    expect(result.after).not.toContain('base64');
    pyCompile(result.after ?? '');
  });

  it('an opener installed for urlopen: the login kept in a Request variable goes, the installed opener sends the header', async () => {
    const source = `import json
import os
from http.cookiejar import CookieJar
from urllib.request import HTTPCookieProcessor, Request, build_opener, install_opener, urlopen

BASE = os.environ["JIRA_URL"]
opener = build_opener(HTTPCookieProcessor(CookieJar()))
install_opener(opener)
login = Request(BASE + "/rest/auth/1/session", data=json.dumps({"username": "bot", "password": os.environ["JIRA_PASSWORD"]}).encode())
urlopen(login)
print(json.load(urlopen(BASE + "/rest/api/2/myself"))["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`install_opener(opener)\n# JIRA_EMAIL + JIRA_API_TOKEN`);
    expect(result.after).toContain(`\nopener.addheaders.append(("Authorization", "Basic " + ${BASIC}))\nprint(`);
    expect(result.after).not.toContain('login =');
    pyCompile(result.after ?? '');
  });

  it('an opener this file does not build (handed in) keeps the login for a person', async () => {
    const result = await scanAndFix('client.py', OPENER.replace('urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))', 'make_opener(jar)'), 'python');
    expect(result.status).toBe('manual');
    expect(result.manual.map((entry) => entry.finding.ruleId)).toEqual(['session-login-call']);
  });

  it('a bare urlopen login whose cookie went into a header goes once that header carries the credentials', async () => {
    const source = `import json
import os
from urllib.request import Request, urlopen

BASE = os.environ["JIRA_URL"]
answer = urlopen(Request(BASE + "/rest/auth/1/session", data=json.dumps({"username": "bot", "password": os.environ["JIRA_PASSWORD"]}).encode()))
cookie = "JSESSIONID=" + json.load(answer)["session"]["value"]
print(json.load(urlopen(Request(BASE + "/rest/api/2/myself", headers={"Cookie": cookie})))["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).not.toContain('cookie =');
    expect(result.after).toContain(`headers={"Authorization": "Basic " + ${BASIC}}`);
    pyCompile(result.after ?? '');
  });
});

describe('Python fix: a session whose cookie jar is handed on', () => {
  it('`return s.cookies` after the login: s.auth would reach nobody, so the login stays with a note', async () => {
    const source = `import os

import requests
from jira import JIRA


class Connection:
    def __init__(self, url):
        self.url = url
        self.jira = JIRA(options={"server": url, "cookies": self.authenticate()})

    def authenticate(self):
        with requests.Session() as s:
            s.post(self.url + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
            return s.cookies
`;
    const result = await scanAndFix('client.py', source, 'python');
    expect(result.status).toBe('manual');
    expect(result.manual[0]?.note).toBe(
      'The session\'s cookie is handed on (`s.cookies` at line 15): credentials set on s would not reach whoever reads it. Send auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"]) where that cookie is used, then delete this login.',
    );
  });

  it('a jar filled from the login and only used by the session itself still gets s.auth', async () => {
    const source = `import os

import requests

s = requests.Session()
r = s.post(os.environ["JIRA_URL"] + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
s.cookies.update(r.cookies)
print(s.get(os.environ["JIRA_URL"] + "/rest/api/2/myself").json()["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.after).toContain('s.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])');
    expect(result.after).not.toContain('/rest/auth/1/session');
    pyCompile(result.after ?? '');
  });
});

describe('Python fix: the cookie set by subscript, and an assert on the login', () => {
  it('`headers["Cookie"] = <Set-Cookie>` becomes the Authorization header; the urlopen login that gave it goes', async () => {
    const source = `import json
import os
from urllib.request import Request, urlopen

BASE = os.environ["JIRA_URL"]
headers = {"Content-Type": "application/json"}
response = urlopen(Request(BASE + "/rest/auth/1/session", json.dumps({"username": "bot", "password": os.environ["JIRA_PASSWORD"]}).encode(), headers=headers, method="POST"))
headers["Cookie"] = response.headers.get("Set-Cookie", "")
print(json.load(urlopen(Request(BASE + "/rest/api/2/myself", headers=headers)))["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`\nheaders["Authorization"] = "Basic " + ${BASIC}\nprint(`);
    expect(result.after).not.toContain('/rest/auth/1/session');
    pyCompile(result.after ?? '');
  });

  it('`s.headers["Cookie"] = …` mutates the session: the calls on it after that line stay', async () => {
    const source = `import os

import requests

BASE = os.environ["JIRA_URL"]
s = requests.Session()
r = s.post(BASE + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
s.headers["Cookie"] = "JSESSIONID=" + r.json()["session"]["value"]
print(s.get(BASE + "/rest/api/2/myself").json()["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.after).toContain('\nprint(s.get(BASE + "/rest/api/2/myself").json()["name"])\n');
    expect(result.after).toContain(`s.headers["Authorization"] = "Basic " + ${BASIC}\n`);
    expect(result.after).not.toContain('/rest/auth/1/session');
    pyCompile(result.after ?? '');
  });

  it('`assert r.status_code == 200` after the login only checks the login: it goes with it', async () => {
    const source = `import os

import requests

BASE = os.environ["JIRA_URL"]
s = requests.Session()
resp = s.post(BASE + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
assert resp.status_code == 200
print(s.get(BASE + "/rest/api/2/myself").json()["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('s.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\nprint(');
    expect(result.after).not.toContain('assert');
    pyCompile(result.after ?? '');
  });

  it('an assert that reads more than the status stays, and so does the login', async () => {
    const source = `import os

import requests

BASE = os.environ["JIRA_URL"]
s = requests.Session()
resp = s.post(BASE + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
assert resp.json()["session"]["name"] == "JSESSIONID"
print(s.get(BASE + "/rest/api/2/myself").json()["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    expect(result.status).toBe('manual');
  });
});

describe('Python fix: an aiohttp login sent as `async with session.post(…) as response:`', () => {
  const AIO = `import asyncio
import os

import aiohttp

BASE = os.environ["JIRA_URL"]


async def main():
    async with aiohttp.ClientSession() as session:
        async with session.post(BASE + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]}) as response:
            if not response.ok:
                raise RuntimeError(await response.text())
        async with session.get(BASE + "/rest/api/2/myself") as response:
            print((await response.json())["name"])


asyncio.run(main())
`;

  it('a block that only checks the login goes; the session is made with BasicAuth', async () => {
    const result = await scanAndFix('client.py', AIO, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('    async with aiohttp.ClientSession(auth=aiohttp.BasicAuth(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])) as session:\n        async with session.get(');
    expect(result.after).not.toContain('/rest/auth/1/session');
    pyCompile(result.after ?? '');
  });

  it('a block that does more with the answer (prints it) stays for a person', async () => {
    const source = AIO.replace('                raise RuntimeError(await response.text())\n', '                raise RuntimeError(await response.text())\n            print(await response.json())\n');
    const result = await scanAndFix('client.py', source, 'python');
    expect(result.status).toBe('manual');
  });
});

describe('Python fix: the jira package\'s session() (who is signed in)', () => {
  const CLIENT = `import os

from jira import JIRA

jira = JIRA(os.environ["JIRA_URL"], auth=("bot", os.environ["JIRA_PASSWORD"]))
jira.session()
print(jira.session().name)
`;

  it('a check becomes jira.myself(), and .name is read from myself()\'s dict', async () => {
    const result = await scanAndFix('client.py', CLIENT, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('\njira.myself()\nprint(jira.myself()["name"])\n');
    expect(result.after).toContain('basic_auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])');
    pyCompile(result.after ?? '');
  });

  it('the session User kept for more (loginInfo) stays, with a note pointing at myself()', async () => {
    const result = await scanAndFix('client.py', CLIENT.replace('print(jira.session().name)', 'info = jira.session()\nprint(info.raw["loginInfo"])'), 'python');
    expect(result.after).toContain('\ninfo = jira.session()\n');
    expect(result.manual.map((entry) => entry.note)).toEqual([
      'jira.session() reads the cookie session (who is signed in): read jira.myself() instead (a dict with name, emailAddress and displayName, not the session\'s loginInfo: check what the code reads).',
    ]);
  });

  it('session() of anything but a JIRA client this file makes is left alone', async () => {
    const source = `import os

import requests

s = requests.Session()
s.post(os.environ["JIRA_URL"] + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
db = make_db()
db.session()
`;
    const result = await scanAndFix('client.py', source, 'python');
    expect(result.after).toContain('\ndb.session()\n');
  });
});

describe('Python fix: logins sent with request("POST", …)', () => {
  it('on a requests session: the login becomes s.auth', async () => {
    const source = `import os

import requests

BASE = os.environ["JIRA_URL"]
s = requests.Session()
s.request("POST", BASE + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
print(s.request("GET", BASE + "/rest/api/2/myself").json()["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('\ns.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\nprint(s.request("GET"');
    pyCompile(result.after ?? '');
  });

  it('through the requests module: the login goes once its cookie is replaced by auth=', async () => {
    const source = `import os

import requests

BASE = os.environ["JIRA_URL"]
r = requests.request("POST", BASE + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
print(requests.request("GET", BASE + "/rest/api/2/myself", cookies=r.cookies).json()["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).toContain('auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])).json()');
    pyCompile(result.after ?? '');
  });

  it('an http.client connection keeps its login: its answer is read by the next getresponse(), apart from the call', async () => {
    const source = `import http.client
import json
import os

conn = http.client.HTTPSConnection(os.environ["JIRA_HOST"])
conn.request("POST", "/rest/auth/1/session", json.dumps({"username": "bot", "password": os.environ["JIRA_PASSWORD"]}), {"Content-Type": "application/json"})
cookie = conn.getresponse().getheader("Set-Cookie").split(";")[0]
conn.request("GET", "/rest/api/2/myself", headers={"Cookie": cookie})
print(json.load(conn.getresponse())["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    expect(result.after ?? source).toContain('conn.request("POST", "/rest/auth/1/session"');
    expect(result.after ?? source).toContain('cookie = conn.getresponse()');
  });
});

describe('Python fix: pycurl, a login handle that saves the cookie for the others', () => {
  const CURL = `import json
import os
from io import BytesIO

import pycurl

BASE = os.environ["JIRA_URL"]
body = json.dumps({"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
login = pycurl.Curl()
login.setopt(pycurl.URL, BASE + "/rest/auth/1/session")
login.setopt(pycurl.POSTFIELDS, body)
login.setopt(pycurl.HTTPHEADER, ["Content-Type: application/json"])
login.setopt(pycurl.COOKIEJAR, "cookies.txt")
login.perform()
login.close()

buffer = BytesIO()
me = pycurl.Curl()
me.setopt(pycurl.URL, BASE + "/rest/api/2/myself")
me.setopt(pycurl.COOKIEFILE, "cookies.txt")
me.setopt(pycurl.WRITEDATA, buffer)
me.perform()
print(json.loads(buffer.getvalue())["name"])
`;

  it('the login handle goes whole; the handle that read the cookie file sends USERPWD', async () => {
    const result = await scanAndFix('client.py', CURL, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).not.toContain('login');
    expect(result.after).not.toContain('body =');
    expect(result.after).toContain(`\nme.setopt(pycurl.USERPWD, f"{os.environ['JIRA_EMAIL']}:{os.environ['JIRA_API_TOKEN']}")\n`);
    pyCompile(result.after ?? '');
  });

  it('with --bearer the reading handle sends the Authorization header', async () => {
    const result = await scanAndFix('client.py', CURL, 'python', { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(result.after).toContain('\nme.setopt(pycurl.HTTPHEADER, ["Authorization: Bearer " + os.environ["JIRA_API_TOKEN"]])\n');
    pyCompile(result.after ?? '');
  });

  it('a login handle read for more (its status) keeps the login for a person', async () => {
    const result = await scanAndFix('client.py', CURL.replace('login.close()\n', 'print(login.getinfo(pycurl.RESPONSE_CODE))\nlogin.close()\n'), 'python');
    expect(result.after ?? CURL).toContain('login.setopt(pycurl.URL, BASE + "/rest/auth/1/session")');
  });

  it('no handle reading the cookie file: nothing would send credentials, so the login stays', async () => {
    const result = await scanAndFix('client.py', CURL.replace('me.setopt(pycurl.COOKIEFILE, "cookies.txt")\n', ''), 'python');
    expect(result.after ?? CURL).toContain('login.setopt(pycurl.URL, BASE + "/rest/auth/1/session")');
  });
});

describe('Python fix: a GET of the session that signs in (it sends the password)', () => {
  it('params={"os_password": …} whose Set-Cookie went into a header: the GET and the cookie taken apart go', async () => {
    const source = `import os
import re

import requests

BASE = os.environ["JIRA_URL"]
r = requests.get(BASE + "/rest/auth/1/session", params={"os_username": "bot", "os_password": os.environ["JIRA_PASSWORD"]}, timeout=5)
sid = re.match("JSESSIONID=.*?;", r.headers["Set-Cookie"]).group().split(";")[0]
headers = {"cookie": sid, "Content-Type": "application/json"}
print(requests.get(BASE + "/rest/api/2/project", headers=headers).json())
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).not.toContain('sid =');
    pyCompile(result.after ?? '');
  });

  it('on a session with auth=: the session keeps the credentials instead', async () => {
    const source = `import os

import requests

BASE = os.environ["JIRA_URL"]
s = requests.Session()
s.get(BASE + "/rest/auth/1/session", auth=("bot", os.environ["JIRA_PASSWORD"]))
print(s.get(BASE + "/rest/api/2/myself").json()["name"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('\ns.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\nprint(');
    pyCompile(result.after ?? '');
  });

  it('a GET whose answer is printed (who is signed in) stays, with the myself note', async () => {
    const source = `import os

import requests

s = requests.Session()
print(s.get(os.environ["JIRA_URL"] + "/rest/auth/1/session", auth=("bot", os.environ["JIRA_PASSWORD"])).json())
r = s.get(os.environ["JIRA_URL"] + "/rest/auth/1/session", auth=("bot", os.environ["JIRA_PASSWORD"]))
print(r.json()["loginInfo"])
`;
    const result = await scanAndFix('client.py', source, 'python');
    expect(result.status).toBe('manual');
    expect(result.manual.map((entry) => entry.note)).toEqual([expect.stringContaining('This GET reads the session resource'), expect.stringContaining('This GET reads the session resource')]);
  });
});

describe('Python fix: the session URL constant only the login read', () => {
  it('goes with a login that became s.auth (post(url=LOGIN_URL, data=json.dumps(…)))', async () => {
    const source = `import json
import os

import requests

BASE = os.environ["JIRA_URL"]
LOGIN_URL = BASE + "/rest/auth/1/session"
HEADERS = {"Content-Type": "application/json"}

sess = requests.session()
res = sess.post(url=LOGIN_URL, data=json.dumps({"username": "bot", "password": os.environ["JIRA_PASSWORD"]}), headers=HEADERS)
res.raise_for_status()
print(sess.get(BASE + "/rest/api/2/project", headers=HEADERS).json())
`;
    const result = await scanAndFix('client.py', source, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.manual).toEqual([]);
    expect(result.after).not.toContain('LOGIN_URL');
    expect(result.after).toContain('HEADERS = {"Content-Type": "application/json"}');
    expect(result.after).toContain('sess.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\nprint(');
    pyCompile(result.after ?? '');
  });
});

describe('Python fix: a session kept in a container (a click context, a dict)', () => {
  it('keeps the login with a note saying where the credentials go', async () => {
    const source = `import json

import click


@click.command("login")
@click.pass_context
def login(ctx):
    data = json.dumps({"username": ctx.obj["user"], "password": ctx.obj["password"]})
    ctx.obj["connect"].post("rest/auth/1/session", headers={"Content-Type": "application/json"}, data=data)
`;
    const result = await scanAndFix('client.py', source, 'python');
    expect(result.status).toBe('manual');
    expect(result.manual.map((entry) => entry.note)).toEqual([
      'The session `ctx.obj["connect"]` is kept in a container and made elsewhere: give it the credentials where it is made (its .auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"]) (a requests.Session)), then delete this login.',
    ]);
  });
});

describe('Python fix: a module that opens with `from __future__ import`', () => {
  // Shape of a client library (pycontribs/jira): a docstring, the future import, then its imports; a raw request
  // sends the kept session cookie. Python rejects any statement before a future import but the docstring.
  const CLIENT = `"""A small tracker client."""

from __future__ import annotations

import os

import requests


def add_watcher(server, session_cookie):
    return requests.post(
        server + "/rest/api/2/issue/KEY-1/watchers",
        headers={"Cookie": session_cookie, "Content-Type": "application/json"},
    )


def login(server):
    return requests.post(server + "/rest/auth/1/session", json={"username": "bot", "password": os.environ["JIRA_PASSWORD"]})
`;

  it('an added import goes after the future import, not before it', async () => {
    const result = await scanAndFix('client.py', CLIENT, 'python');
    await expectCleanAndStable(result, 'python');
    expect(result.after).toContain('"""A small tracker client."""\n\nfrom __future__ import annotations\n\nimport base64\nimport os\n');
    pyCompile(result.after ?? '');
  });

  it('with the future import the only top-level import (the others in a try), the added ones follow it', async () => {
    const source = `from __future__ import annotations
try:
    import requests
except ImportError:
    requests = None

s = requests.Session()
s.post("https://jira.example.com/rest/auth/1/session", json={"username": "bot", "password": "x"})
print(s.get("https://jira.example.com/rest/api/2/myself").json())
`;
    const result = await scanAndFix('bot.py', source, 'python');
    expect(result.status).toBe('rewritten');
    expect(result.after).toMatch(/^from __future__ import annotations\nimport os\ntry:\n/);
    pyCompile(result.after ?? '');
  });
});
