"""The studio in the browser: `nightreel serve` (chat, storyboard panels, renders, dailies)."""

from app.web.app import create_app
from app.web.board_store import BoardRef, BoardStore, SaveResult
from app.web.security import is_loopback, load_or_create_token
from app.web.services import StudioServices

__all__ = [
           "BoardRef",
           "BoardStore",
           "SaveResult",
           "StudioServices",
           "create_app",
           "is_loopback",
           "load_or_create_token",
]
