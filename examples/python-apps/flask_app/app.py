"""Flask Glyph Weaver: a Flask service on port 5000.

Served by gunicorn when the Python running it has gunicorn, else by Flask's
own server (the deploy script says which). GET /health reports the release
the deploy script started it with (APP_VERSION, APP_COMMIT).
"""

import os

from flask import Flask

SERVICE = "flask"
RELEASE = {
    "version": os.environ.get("APP_VERSION", ""),
    "commit": os.environ.get("APP_COMMIT", ""),
}

app = Flask(__name__)


@app.get("/health")
def health():
    return {"status": "ok", "service": SERVICE, **RELEASE}


@app.get("/")
def index():
    return {"service": SERVICE, "message": "Glyph Weaver is weaving."}
