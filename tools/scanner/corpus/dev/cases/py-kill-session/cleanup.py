from jira import JIRA


def finish(client: JIRA):
    client.kill_session()
