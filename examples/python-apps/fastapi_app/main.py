"""FastAPI Quantum Conduit: the API service, served by uvicorn on port 8000.

GET /health says the app is up and which release it runs. The deploy script
starts it with APP_VERSION (the deployment tag) and APP_COMMIT (the full
commit SHA) in its environment, so Runbook's `expect.version` can check that
the commit it just deployed is the one answering.
"""

import os

from fastapi import FastAPI

SERVICE = "fastapi"
RELEASE = {
    "version": os.environ.get("APP_VERSION", ""),
    "commit": os.environ.get("APP_COMMIT", ""),
}

app = FastAPI(title="FastAPI Quantum Conduit")


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "service": SERVICE, **RELEASE}


@app.get("/")
def index() -> dict:
    return {"service": SERVICE, "message": "Quantum Conduit is listening."}
