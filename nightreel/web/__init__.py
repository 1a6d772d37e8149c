"""The studio in the browser: `nightreel serve` (chat, storyboard panels, renders, dailies)."""

from nightreel.web.app import create_app
from nightreel.web.boards import BoardRef, BoardStore, SaveResult
from nightreel.web.security import is_loopback, load_or_create_token
from nightreel.web.services import StudioServices

__all__ = [
           "BoardRef",
           "BoardStore",
           "SaveResult",
           "StudioServices",
           "create_app",
           "is_loopback",
           "load_or_create_token",
]
