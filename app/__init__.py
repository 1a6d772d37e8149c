"""The application (floor 5, the top): the ``nightreel`` CLI and its commands, the night (scheduler, notes,
its store), the dailies, review and the web studio.

It may import every floor below (evals, agents, tools, memory, prompts, the ``nightreel`` kernel); nothing
imports it back (import-linter's layers contract in ``pyproject.toml``, run by ``make test``).
"""
