"""The `nightreel` command line. Each command group lives in `app/commands/<name>.py`
and registers itself on the app; this module configures logging once and turns every
NightreelError into one clear line and a non-zero exit code."""

from __future__ import annotations

import importlib
import logging
import os
import sys

import structlog
import typer

from nightreel.errors import NightreelError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GLOG_minloglevel", "2")  # MediaPipe's C++ logs (one warning per detector per clip)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

app = typer.Typer(
    name="nightreel",
    help="A local AI video studio run by agents: an idea becomes a storyboard, renders, a critic's verdicts "
         "and a morning of dailies. Everything runs on this machine.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

# one module per command group; each defines register(app)
_COMMAND_MODULES = [
    "app.commands.critique",
    "app.commands.storyboard",
    "app.commands.memory",
    "app.commands.contest",
    "app.commands.render",
    "app.commands.footage",
    "app.commands.night",
    "app.commands.demo",
    "app.commands.serve",
    "app.commands.eval",
]


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="log every external call to stderr"),
    json_logs: bool = typer.Option(False, "--json-logs", help="structured JSON logs on stderr"),
) -> None:
    configure_logging(verbose=verbose, json_logs=json_logs)


class _StderrLogger:
    """Writes to whatever sys.stderr is *now* (test runners swap and close it)."""

    def msg(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    log = debug = info = warning = warn = error = critical = exception = fatal = msg


def _stderr_logger(*_args) -> _StderrLogger:
    return _StderrLogger()


def configure_logging(*, verbose: bool = False, json_logs: bool = False) -> None:
    level = logging.INFO if verbose else logging.WARNING
    renderer = structlog.processors.JSONRenderer() if json_logs else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[structlog.contextvars.merge_contextvars, structlog.processors.add_log_level,
                    structlog.processors.TimeStamper(fmt="iso"), renderer],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=_stderr_logger,
        cache_logger_on_first_use=False,
    )
    for noisy in ("httpx", "httpcore", "openai", "chromadb"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    from app.native_noise import quiet_native_stderr

    quiet_native_stderr()   # MediaPipe's C++ chatter off the terminal (GLOG_minloglevel does not reach it)
    configure_logging()
    try:
        app()  # click's standalone mode prints usage errors itself and exits 2
    except NightreelError as e:
        typer.secho(f"error: {e}", fg="red", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        typer.secho("interrupted; nothing was lost (see the ledger for what finished)", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
