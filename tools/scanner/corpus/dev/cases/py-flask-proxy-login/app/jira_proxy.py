from flask import Blueprint, jsonify, request
import requests

from .config import Config

bp = Blueprint("jira", __name__)


@bp.post("/login")
def login():
    upstream = requests.post(Config.JIRA_URL + Config.JIRA_AUTH, json=request.get_json())
    session = upstream.json()["session"]
    resp = jsonify(ok=upstream.ok)
    resp.set_cookie(session["name"], session["value"])
    return resp
