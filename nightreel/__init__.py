"""The kernel (floor 1): what every other package stands on, importing nothing of ours.

``schema`` (domain types), ``errors`` (the one error tree), ``config`` (settings), ``studio`` (paths and the
inside-the-studio checks), ``ledger`` + ``sqlite_db`` (render jobs in SQLite, one opening), ``boards``
(storyboard files and their one Markdown/HTML renderer). Floors above: prompts, tools | memory, agents, evals, app.
"""
