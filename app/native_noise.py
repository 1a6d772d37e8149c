"""MediaPipe's and TensorFlow Lite's C++ start-up chatter, kept off the person's terminal.

The detectors' C++ code logs through absl before anything could configure it ("All log messages before
absl::InitializeLog() is called are written to STDERR"): GLOG_minloglevel and TF_CPP_MIN_LOG_LEVEL do not reach
it, and a demo printed a dozen ``W0000 … inference_feedback_manager.cc:114] …`` lines between its progress lines.
The command line therefore points the process's file descriptor 2 at a pipe and passes on every line except those;
Python's own stderr (Rich, typer, tracebacks) keeps writing to the real one, so a terminal stays a terminal.
"""

from __future__ import annotations

import os
import re
import sys
import threading

#: absl / glog lines (``W1206 21:43:48.123 4567 file.cc:12] …``; before absl is set up the date is 0000 and the seconds count from 1970) and TFLite's delegate banner
NATIVE_NOISE = re.compile(
    rb"^(?:[IW]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ [\w./-]+:\d+\] "
    rb"|INFO: Created TensorFlow Lite"
    rb"|WARNING: All log messages before absl::InitializeLog\(\) is called)")


def is_noise(line: bytes) -> bool:
    return bool(NATIVE_NOISE.match(line))


def quiet_native_stderr() -> bool:
    """Filter the native libraries' chatter out of fd 2 for the rest of the process. Errors (``E…``, ``F…``
    lines) and everything else pass through. Returns False (and changes nothing) where fd 2 cannot be rerouted."""
    try:
        real = os.dup(2)
        r, w = os.pipe()
    except OSError:
        return False
    sys.stderr.flush()
    os.dup2(w, 2)
    os.close(w)
    sys.stderr = os.fdopen(real, "w", buffering=1, encoding=getattr(sys.stderr, "encoding", None) or "utf-8",
                           errors="backslashreplace", closefd=False)

    def pump() -> None:
        with os.fdopen(r, "rb") as src:
            for line in iter(src.readline, b""):
                if not is_noise(line):
                    try:
                        os.write(real, line)
                    except OSError:
                        return

    threading.Thread(target=pump, name="native-stderr", daemon=True).start()
    return True
