"""The morning dailies: one self-contained HTML page sorted by project, and a short Markdown summary.

The page is a single file (CSS and JavaScript inline, posters and contact sheets inlined as
JPEG data URIs) that plays each clip from the studio by a relative path, so it opens from
disk in any browser. Each clip shows its poster, contact sheet, prompt, the critic's verdict
and reasons, who decided what next (the planner agent or the rule, with its tool call), what
was tried and how long it took; the page filters by project and verdict. A clip of the footage
stand-in says on its card that it is a retrieved real generation (template, model, the prompt that
made it), not a render of its shot.

A clip's card has one home: `card_for` builds it and `templates/dailies.html.j2` draws it, for
this page and for the web studio's dailies panel alike. Only the links differ (`MediaLinks`):
relative paths and data: URIs here, /files/ URLs in the studio.
"""

from __future__ import annotations

import base64
import io
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import structlog
from jinja2 import Environment, PackageLoader, select_autoescape

from app.night_store import Item, NightRun, NightStore, Review
from nightreel.errors import InputError, NightreelError
from nightreel.schema import TARGET_MODEL
from nightreel.studio import Studio
from tools.comfy.provenance import retrieved_of

log = structlog.get_logger()

__all__ = [
    "TEMPLATES",
    "Dailies",
    "DailyCard",
    "MediaLinks",
    "as_json",
    "card_for",
    "collect",
    "dailies_page",
    "poster_for",
    "render_html",
    "render_markdown",
    "write_dailies",
]

#: where dailies.html.j2 lives; the web studio's template loader searches it too
TEMPLATES = Path(__file__).parent / "templates"
_env = Environment(loader=PackageLoader("app", "templates"), autoescape=select_autoescape(["html", "j2"]))
_VERDICT_ORDER = {"accept": 0, "salvage": 1, "rerender": 2, "reject": 3, None: 4}
_TIER_ORDER = {"final": 0, "draft": 1, "still": 2}


#: what a person's review did, as the card says it
REVIEW_LABEL = {"promote": "accepted → final next night", "reject": "rejected", "requeue": "re-queued"}


@dataclass
class DailyCard:
    """One clip as the dailies show it; `*_src` are whatever the page links with (a path, a data: URI, a URL)."""

    item: Item
    title: str
    clip_src: str | None       # None: no playable clip
    poster_src: str | None
    sheet_src: str | None
    verdict: str
    source: str                # what the critic looked with: probes, probes+vlm
    reasons: list[str]
    evidence: list
    tried: list[str]
    seconds: float
    model: str
    reviews: list[Review] = field(default_factory=list)
    #: the footage stand-in: the clip is a real generation retrieved for the shot (template, model, the prompt that
    #: made it, label), from its provenance sidecar; None when the clip was rendered
    retrieved: dict | None = None

    @property
    def note(self) -> str:
        """Every review of the clip, oldest first ('reject: a person walks in; promote')."""
        return "; ".join(f"{r.action}: {r.note}" if r.note else r.action for r in self.reviews)

    @property
    def review(self) -> str | None:
        """The latest review, in words ('rejected'); None before anyone reviewed the clip."""
        return REVIEW_LABEL.get(self.reviews[-1].action) if self.reviews else None


@dataclass(frozen=True)
class MediaLinks:
    """How a page links a clip's files. `clip`: the clip's src, None when it cannot be played;
    `image`: an image's src at a width; `poster`: the poster file of a playable clip, or None."""

    clip: Callable[[Path], str | None]
    image: Callable[[Path, int], str | None]
    poster: Callable[[Path], Path | None]


@dataclass
class Dailies:
    day: str
    runs: list[NightRun]
    projects: dict[str, list[DailyCard]] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)
    generated_at: datetime = field(default_factory=datetime.now)
    proposals: list = field(default_factory=list)  # app.review.Proposal: lessons learned, waiting for approval

    @property
    def cards(self) -> list[DailyCard]:
        return [c for cs in self.projects.values() for c in cs]


def _data_uri(path: Path, width: int = 480) -> str | None:
    from PIL import Image

    try:
        with Image.open(path) as im:
            im = im.convert("RGB")
            if im.width > width:
                im = im.resize((width, max(1, round(im.height * width / im.width))))
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=80)
    except (OSError, ValueError):
        return None
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()


def poster_for(clip: Path, studio: Studio) -> Path | None:
    """A JPEG of the clip's first frame beside it (made once); None when the clip cannot be read."""
    from PIL import Image

    from tools.media import sample_frames

    dest = clip.with_suffix(".poster.jpg")
    if dest.is_file():
        return dest
    try:
        frames = sample_frames(clip, 1, root=studio.root, width=640)
        Image.fromarray(frames[0].image).save(dest, "JPEG", quality=82)
    except (NightreelError, OSError) as e:
        log.warning("poster_failed", clip=clip.name, error=str(e))
        return None
    return dest


def _clip_ok(clip: Path) -> bool:
    try:
        import av

        with av.open(str(clip)) as c:
            return bool(c.streams.video)
    except Exception:  # noqa: BLE001 — any decoder error means "not playable"
        return False


def _offline_links(studio: Studio, page_dir: Path) -> MediaLinks:
    """The static page's links: clips by a path relative to the page, images inlined as data: URIs."""
    return MediaLinks(
        clip=lambda clip: os.path.relpath(clip, page_dir) if clip.is_file() and _clip_ok(clip) else None,
        image=lambda path, width: _data_uri(path, width) if path.is_file() else None,
        poster=lambda clip: poster_for(clip, studio))


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def card_for(it: Item, store: NightStore, links: MediaLinks) -> DailyCard:
    """The card of one clip: verdict, reasons, evidence, what was tried before it, its reviews; media by `links`."""
    clip = Path(it.clip_path) if it.clip_path else None
    clip_src = links.clip(clip) if clip else None
    poster = Path(it.poster_path) if it.poster_path else (links.poster(clip) if clip and clip_src else None)
    v = it.verdict
    tried = list(it.tried)
    parent = it.parent_id
    while parent:  # what came before this one: the draft a final was promoted from, the first try of a re-render
        try:
            p = store.item(parent)
        except KeyError:
            break
        tried.insert(0, f"{p.tier} {p.id}: {p.verdict.verdict if p.verdict else p.state}"
                        + (f" — {p.verdict.reasons[0]}" if p.verdict and p.verdict.reasons else ""))
        parent = p.parent_id
    retrieved = retrieved_of(clip)
    return DailyCard(
        item=it, title=it.shot.title, clip_src=clip_src,
        poster_src=links.image(poster, 480) if poster else None,
        sheet_src=links.image(Path(it.sheet_path), 960) if it.sheet_path else None,
        verdict=(v.verdict if v else ("failed" if it.error else (it.decision or it.state))),
        source=v.source if v else "",
        reasons=(list(v.reasons) if v else ([it.error] if it.error else [])),
        evidence=list(v.evidence) if v else [],
        tried=tried, seconds=it.render_s + it.critic_s,
        model=f"retrieved {retrieved.get('model')} clip" if retrieved else TARGET_MODEL.get(it.tier, it.tier),
        reviews=store.reviews(it.id), retrieved=retrieved)


def collect(studio: Studio, store: NightStore, *, day: str | None = None, page_dir: Path | None = None) -> Dailies:
    """Everything the night of `day` (YYYY-MM-DD, the night's start date; default the latest) produced.

    Runs are listed newest first; within a project, the newest run's clips come first, then tier, verdict, score."""
    runs = store.runs()
    if not runs:
        raise InputError(f"no night has run in the studio {studio.root} yet; start one with `nightreel night --now`, "
                         "or point NIGHTREEL_STUDIO at the studio a night ran in (make demo's: demo-out/studio)")
    day = day or runs[-1].day
    day_runs = [r for r in runs if r.day == day]
    if not day_runs:
        raise InputError(f"no night ran on {day}; nights on record: {', '.join(sorted({r.day for r in runs}))}")
    day_runs.reverse()  # newest run first: its clips lead each project, and the header and summary list it first
    page_dir = page_dir or studio.root / "dailies" / day
    ids = {r.id for r in day_runs}
    recency = {r.id: i for i, r in enumerate(day_runs)}
    items = [it for it in store.items() if it.run_id in ids and it.state in ("done", "dropped", "judging", "deciding")]
    links = _offline_links(studio, page_dir)
    by_project: dict[str, list[DailyCard]] = defaultdict(list)
    for it in items:
        by_project[it.project].append(card_for(it, store, links))
    for cards in by_project.values():
        cards.sort(key=lambda c: (recency[c.item.run_id], _TIER_ORDER.get(c.item.tier, 3),
                                  _VERDICT_ORDER.get(c.verdict, 5), -c.item.score, c.item.seq))
    skipped = [n for n in store.notes() if n["status"] in ("skipped", "deferred", "failed") and n["run_id"] in ids]
    from app.review import studio_proposals

    return Dailies(day=day, runs=day_runs, projects=dict(sorted(by_project.items())), skipped=skipped,
                   proposals=studio_proposals(studio))


def render_html(d: Dailies) -> str:
    verdicts = sorted({c.verdict for c in d.cards}, key=lambda v: _VERDICT_ORDER.get(v, 5))
    return _env.get_template("dailies.html.j2").render(d=d, verdicts=verdicts)


def _counts(cards: list[DailyCard]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for c in cards:
        out[f"{c.item.tier}s"] += 1
        out[c.verdict] += 1
    return out


def render_markdown(d: Dailies, page: Path | None = None) -> str:
    lines = [f"# Dailies — night of {d.day}", ""]
    if d.proposals:  # what the night taught, first: approve or dismiss
        lines += ["## Learned — approve or dismiss", *[f"- {p.line} — `nightreel memory approve {p.id}` / "
                                                       f"`nightreel memory forget {p.id}`" for p in d.proposals], ""]
    for run in d.runs:
        end = run.finished_at[:16].replace("T", " ") if run.finished_at else "still running"
        lines.append(f"- run {run.id}: {run.start} → dawn {run.dawn} ({run.status}, ended {end})")
    lines.append("")
    total_s = sum(c.seconds for c in d.cards)
    lines += [f"{_n(len(d.cards), 'clip')} in {_n(len(d.projects), 'project')}, {total_s / 60:.1f} min of render "
              "and review.", ""]
    retrieved = [c for c in d.cards if c.retrieved]
    if retrieved:
        lines += [(f"{len(retrieved)} of them are retrieved real generations (the footage stand-in: no video model "
                   "rendered these shots; each is the template clip whose prompt was nearest the shot's):"),
                  *[f"- {c.title}: {c.retrieved.get('label')}" for c in retrieved], ""]
    lines += ["| project | drafts | finals | accept | salvage | rerender | reject |", "|---|---|---|---|---|---|---|"]
    for project, cards in d.projects.items():
        n = _counts(cards)
        lines.append(f"| {project} | {n['drafts']} | {n['finals']} | {n['accept']} | {n['salvage']} | "
                     f"{n['rerender']} | {n['reject']} |")
    decided = [dc for c in d.cards for dc in c.item.decisions]
    if decided:
        by_agent = sum(1 for dc in decided if dc.get("by") == "agent")
        lines += ["", f"Decisions: {by_agent} by the planner agent, {len(decided) - by_agent} by the rules."]
        notes = sorted({dc["note"] for dc in decided if dc.get("by") == "rule" and dc.get("note")})
        lines += [f"- {n}" for n in notes[:5]]
    if d.skipped:
        lines += ["", "## Notes not used", *[f"- {n['name']}: {n['reason']}" for n in d.skipped]]
    if page:
        lines += ["", f"Page: {page}"]
    return "\n".join(lines) + "\n"


def as_json(d: Dailies) -> dict:
    """The night for scripts: every clip with its verdict and every decision (by agent or rule, tool, reason)."""
    return {"day": d.day, "runs": [r.model_dump() for r in d.runs],
            "clips": [{"item": c.item.id, "project": c.item.project, "tier": c.item.tier, "title": c.title,
                       "state": c.item.state, "clip": c.item.clip_path, "verdict": c.verdict, "reasons": c.reasons,
                       "decision": c.item.decision, "decisions": c.item.decisions, "tried": c.tried,
                       "retrieved": c.retrieved}
                      for c in d.cards],
            "skipped": [{"note": n["name"], "reason": n["reason"]} for n in d.skipped]}


#: the page's "made HH:MM" stamp: left out when comparing a new page with the one on disk
_MADE_STAMP = re.compile(r'<time class="made"[^>]*>[^<]*</time>')


def _write_if_changed(path: Path, text: str) -> bool:
    """Write `text` to `path` atomically unless the file already says it (the page's made-stamp aside);
    an unchanged file is left alone, mtime and all. True when the file was written."""
    try:
        old = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        old = None
    if old is not None and _MADE_STAMP.sub("", old) == _MADE_STAMP.sub("", text):
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


def dailies_page(studio: Studio, store: NightStore, *, day: str | None = None) -> Path:
    """Where the page of `day` (default: the latest night) is written: dailies/<day>/index.html."""
    probe_day = day or (store.runs()[-1].day if store.runs() else None)
    return studio.inside(studio.root / "dailies" / (probe_day or "none")) / "index.html"


def write_dailies(studio: Studio, store: NightStore, *, day: str | None = None) -> tuple[Path, Path]:
    """Write dailies/<day>/index.html and summary.md in the studio; returns both paths.

    A file whose content would not change is not rewritten (its mtime stays), so the page says when it last
    changed and a viewer watching the file is not reloaded for nothing."""
    page_dir = dailies_page(studio, store, day=day).parent
    d = collect(studio, store, day=day, page_dir=page_dir)   # raises before any folder is made when no night ran
    page_dir.mkdir(parents=True, exist_ok=True)
    page, summary = page_dir / "index.html", page_dir / "summary.md"
    written = [path.name for path, text in ((page, render_html(d)), (summary, render_markdown(d, page)))
               if _write_if_changed(path, text)]
    log.info("dailies_written" if written else "dailies_unchanged", page=str(page), files=written,
             clips=len(d.cards), projects=len(d.projects))
    return page, summary
