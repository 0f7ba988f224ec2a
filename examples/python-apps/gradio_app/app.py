"""Gradio Truth Mirror: a Gradio Blocks app on port 7860.

A Gradio app serves no health route of its own, so the Blocks are mounted on
a FastAPI app that has one, with gradio.mount_gradio_app (documented at
https://gradio.app/docs/gradio/mount_gradio_app), and that app is served
by uvicorn. /health is declared before the mount so that it is matched first;
the Gradio interface answers everything else under /.
"""

import os

import gradio as gr
from fastapi import FastAPI

SERVICE = "gradio"
RELEASE = {
    "version": os.environ.get("APP_VERSION", ""),
    "commit": os.environ.get("APP_COMMIT", ""),
}

app = FastAPI(title="Gradio Truth Mirror")


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "service": SERVICE, **RELEASE}


def mirror(text: str) -> str:
    return text[::-1]


with gr.Blocks(title="Gradio Truth Mirror") as demo:
    gr.Markdown(f"# Gradio Truth Mirror\n\nRelease {RELEASE['version'] or 'dev'}")
    said = gr.Textbox(label="Say something")
    mirrored = gr.Textbox(label="The mirror answers")
    said.submit(mirror, inputs=said, outputs=mirrored)

app = gr.mount_gradio_app(app, demo, path="/")
