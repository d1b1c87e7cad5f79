"""The client flow with python-jira (Debian's python3-jira), used as its documentation shows.

Run by apps/server-e2e/src/jira-clients.spec.ts with /usr/bin/python3. Reads the flow's settings as JSON
on stdin (see src/clients/flow.ts) and prints one JSON object: each step's outcome, {"ok": true, "value": ...}
or {"ok": false, "error": "..."}. The assertions live in the spec, shared by every library.
"""
import json
import sys
import time

import requests
from jira import JIRA, JIRAError

settings = json.load(sys.stdin)
url = settings["url"]
mode = settings["mode"]
results = {}


def step(name, run):
    """Runs one step and records its outcome; a failed step never stops the ones after it."""
    try:
        results[name] = {"ok": True, "value": run()}
    except JIRAError as error:
        results[name] = {"ok": False, "error": f"HTTP {error.status_code} {error.url}: {(error.text or '')[:500]}"}
    except Exception as error:  # noqa: BLE001 - any failure is this step's outcome
        results[name] = {"ok": False, "error": f"{type(error).__name__}: {error}"[:600]}


def connect():
    options = {"rest_api_version": "2"}
    if mode == "cookie":
        # Cookie mode: logs in with POST /rest/auth/1/session and logs in again on a 401.
        return JIRA(url, auth=(settings["username"], settings["password"]), options=options, max_retries=0)
    if mode == "basic":
        return JIRA(url, basic_auth=(settings["email"], settings["token"]), options=options, max_retries=0)
    return JIRA(url, token_auth=settings["token"], options=options, max_retries=0)


try:
    jira = connect()
except Exception as error:  # noqa: BLE001
    print(json.dumps({"connect": {"ok": False, "error": f"{type(error).__name__}: {error}"[:600]}}))
    sys.exit(0)

state = {}


def need(name):
    if name not in state:
        raise RuntimeError(f"needs {name} from an earlier step")
    return state[name]


def issue_summary(raw):
    fields = raw.get("fields", {})
    return {
        "key": raw["key"],
        "issuetype": (fields.get("issuetype") or {}).get("name"),
        "status": (fields.get("status") or {}).get("name"),
        "resolution": (fields.get("resolution") or {}).get("name"),
        "created": fields.get("created"),
    }


def projects():
    found = jira.projects()
    state["project_id"] = next(p.id for p in found if p.key == settings["projectKey"])
    return {"keys": [p.key for p in found], "ids": [p.id for p in found]}


def issue_types():
    found = jira.issue_types()
    state["bug_id"] = next(t.id for t in found if t.name == "Bug")
    return {"names": [t.name for t in found], "ids": [t.id for t in found]}


def createmeta():
    meta = jira.createmeta(projectKeys=settings["projectKey"], expand="projects.issuetypes.fields")
    return {
        "projects": [
            {"key": p["key"], "issuetypes": [{"name": t["name"], "fields": sorted(t.get("fields", {}))} for t in p["issuetypes"]]}
            for p in meta["projects"]
        ]
    }


def create_by_key():
    # python-jira's documented form: project by key and issue type by name (it looks both up itself).
    issue = jira.create_issue(project=settings["projectKey"], issuetype="Bug", summary=f"{settings['tag']}: created by key")
    state["key"] = issue.key
    return {"key": issue.key}


def create_by_id():
    fields = {"project": {"id": need("project_id")}, "issuetype": {"id": need("bug_id")}, "summary": f"{settings['tag']}: created by id"}
    return {"key": jira.create_issue(fields=fields).key}


def get_issue():
    issue = jira.issue(need("key"), fields="summary,status,issuetype", expand="names,renderedFields,changelog")
    raw = issue.raw
    return {
        "key": raw["key"],
        "fields": sorted(raw["fields"]),
        "summary": raw["fields"].get("summary"),
        "expanded": sorted(k for k in ("names", "renderedFields", "changelog") if k in raw),
    }


def edit():
    jira.issue(need("key")).update(summary=f"{settings['tag']}: edited", description=f"Edited by {settings['tag']}")
    return {"summary": jira.issue(need("key")).fields.summary}


def comment():
    jira.add_comment(need("key"), f"{settings['tag']} was here")
    return {"bodies": [c.body for c in jira.comments(need("key"))]}


def transitions():
    available = jira.transitions(need("key"), expand="transitions.fields")
    chosen = next((t for t in available if t["to"]["name"] == settings["transitionTo"]), available[0])
    jira.transition_issue(need("key"), chosen["id"])
    return {
        "transitions": [{"id": t["id"], "name": t["name"], "to": t["to"]["name"]} for t in available],
        "chosenTo": chosen["to"]["name"],
        "statusAfter": jira.issue(need("key")).fields.status.name,
    }


def search(jql):
    found = jira.search_issues(jql, maxResults=100, fields="issuetype,status,resolution,created", json_result=True)
    return {"total": found["total"], "issues": [issue_summary(raw) for raw in found["issues"]]}


def status_with(cookies):
    return requests.get(f"{url}/rest/api/2/myself", cookies=cookies, timeout=10).status_code


def logout():
    cookies = jira._session.cookies.get_dict()
    response = jira.kill_session()
    return {"status": response.status_code, "oldCookieStatus": status_with(cookies)}


def relogin_after_expiry():
    jira.myself()  # logs in again after the logout (python-jira answers a 401 with a new session)
    cookies = jira._session.cookies.get_dict()
    time.sleep(settings["idleSeconds"] + 1)
    expired = status_with(cookies)
    return {"expiredStatus": expired, "name": jira.myself()["name"]}


step("whoami", lambda: {"name": jira.myself()["name"]})
step("serverInfo", lambda: {k: jira.server_info().get(k) for k in ("version", "deploymentType")})
step("projects", projects)
step("issueTypes", issue_types)
step("createmeta", createmeta)
step("createByKey", create_by_key)
step("createById", create_by_id)
step("getIssue", get_issue)
step("edit", edit)
step("comment", comment)
step("transitions", transitions)
for label, jql in settings["searches"].items():
    step(f"search: {label}", lambda jql=jql: search(jql))
if mode == "cookie":
    step("logout", logout)
    step("reloginAfterExpiry", relogin_after_expiry)
print(json.dumps(results))
