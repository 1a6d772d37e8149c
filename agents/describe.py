"""The critic talks back: a verdict described in words, for the planner to read.

With a vision model configured, its own description leads; the probes' findings follow. Without one (the
embedded default) the description is written from the measured probes alone and says so, so the planner
never mistakes a measurement for a look.
"""

from __future__ import annotations

from nightreel.schema import Evidence, ProbeReport, ShotExpectations, Verdict

__all__ = ["describe_verdict"]


def _span(e: Evidence) -> str:
    where = f" at x={e.box[0]} y={e.box[1]} w={e.box[2]} h={e.box[3]}" if e.box else ""
    return f"{e.t_start:.1f}–{e.t_end:.1f} s (frames {e.frame_start}–{e.frame_end}){where}"


def _probes_sentences(p: ProbeReport, exp: ShotExpectations | None) -> list[str]:
    out = [f"{p.duration_s:.1f} s at {p.fps:g} fps, {p.width}×{p.height}."]
    if p.people:
        first = p.people[0]
        more = f" and {len(p.people) - 1} more stretch(es)" if len(p.people) > 1 else ""
        out.append(f"A person is visible {_span(first)}{more}.")
    else:
        out.append("No person is detected in any sampled frame.")
    if p.hands:
        out.append(f"Hands are visible {_span(p.hands[0])}.")
    cam = {"locked": "The camera does not move (locked off).", "dolly_in": "The camera pushes in (dolly in).",
           "dolly_out": "The camera pulls back (dolly out).", "pan": "The camera pans.",
           "orbit": "The camera orbits the subject.", "handheld": "The camera sways like a handheld shot."}
    out.append(cam.get(p.camera, f"Camera move: {p.camera}."))
    out.append({"still": "Almost nothing moves in the frame.", "subtle": "Motion in the frame is subtle.",
                "strong": "There is strong motion in the frame."}.get(p.motion, f"Motion: {p.motion}.")
               + f" (motion energy {p.motion_energy:.3f})")
    if p.flicker:
        out.append(f"Brightness flickers {_span(p.flicker[0])}.")
    if p.black_frames:
        out.append(f"Black frames {_span(p.black_frames[0])}.")
    if p.frozen:
        wanted = exp is not None and exp.motion == "still" and exp.camera == "locked"
        out.append(f"The picture freezes {_span(p.frozen[0])}"
                   + (" (the shot asks for stillness, so this is expected)." if wanted else "."))
    out += _words_sentences(p, exp)
    if p.loop_seam_ssim is not None:
        seam = "seamless" if p.loop_seam_ssim >= 0.9 else "a visible jump"
        out.append(f"Last frame vs first frame: SSIM {p.loop_seam_ssim:.2f} ({seam} if looped).")
    return out


def _words_sentences(p: ProbeReport, exp: ShotExpectations | None) -> list[str]:
    """What the OCR read (or that letters were seen and nothing legible read)."""
    text = p.text
    read = [e for e in text if e.words]
    if read:
        lines = list(dict.fromkeys(w for e in read for w in e.words or []))
        shown = ", ".join(f"'{x}'" for x in lines[:4]) + (f" and {len(lines) - 4} more" if len(lines) > 4 else "")
        return [f"Words in frame {_span(read[0])}: {shown}."]
    if text:
        return [f"Letters are visible {_span(text[0])} (not read)."]
    if exp is not None and exp.text_in_frame:
        return ["No words are read in the sampled frames."]
    return []


def describe_verdict(v: Verdict, expectations: ShotExpectations | None = None) -> str:
    """What the critic saw and decided, in a few plain sentences (the text the planner reads)."""
    parts: list[str] = []
    if v.vlm_description:
        parts.append(f"Vision model: {v.vlm_description.strip()}")
    if v.probes is not None:
        label = "Measured" if v.vlm_description else "Probes only (no vision model looked at it)"
        parts.append(f"{label}: " + " ".join(_probes_sentences(v.probes, expectations)))
    elif not v.vlm_description:
        parts.append("Probes only: no measurements are available for this clip.")
    verdict = f"Critic's verdict: {v.verdict}"
    if v.reasons:
        verdict += " — " + "; ".join(v.reasons[:4])
    parts.append(verdict + ".")
    if v.fix:
        parts.append(f"Suggested fix: {v.fix}")
    if v.salvage and v.salvage.get("ops"):
        ops = ", ".join(
            op.get("op", "?") + "(" + ", ".join(f"{k}={val}" for k, val in op.items() if k != "op") + ")"
            for op in v.salvage["ops"])
        parts.append(f"Salvage plan: {ops}.")
    if v.disagreements:
        parts.append("Probes overruled the vision model on: " + "; ".join(v.disagreements[:3]) + ".")
    return "\n".join(parts)
