import os

from jira import JIRA


def connect(config):
    kwargs = {"server": config["url"], "options": {"verify": config.get("verify", True)}}
    if config.get("mode") == "session":
        kwargs["auth"] = (config["user"], os.environ["JIRA_PASSWORD"])
    else:
        kwargs["token_auth"] = os.environ["JIRA_PAT"]
    return JIRA(**kwargs)
