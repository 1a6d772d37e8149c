"""`nightreel serve`: the studio page in the browser (chat, storyboard, renders, dailies)."""

from __future__ import annotations

import typer
from rich.console import Console

from nightreel.config import load_settings
from nightreel.errors import InputError

console = Console(stderr=True)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to bind; anything but loopback needs the token"),
    port: int = typer.Option(8765, "--port", "-p", help="TCP port"),
    comfy: list[str] = typer.Option(None, "--comfy", help="ComfyUI URL (repeat for a pool; default: settings, else embedded)"),  # noqa: B008
    planner_url: str = typer.Option(None, "--planner-url", help="OpenAI-compatible planner URL (default: the embedded model)"),
    workflow: str = typer.Option("auto", "--workflow", "-w", help="auto | footage | animatic | template | a template name"),
    no_memory: bool = typer.Option(False, "--no-memory", help="plan with the seeded lessons only"),
) -> None:
    """Open the studio page: chat a brief into a storyboard, edit the panels, render drafts and finals
    with live progress, watch the dailies and accept / reject / re-queue clips (the same ledger as the CLI).

    Binds to 127.0.0.1 unless --host is given. With a non-loopback host a token is required: it is
    generated once, stored in STUDIO/web-token (mode 0600) and printed only when it is created.
    """
    import uvicorn

    from nightreel.studio import Studio
    from app.web import create_app, is_loopback, load_or_create_token

    if not 0 < port < 65536:
        raise InputError(f"--port must be 1-65535, got {port}")
    settings = load_settings(planner_url=planner_url, comfy_urls=comfy or None)
    studio = Studio.open(settings.studio)
    token = None
    shown = host if ":" not in host else f"[{host}]"
    url = f"http://{shown}:{port}/"
    if not is_loopback(host):
        token, created = load_or_create_token(studio)
        if created:
            console.print(f"token (shown once, kept in {studio.root / 'web-token'}): {token}")
            url += f"?token={token}"
        else:
            console.print(f"this studio's token is in {studio.root / 'web-token'}; open {url}?token=<it>")
    console.print(f"nightreel studio on {url}  (Ctrl-C stops it)")
    app = create_app(settings, studio, token=token, workflow=workflow, memory=not no_memory)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
