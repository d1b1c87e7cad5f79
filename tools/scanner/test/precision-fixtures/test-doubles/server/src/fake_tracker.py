from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/rest/auth/1/session", methods=["POST"])
def login():
    return jsonify({"errorMessages": ["use an API token"]}), 410
