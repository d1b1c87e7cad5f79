import json

import click
import requests

from bender.utils import config, json_headers


@click.command("login")
@click.pass_context
def session_login(ctx):
    session_path = "rest/auth/1/session"
    data = json.dumps({"username": ctx.obj["user"], "password": ctx.obj["password"]})
    r = requests.post("{}/{}".format(config["jira"]["url"], session_path), data=data, headers=json_headers)
    click.echo(r.status_code)
