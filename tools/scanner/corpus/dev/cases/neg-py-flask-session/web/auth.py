from flask import Blueprint, redirect, session, url_for

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/logout")
def logout():
    session.pop("user_id", None)
    return redirect(url_for("index"))
