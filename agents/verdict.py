"""From measured probes (and optionally a VLM's answers) to a Verdict — pure functions, no I/O.

Severity, lowest to highest: accept < salvage < rerender < reject; the verdict is the worst
check. A defect confined to the head or tail of the clip is salvaged by trimming when the clean
part left is long enough (≥ 60 % of the shot and ≥ 1.5 s); a broken loop seam is salvaged by
ping-pong (or a crossfade loop when the camera travels). A person where the shot says nobody
(or nobody where one is required), or a black clip, is a reject; a wrong camera move, a wrong
motion level, flicker or a frozen stretch mid-clip is a rerender with a fix from
``prompts/critic_fixes.txt``.

The VLM never overrules a probe: where its answer contradicts a measurement, the verdict keeps
the probe's reading and lists the disagreement.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from agents.brief_lexicon_text import QUOTED
from nightreel.schema import (
    ALL_CHECKS_MATCH,
    PROBES_ONLY,
    TARGET_FPS,
    Evidence,
    ProbeReport,
    Shot,
    ShotExpectations,
    Verdict,
)
from prompts import load as load_prompt
from tools.ocr import check_words, normalise

__all__ = ["KEEP_FRACTION", "MIN_KEEP_S", "VlmAnswer", "asked_words", "cross_check", "fixes", "judge"]

MIN_KEEP_S = 1.5
KEEP_FRACTION = 0.6
_RANK = {"accept": 0, "salvage": 1, "rerender": 2, "reject": 3}
_LEVEL = {"still": 0, "subtle": 1, "strong": 2}
_OVERLAY = re.compile(r"overlay afterwards: (.+)$")


class VlmAnswer(BaseModel):
    """What the vision model is asked to return (the structured-output schema)."""

    description: str = Field(description="two or three sentences: what is in the frames and how it changes")
    people_visible: bool = Field(description="is any person (or part of one) visible in any frame")
    hands_visible: bool = Field(False, description="are hands or arms visible in any frame")
    camera: str = Field("unsure", description="locked, dolly_in, dolly_out, pan, orbit, handheld or unsure")
    motion: str = Field("subtle", description="still, subtle or strong")
    text_visible: bool = Field(False, description="are letters or words visible")
    problems: list[str] = Field(default_factory=list, description="visible defects: artifacts, melting, glitches")


@cache
def fixes() -> dict[str, str]:
    out = {}
    for line in load_prompt("critic_fixes").splitlines():
        if line.strip() and not line.startswith("#") and ":" in line:
            k, v = line.split(":", 1)
            out[k.strip()] = v.strip()
    return out


def _span(e: Evidence) -> str:
    frames = f"frame {e.frame_start}" if e.frame_start == e.frame_end else f"frames {e.frame_start}–{e.frame_end}"
    if e.t_start == e.t_end:
        return f"at {e.t_start:.1f} s ({frames})"
    return f"from {e.t_start:.1f} s to {e.t_end:.1f} s ({frames})"


class _Acc:
    def __init__(self) -> None:
        self.kind = "accept"
        self.reasons: list[str] = []
        self.evidence: list[Evidence] = []
        self.fixes: list[str] = []
        self.ops: list[dict[str, Any]] = []
        self.notes: list[str] = []

    def add(self, kind: str, reason: str, evidence: list[Evidence] = (), fix_key: str | None = None) -> None:
        if _RANK[kind] > _RANK[self.kind]:
            self.kind = kind
        self.reasons.append(reason)
        self.evidence.extend(evidence)
        if fix_key and (f := fixes().get(fix_key)) and f not in self.fixes:
            self.fixes.append(f)


def _clean_window(bad: list[tuple[float, float]], duration: float) -> tuple[float, float]:
    """The longest stretch of [0, duration] that avoids every bad interval."""
    edges, cur, best = sorted(bad), 0.0, (0.0, 0.0)
    for a, b in edges:
        if a - cur > best[1] - best[0]:
            best = (cur, a)
        cur = max(cur, b)
    if duration - cur > best[1] - best[0]:
        best = (cur, duration)
    return best


def _crop_away(trimmable, report: ProbeReport, min_scale: float = 0.6) -> dict[str, Any] | None:
    """A same-aspect crop (≥ 60 % of the frame) that leaves out every boxed person/hands, or None.

    Only when every defect is a box (people, hands): flicker or black frames cannot be cropped away."""
    evs = [e for _, es, _, _ in trimmable for e in es]
    if not evs or any(e.box is None for e in evs):
        return None
    W, H = report.width, report.height
    # a box spans the detector's landmarks; hair, arms and clothes reach past them: a quarter of its width more
    x0 = min(e.box[0] - 0.25 * e.box[2] for e in evs)
    x1 = max(e.box[0] + 1.25 * e.box[2] for e in evs)
    margin = 0.02 * W
    options = [((x0 - margin) / W, "left"), ((W - x1 - margin) / W, "right")]
    f, side = max(options)
    if f < min_scale:
        return None
    f = min(f, 0.9)
    w, h = int(W * f) // 2 * 2, int(H * f) // 2 * 2
    x = 0 if side == "left" else W - w
    return {"op": "crop", "x": x, "y": (H - h) // 2 // 2 * 2, "w": w, "h": h}


def judge(report: ProbeReport, expect: ShotExpectations | Shot, shot: Shot | None = None, *,
          retrieved: str | None = None) -> Verdict:
    """The probes-only verdict on a clip for a shot (duration and fps checked too) or bare expectations.

    `retrieved`: the clip is a retrieved real generation (the footage stand-in; this is its label). It was chosen by
    the shot's subject and brings its own camera move and length, so these are measured and noted but not judged: a
    re-render would retrieve another clip, not move the camera or last as the shot asks."""
    if isinstance(expect, Shot):
        shot, expect = expect, expect.expectations
    acc = _Acc()
    fps, dur = report.fps, report.duration_s
    want_s = shot.duration_s if shot else dur
    people_frames = int(getattr(report, "people_frames", 0) or 0)
    pad = (report.frames / max(1, people_frames)) / fps if people_frames else 1 / fps
    trimmable: list[tuple[str, list[Evidence], str, str]] = []   # (severity if not trimmable, evidence, reason, fix)

    def says(e: Evidence, what: str) -> str:
        return f"{what} is visible {_span(e)}" + (f", box x={e.box[0]} y={e.box[1]} w={e.box[2]} h={e.box[3]}"
                                                  if e.box else "")

    if expect.people == "none":
        for e in report.people:
            trimmable.append(("reject", [e], says(e, "a person") + "; the shot says nobody is in the room", "people_none"))
        for e in report.hands:
            trimmable.append(("reject", [e], says(e, "hands/arms") + "; the shot says nobody is in the room",
                              "hands_none"))
    elif expect.people == "required" and not report.people:
        acc.add("reject", f"no person was detected in {people_frames} sampled frames; the shot needs one",
                fix_key="people_required")
    elif report.people and expect.people == "allowed":
        acc.notes.append(f"a person is visible {_span(report.people[0])} (allowed by the shot)")
    for e in report.black_frames:
        trimmable.append(("reject" if e.frame_end - e.frame_start + 1 >= 0.9 * report.frames else "rerender", [e],
                          f"{e.what} {_span(e)}", "black"))
    still_shot = expect.motion == "still" and expect.camera in ("locked", "any")
    for e in report.frozen:
        if still_shot:   # a held picture is what a locked, still shot asks for
            acc.notes.append(f"the picture holds still {_span(e)}: the shot asks for a locked, still frame, "
                             "so this is what was asked, not a defect")
        else:
            asks = (f"a {expect.camera.replace('_', ' ')} move" if expect.camera not in ("any", "locked")
                    else f"{expect.motion} motion")
            trimmable.append(("rerender", [e], f"the picture freezes {_span(e)} — a defect: the shot asks for {asks}",
                              "frozen"))
    for e in report.flicker:
        trimmable.append(("rerender", [e], f"{e.what} {_span(e)}", "flicker"))

    if trimmable:
        sampled = {id(e) for e in [*report.people, *report.hands]}   # people are sampled; the rest is per frame
        bad = [(max(0.0, e.t_start - (pad if id(e) in sampled else 1 / fps)),
                min(dur, e.t_end + (pad if id(e) in sampled else 1 / fps))) for _, evs, _, _ in trimmable for e in evs]
        a, b = _clean_window(bad, dur)
        if b - a >= max(MIN_KEEP_S, KEEP_FRACTION * min(want_s, dur)) and (a > 0 or b < dur):
            a, b = round(a, 2), round(b, 2)
            for _, evs, reason, _ in trimmable:
                acc.add("salvage", f"{reason}; trimming to {a:.2f}–{b:.2f} s keeps {b - a:.1f} s clean", evs)
            acc.ops.append({"op": "trim", "start_s": a, "end_s": b})
        elif (crop := _crop_away(trimmable, report)) is not None:
            for _, evs, reason, _ in trimmable:
                acc.add("salvage", f"{reason}; it stays at the edge of the frame: cropping to {crop['w']}x{crop['h']} "
                                   f"at ({crop['x']}, {crop['y']}) and scaling back leaves it out", evs)
            acc.ops.append(crop)
        else:
            for sev, evs, reason, key in trimmable:
                acc.add(sev, reason + f" (a clean stretch of {b - a:.1f} s is too short to trim to)", evs, key)

    if expect.camera != "any":
        got = report.camera
        ok = got == expect.camera or (expect.camera == "orbit" and got == "pan")
    if expect.camera != "any" and retrieved:
        if not ok:
            acc.notes.append(f"the camera move is not judged: this is a retrieved real generation ({retrieved}), "
                             f"which brings its own camera (measured {got.replace('_', ' ')}; the shot asks "
                             f"{expect.camera.replace('_', ' ')})")
    elif expect.camera != "any":
        if expect.camera == "orbit" and got == "pan":
            acc.notes.append(f"orbit requested; measured a pan with little depth parallax "
                             f"({100 * (getattr(report, 'camera_detail', None) or {}).get('parallax', 0):.1f} % of the "
                             "width per second): a flat scene orbits like a pan")
        if not ok:
            acc.add("rerender", f"the camera moves as {got.replace('_', ' ')} "
                                f"({_camera_numbers(report)}); the shot asks for {expect.camera.replace('_', ' ')}",
                    fix_key=f"camera_{expect.camera}")
    gap = _LEVEL[report.motion] - _LEVEL[expect.motion]
    if abs(gap) >= 2:
        acc.add("rerender", f"motion is {report.motion} ({report.motion_energy:.2f} % of the width per second); "
                            f"the shot asks for {expect.motion}", fix_key=f"motion_{expect.motion}")
    elif gap:
        acc.notes.append(f"motion measured {report.motion} ({report.motion_energy:.2f} %W/s), shot asks {expect.motion}")

    if expect.loopable and report.loop_seam_ssim is not None and not getattr(report, "loop_seam_ok", True):
        op = {"op": "crossfade_loop", "fade_s": 0.5} if report.camera in ("pan", "dolly_in", "dolly_out") \
            else {"op": "pingpong"}
        acc.add("salvage", f"the loop seam jumps: last→first frame SSIM {report.loop_seam_ssim:.2f} vs "
                           f"{getattr(report, 'frame_ssim_median', 1.0):.2f} between neighbouring frames; "
                           f"{op['op'].replace('_', ' ')} makes it seamless")
        acc.ops.append(op)

    if shot is not None:
        if dur < KEEP_FRACTION * shot.duration_s and retrieved:
            acc.notes.append(f"the clip lasts {dur:.2f} s of the {shot.duration_s:g} s the shot asks: a retrieved real "
                             f"generation holds what its source holds ({retrieved}); a video model renders the length")
        elif dur < KEEP_FRACTION * shot.duration_s:
            acc.add("rerender", f"the clip lasts {dur:.2f} s; the shot asks for {shot.duration_s:g} s", fix_key="too_short")
        elif dur > 1.5 * shot.duration_s and not any(o["op"] == "trim" for o in acc.ops):
            acc.add("salvage", f"the clip lasts {dur:.2f} s; the shot asks for {shot.duration_s:g} s: trim it")
            acc.ops.append({"op": "trim", "start_s": 0.0, "end_s": float(shot.duration_s)})
        want_fps = TARGET_FPS.get(shot.target)
        if want_fps and shot.target != "still" and abs(report.fps - want_fps) > 1:
            acc.notes.append(f"{report.fps:g} fps where {shot.target} renders at {want_fps} fps (web_optimise resamples)")
    if min(report.width, report.height) < 360:
        acc.notes.append(f"small frame: {report.width}x{report.height}")
    _judge_text(acc, report, expect, shot)
    for w in getattr(report, "warnings", []) or []:
        acc.notes.append(w)

    reasons = acc.reasons or [ALL_CHECKS_MATCH]
    verdict = Verdict(
        verdict=acc.kind, reasons=reasons + [f"note: {n}" for n in acc.notes], evidence=acc.evidence,
        fix=" ".join(acc.fixes) if acc.kind in ("rerender", "reject") and acc.fixes else None,
        salvage={"ops": acc.ops} if acc.kind == "salvage" and acc.ops else None,
        source="probes", probes=report,
    )
    verdict.reasons.append(f"{PROBES_ONLY} (no vision model configured)")
    return verdict


def asked_words(shot: Shot | None) -> list[str]:
    """The words a shot asks to see in frame: what the lint set aside for the overlay ("overlay afterwards:
    'OPEN ALL NIGHT'"), else the quoted words still in its prompt. Empty for a shot that asks for no text."""
    if shot is None or not shot.expectations.text_in_frame:
        return []
    for note in shot.lint:
        if (m := _OVERLAY.search(note)) is not None:
            return [w for w in (x.strip().strip("'") for x in m.group(1).split("', '")) if w]
    return [(m.group("q") or m.group("s")).strip() for m in re.finditer(QUOTED, shot.positive)]


def _quote(lines: list[str], most: int = 4) -> str:
    out = ", ".join(f"'{x}'" for x in lines[:most])
    return out + (f" and {len(lines) - most} more line(s)" if len(lines) > most else "")


def _judge_text(acc: _Acc, report: ProbeReport, expect: ShotExpectations, shot: Shot | None) -> None:
    """Words in frame. A shot that asks for none hears what was read; a shot that names its words hears whether
    they are there and spelled right (normalised: case, spacing, punctuation), and misspelled words are a
    rerender with the overlay fix; a shot that asks for text without naming it hears what was read."""
    text = [Evidence.model_validate(t) if isinstance(t, dict) else t for t in (getattr(report, "text", None) or [])]
    read = [e for e in text if e.words]
    lines = list(dict.fromkeys(w for e in read for w in e.words or []))
    asked = asked_words(shot) if expect.text_in_frame else []
    if asked:
        for c in check_words(asked, [e.words or [] for e in read]):
            if c.status == "right":
                e = next((e for e in read if normalise(c.asked) in normalise(" ".join(e.words or []))), read[0])
                acc.notes.append(f"{c.says()} ({_span(e)})")
            elif c.status == "misspelled":
                e = next((e for e in read if c.read_as and any(w in c.read_as for w in e.words or [])), read[0])
                acc.add("rerender", f"{c.says()} {_span(e)}: generated letters come out garbled", [e],
                        fix_key="text_garbled")
            elif lines:
                acc.notes.append(f"{c.says()}: read instead {_quote(lines)} — overlay the words in the edit")
            else:
                acc.notes.append(f"{c.says()}: no text measured in frame — overlay the words in the edit")
    elif expect.text_in_frame and text:
        said = f": {_quote(lines)}" if lines else ""
        acc.notes.append(f"words are visible {_span((read or text)[0])}{said} (the shot asks for text but names no "
                         "words to check them against)")
    elif expect.text_in_frame:
        acc.notes.append("no text measured in frame: overlay the words in the edit")
    elif lines:
        acc.notes.append(f"words in frame: {_quote(lines)} ({_span(read[0])}) though the shot asks for no text")
    elif text:      # found, not read (the OCR's budget was spent, or it is missing: the warnings say which)
        acc.notes.append(f"letters are visible {_span(text[0])} though the shot asks for no text (not read)")


def _camera_numbers(r: ProbeReport) -> str:
    d = getattr(r, "camera_detail", None) or {}
    return (f"zoom {100 * d.get('zoom_total', 0):+.1f} %, shift {100 * d.get('shift_x', 0):+.1f} % of the width, "
            f"jitter {100 * d.get('jitter', 0):.2f} %/frame")


def cross_check(verdict: Verdict, vlm: VlmAnswer) -> Verdict:
    """Fold a VLM's answer into a probes verdict: the description and notes join, contradictions are listed,
    the measured verdict stands."""
    r = verdict.probes
    assert r is not None
    dis: list[str] = []
    if vlm.people_visible != bool(r.people):
        dis.append(f"the VLM says a person is {'' if vlm.people_visible else 'not '}visible; the pose/face probes "
                   f"measured {'a person ' + _span(r.people[0]) if r.people else 'nobody'} — the probe wins")
    if vlm.hands_visible != bool(r.hands):
        dis.append(f"the VLM says hands are {'' if vlm.hands_visible else 'not '}visible; the hand probe measured "
                   f"{'hands ' + _span(r.hands[0]) if r.hands else 'none'} — the probe wins")
    cam = vlm.camera.strip().lower().replace(" ", "_").replace("-", "_")
    if cam not in ("unsure", "any", "", r.camera) and not (cam == "orbit" and r.camera in ("pan", "handheld")):
        dis.append(f"the VLM reads the camera as {cam}; optical flow measured {r.camera} — the probe wins")
    mot = vlm.motion.strip().lower()
    if mot in _LEVEL and abs(_LEVEL[mot] - _LEVEL[r.motion]) >= 2:
        dis.append(f"the VLM calls the motion {mot}; dense flow measured {r.motion} — the probe wins")
    reasons = [x for x in verdict.reasons if not x.startswith(PROBES_ONLY)]
    if vlm.text_visible:
        reasons.append("note (VLM, unmeasured): letters or words are visible in frame")
    reasons += [f"note (VLM, unmeasured): {p}" for p in vlm.problems[:5]]
    reasons.append("checked by the measured probes, cross-checked by the vision model")
    return verdict.model_copy(update={"source": "probes+vlm", "vlm_description": vlm.description,
                                      "disagreements": verdict.disagreements + dis, "reasons": reasons})
