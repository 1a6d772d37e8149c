"""The footage index: the catalogue's prompts embedded, cached in the studio, searched by a shot's prompt.

The embedder is injected (a callable: list of texts -> list of vectors), so this floor never imports the memory's
model; ``app.rendering`` passes the MiniLM the memory uses. The cache (``<cache>/footage/index.json`` + ``.npy``) is
keyed by the wheel versions and every WebP's name and size: an index built from other wheels is rebuilt, with one log
line saying which versions changed. Retrieval: cosine similarity of what the shot wants to see against every clip's
prompt; the shot's seed picks among the nearest few, so two seeds give two different real clips for one prompt, and
the same seed the same one.

Two readers of text are injected too (``app.rendering`` passes the brief's, :mod:`agents.wanted`): ``wanted`` takes
what a prompt forbids out of the query ("Empty room, no people visible anywhere." is embedded as "Empty room."), and
``shows_person`` says whether a clip's prompt describes a person; a shot that wants nobody then ranks such clips
:data:`PEOPLE_PENALTY` lower, and a shot that requires a person ranks the others so. Without them the query is the
prompt as written and no clip is preferred.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import structlog

from nightreel.errors import InputError
from tools.footage.catalogue import (
    Catalogue,
    FootageClip,
    MediaSource,
    build_catalogue,
    catalogue_key,
    installed_sources,
)

__all__ = ["NEAREST", "FootageIndex", "Match"]

log = structlog.get_logger()

Embedder = Callable[[list[str]], Sequence[Sequence[float]]]
Reader = Callable[[str], str]
_KIND = "nightreel.footage-index/1"
#: how many nearest clips the seed chooses among
NEAREST = 4
#: a neighbour further than this below the best match is not offered to the seed (a near-exact match stays)
MARGIN = 0.12
_MAX_CHARS = 2000   # MiniLM reads 256 word pieces; the rest of a long prompt only costs time
#: how much lower a clip ranks whose prompt disagrees with the shot on people (describes one where the shot wants
#: nobody, or none where it requires one): a preference, not a filter — a prompt far nearer still wins, as a real
#: model's negations are only partly obeyed
PEOPLE_PENALTY = 0.15


@dataclass(frozen=True)
class Match:
    clip: FootageClip
    score: float     # cosine similarity of the query and the clip's prompt, less PEOPLE_PENALTY when they disagree
    rank: int        # 0 = the nearest
    query: str = ""  # the text embedded: what the shot wants to see
    person: bool | None = None   # whether the clip's prompt describes a person (None: no reader injected)


class FootageIndex:
    """Catalogue + prompt embeddings, built once per wheel set and cached under `cache_dir`."""

    def __init__(self, cache_dir: Path, embed: Embedder, *, embedder_name: str = "all-MiniLM-L6-v2",
                 sources: list[MediaSource] | None = None, templates_dir: Path | None = None,
                 templates_version: str | None = None, wanted: Reader | None = None,
                 shows_person: Callable[[str], bool] | None = None):
        self.cache_dir = Path(cache_dir)
        self.embed = embed
        self.wanted, self.shows_person = wanted, shows_person
        self._people: np.ndarray | None = None   # per clip: its prompt describes a person (read on first use)
        self.embedder_name = embedder_name
        self._sources, self._templates_dir, self._templates_version = sources, templates_dir, templates_version
        self._lock = threading.Lock()
        self._catalogue: Catalogue | None = None
        self._vectors: np.ndarray | None = None
        self.built_s: float | None = None    # seconds the last build took (None: read from the cache)
        self.stale: str | None = None        # why the cached index was rebuilt (what changed), None if it was not

    # -- building ---------------------------------------------------------------------------------

    def _where(self) -> tuple[list[MediaSource], Path, str]:
        if self._sources is None:
            self._sources, self._templates_dir, self._templates_version = installed_sources()
        return self._sources, self._templates_dir or Path("/nonexistent"), self._templates_version or ""

    @property
    def _paths(self) -> tuple[Path, Path]:
        return self.cache_dir / "index.json", self.cache_dir / "index.npy"

    def load(self) -> Catalogue:
        """The catalogue, from the cache when it matches the installed wheels, else scanned and embedded now."""
        with self._lock:
            if self._catalogue is not None:
                return self._catalogue
            sources, templates_dir, templates_version = self._where()
            if not sources:
                raise InputError("no ComfyUI template media wheels are installed (comfyui-workflow-templates-media-*): "
                                 "the footage workflow has no clips; use --workflow animatic")
            key, versions = catalogue_key(sources, templates_version)
            cached = self._read_cache(key, versions)
            if cached is None:
                cached = self._build(sources, templates_dir, templates_version)
            self._catalogue, self._vectors = cached
            return self._catalogue

    def _read_cache(self, key: str, versions: dict[str, str]) -> tuple[Catalogue, np.ndarray] | None:
        meta_path, vec_path = self._paths
        if not meta_path.is_file():
            return None
        try:
            doc = json.loads(meta_path.read_text(encoding="utf-8"))
            vectors = np.load(vec_path, allow_pickle=False)
            cat = Catalogue.from_json(doc["catalogue"])
            ok = doc.get("kind") == _KIND and doc.get("embedder") == self.embedder_name
            if ok and cat.key == key and vectors.shape[0] == len(cat.clips):
                return cat, vectors
            changed = {d: f"{cat.versions.get(d, 'none')} -> {v}" for d, v in versions.items()
                       if cat.versions.get(d) != v}
            why = ", ".join(f"{d} {c}" for d, c in changed.items()) or "the clip files, the scan rules or the embedder"
            self.stale = why
            log.info("footage.index.stale", rebuilding=True, changed=why)
        except (OSError, ValueError, KeyError, TypeError) as e:
            log.warning("footage.index.unreadable", path=str(meta_path), error=str(e)[:200], rebuilding=True)
        return None

    def _build(self, sources: list[MediaSource], templates_dir: Path,
               templates_version: str) -> tuple[Catalogue, np.ndarray]:
        t0 = time.perf_counter()
        cat = build_catalogue(sources, templates_dir, templates_version)
        vectors = self._embed([c.prompt for c in cat.clips]) if cat.clips else np.zeros((0, 1), np.float32)
        self.built_s = round(time.perf_counter() - t0, 2)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        meta_path, vec_path = self._paths
        tmp = vec_path.with_name("index.part.npy")
        np.save(tmp, vectors, allow_pickle=False)
        tmp.replace(vec_path)
        doc = {"kind": _KIND, "embedder": self.embedder_name, "catalogue": cat.to_json()}
        tmp_meta = meta_path.with_name(meta_path.name + ".part")
        tmp_meta.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        tmp_meta.replace(meta_path)
        log.info("footage.index.built", seconds=self.built_s, summary=cat.summary())
        return cat, vectors

    def _embed(self, texts: list[str]) -> np.ndarray:
        vectors = np.asarray(self.embed([t[:_MAX_CHARS] for t in texts]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    # -- searching --------------------------------------------------------------------------------

    def query(self, text: str) -> str:
        """The text embedded for a shot's prompt: what it wants to see (the prompt itself without a reader)."""
        return self.wanted(text) if self.wanted else text

    def _person_flags(self, cat: Catalogue) -> np.ndarray | None:
        if self.shows_person is None:
            return None
        with self._lock:
            if self._people is None or len(self._people) != len(cat.clips):
                self._people = np.array([bool(self.shows_person(c.prompt)) for c in cat.clips])
            return self._people

    def search(self, text: str, k: int = 5, *, people: str | None = None) -> list[Match]:
        """The `k` clips whose prompts are nearest to what `text` wants to see, nearest first; `people` (a shot's
        expectation: none | allowed | required) ranks clips that disagree with it PEOPLE_PENALTY lower."""
        cat = self.load()
        if not cat.clips:
            raise InputError("the footage catalogue holds no clips with a prompt: " + cat.summary())
        if not text.strip():
            raise InputError("the shot has no prompt to match footage against")
        query = self.query(text)
        scores = self._vectors @ self._embed([query])[0]
        flags = self._person_flags(cat)
        if flags is not None and people in ("none", "required"):
            scores = scores - PEOPLE_PENALTY * (flags if people == "none" else ~flags)
        order = np.argsort(-scores, kind="stable")[:max(1, k)]
        return [Match(cat.clips[i], round(float(scores[i]), 4), r, query, None if flags is None else bool(flags[i]))
                for r, i in enumerate(order)]

    def pick(self, text: str, seed: int | None, k: int = NEAREST, *, people: str | None = None) -> Match:
        """The clip for a shot: the seed chooses among the nearest `k` (those within MARGIN of the best). Where the
        shot says nobody or requires someone, the seed chooses only among the clips that agree with it when the
        nearest does: the penalty ranks a disagreeing clip lower, but within the margin the seed would still pick it
        (a close-up of a woman for "rain on a window, nobody in the room")."""
        near = self.search(text, k, people=people)
        pool = [m for m in near if m.score >= near[0].score - MARGIN]
        if people in ("none", "required") and near[0].person is not None:
            agrees = [m for m in pool if m.person == (people == "required")]
            if agrees and agrees[0] is near[0]:
                pool = agrees
        return pool[(seed or 0) % len(pool)]

    def describe(self) -> dict[str, Any]:
        cat = self.load()
        return {"clips": len(cat.clips), "skipped": {r: len(v) for r, v in cat.skipped.items()},
                "versions": cat.versions, "built_s": self.built_s}
