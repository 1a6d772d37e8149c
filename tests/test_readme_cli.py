"""The README and `--help` agree: every command and option the README (and docs/) names exists in the CLI, and
every option of the main commands is named in the command lines of the guide: README.md and docs/commands.md together
(the README shows the commands a newcomer needs, docs/commands.md every option).

The CLI side is read from the Typer app itself (its click commands and their parameters), not from `--help` text.
The README side is every `nightreel …` line in a fenced code block and every inline `nightreel …` code span;
`[--shots N]`, `(--model NAME=URL | --family qwen)`, `list|search|show` and `# comments` are understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer

from app.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COMMANDS = ROOT / "docs" / "commands.md"
GUIDE = (README, COMMANDS)   # together they must name every command and every option of the main commands
DOCS = sorted((ROOT / "docs").glob("*.md"))

#: the commands a person meets first: the guide's command lines must name every option they have
MAIN = ("demo", "night", "dailies", "review", "chat", "storyboard", "render", "critique", "serve", "doctor")

_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```", re.DOTALL | re.MULTILINE)
_NOT_SHELL = {"toml", "json", "yaml", "python", "ini", "systemd"}   # blocks whose words are not commands
_SPAN = re.compile(r"(?<!`)`((?:[^`\n]|\n(?!\s*\n))+)`(?!`)")   # a span may wrap onto the next line
_FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])")
_EXE = re.compile(r"""^[\s"'`(\[$]*(?:\$\()?(?:\S*/bin/)?nightreel$""")


def cli_tree() -> dict[tuple[str, ...], Any]:
    """Every command of the app by its path: () is the root, ("memory", "list") a subcommand."""
    root = typer.main.get_command(app)
    out: dict[tuple[str, ...], Any] = {}

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        out[path] = cmd
        if _is_group(cmd):
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))

    walk(root, ())
    return out


def _is_group(cmd: Any) -> bool:
    return isinstance(getattr(cmd, "commands", None), dict)   # Typer vendors click: no isinstance on click.Group


def _options(cmd: Any) -> list[Any]:
    return [p for p in cmd.params if getattr(p, "param_type_name", "") == "option"]


def flags_of(cmd: Any) -> set[str]:
    names: set[str] = set()
    for p in _options(cmd):
        names.update(p.opts)
        names.update(p.secondary_opts)
    return names | {"--help"}


def option_groups(cmd: Any) -> list[set[str]]:
    """Each option of a command as the set of its spellings (--shots, -n), --help left out."""
    return [set(p.opts) | set(p.secondary_opts) for p in _options(cmd) if "--help" not in p.opts]


@dataclass
class Named:
    """One `nightreel …` line of the docs: the command path(s) it names and the flags it uses."""

    where: str
    text: str
    paths: list[tuple[str, ...]] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    unknown: str | None = None     # a word where a subcommand was expected
    in_block: bool = False


def _lines_of(md: str) -> list[tuple[str, bool]]:
    """(line, in a fenced block) for every block line and inline code span that runs nightreel."""
    out: list[tuple[str, bool]] = []
    for m in _FENCE.finditer(md):
        if m.group(1).strip().lower() in _NOT_SHELL:
            continue
        joined = re.sub(r"\\\n\s*", " ", m.group(2))
        lines: list[str] = []
        for ln in joined.splitlines():
            code = re.split(r"\s#\s|\s#$|^#", ln, maxsplit=1)[0].rstrip()
            if lines and re.match(r"^\s+[\[(]?-", code) and "nightreel" in lines[-1]:
                lines[-1] += " " + code.strip()          # an indented continuation of the options
            else:
                lines.append(code)
        out += [(ln, True) for ln in lines if "nightreel" in ln]
    outside = _FENCE.sub("", md)
    out += [(" ".join(m.group(1).split()), False) for m in _SPAN.finditer(outside) if "nightreel" in m.group(1)]
    return out


def named_in(path: Path, tree: dict[tuple[str, ...], Any]) -> list[Named]:
    found: list[Named] = []
    for text, in_block in _lines_of(path.read_text(encoding="utf-8")):
        tokens = text.split()
        starts = [i for i, t in enumerate(tokens) if _EXE.match(t)]
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(tokens)
            words = tokens[start + 1:end]
            item = Named(where=path.name, text=" ".join(tokens[start:end]), in_block=in_block)
            paths: list[tuple[str, ...]] = [()]
            for w in words:
                bare = w.strip("[](){}\"'`,;")
                if not bare or bare.startswith("-") or _FLAG.search(w):
                    continue
                groups = [p for p in paths if _is_group(tree[p])]
                if not groups:
                    break
                alts = bare.split("|")
                nxt = [(*p, a) for p in groups for a in alts if (*p, a) in tree]
                if nxt and len(nxt) == len(groups) * len(alts):
                    paths = nxt
                    continue
                if not re.fullmatch(r"[a-z][a-z-]*", bare):   # a placeholder, a path, a value: not a command
                    break
                item.unknown = bare
                break
            item.paths = paths
            item.flags = {m.group(1) for w in words for m in _FLAG.finditer(w)}
            found.append(item)
    return found


@pytest.fixture(scope="module")
def tree() -> dict[tuple[str, ...], Any]:
    return cli_tree()


def guide_named(paths, tree) -> list[Named]:
    """Every `nightreel …` line of several files, as one list (the README and docs/commands.md)."""
    return [n for p in paths for n in named_in(p, tree)]


@pytest.fixture(scope="module")
def readme_named(tree) -> list[Named]:
    return named_in(README, tree)


@pytest.fixture(scope="module")
def named(tree) -> list[Named]:
    return guide_named(GUIDE, tree)


def test_the_readme_runs_nightreel(readme_named, named):
    assert any(n.in_block for n in readme_named), "no command lines found in README.md"
    assert len([n for n in named if n.in_block]) >= len(MAIN), "no command lines found in docs/commands.md"


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda p: p.name)
def test_every_command_and_option_the_docs_name_exists(doc, tree):
    problems = []
    for n in named_in(doc, tree):
        if n.unknown:
            problems.append(f"{n.where}: `{n.text}`: the CLI has no command {n.unknown!r} there "
                            f"(it has: {', '.join(sorted(c for c in _subcommands(tree, n.paths)))})")
            continue
        known = set().union(*(flags_of(tree[p]) for p in n.paths)) | flags_of(tree[()])
        for flag in sorted(n.flags - known):
            where = " / ".join("nightreel " + " ".join(p) for p in n.paths)
            problems.append(f"{n.where}: `{n.text}`: `{where}` has no option {flag}")
    assert not problems, "\n".join(problems)


def _subcommands(tree, paths) -> set[str]:
    return {k[-1] for k in tree for p in paths if len(k) == len(p) + 1 and k[:len(p)] == p}


def unnamed_options(command: str, tree, named: list[Named]) -> list[str]:
    """The options of `nightreel COMMAND` that no command line of `named` uses (one spelling of each)."""
    used = set().union(set(), *(n.flags for n in named if n.in_block and (command,) in n.paths))
    groups = [g for g in option_groups(tree[(command,)]) if not g & used]
    return sorted(max(g, key=lambda o: (o.startswith("--"), o)) for g in groups)   # the long spelling


@pytest.mark.parametrize("command", MAIN)
def test_the_guide_names_every_option_of_the_main_commands(command, tree, named):
    assert (command,) in tree, f"`nightreel {command}` is in MAIN but not in the CLI"
    assert any(n.in_block and (command,) in n.paths for n in named), \
        f"neither README.md nor docs/commands.md has a command line for `nightreel {command}`"
    missing = unnamed_options(command, tree, named)
    assert not missing, (f"`nightreel {command} --help` has options neither README.md nor docs/commands.md names: "
                         f"{', '.join(missing)}")


def test_the_guide_names_every_command(tree, named):
    paths = {p for n in named for p in n.paths}
    top = sorted(k[0] for k in tree if len(k) == 1)
    missing = [c for c in top if not any(p[:1] == (c,) for p in paths)]
    assert not missing, f"commands neither README.md nor docs/commands.md names: {', '.join(missing)}"


def test_the_parser_sees_a_missing_option_and_a_missing_command(tree, tmp_path):
    """The check itself: a README that names `demo --frobnicate` or `nightreel frobnicate` is caught."""
    doc = tmp_path / "README.md"
    doc.write_text("```bash\nnightreel demo [--frobnicate N]\nnightreel frobnicate --now\n"
                   "nightreel memory list|search --limit 3   # options of either\n```\n"
                   "and `.venv/bin/nightreel night --variants 3` inline, `nightreel review\n--promote` wrapped\n",
                   encoding="utf-8")
    found = named_in(doc, tree)
    assert found[0].paths == [("demo",)] and found[0].flags == {"--frobnicate"}
    assert "--frobnicate" not in flags_of(tree[("demo",)])
    assert found[1].unknown == "frobnicate"
    assert found[2].paths == [("memory", "list"), ("memory", "search")] and found[2].flags == {"--limit"}
    assert found[3].paths == [("night",)] and found[3].flags == {"--variants"} and not found[3].in_block
    assert found[4].paths == [("review",)] and found[4].flags == {"--promote"}


def test_an_option_counts_when_either_file_names_it_and_a_renamed_one_is_caught(tree, tmp_path):
    """The guide is the union of both files: an option only docs/commands.md names is named; one neither names
    (as after a rename in the CLI, the docs still naming the old spelling) is missing, and the old spelling fails."""
    readme, commands = tmp_path / "README.md", tmp_path / "commands.md"
    readme.write_text("```bash\nnightreel demo\n```\n", encoding="utf-8")
    commands.write_text("```bash\nnightreel demo [--shots N] [--out DIR]\n```\n", encoding="utf-8")
    both = guide_named((readme, commands), tree)
    assert unnamed_options("demo", tree, both) == ["--minutes"]
    assert unnamed_options("demo", tree, named_in(readme, tree)) == ["--minutes", "--out", "--shots"]
    commands.write_text("```bash\nnightreel demo [--shots N] [--out DIR] [--minute M]\n```\n", encoding="utf-8")
    renamed = guide_named((readme, commands), tree)
    assert unnamed_options("demo", tree, renamed) == ["--minutes"]
    assert "--minute" not in flags_of(tree[("demo",)])
