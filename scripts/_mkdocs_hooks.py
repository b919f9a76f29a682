"""MkDocs hook (mkdocs.yml ``hooks``): the SDK's docstrings cross-reference in reStructuredText roles
(``:meth:`~PacerproClient.login```), which the Markdown renderer leaves as text. Show them as code names instead."""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(r":(?:meth|class|attr|func|mod|exc|data|obj):<code>(~?)([^<]+)</code>")


def _name(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    return f"<code>{target.rsplit('.', 1)[-1] if tilde else target}</code>"


def on_page_content(html: str, **_: Any) -> str:
    """Turn a role followed by its code span into the code span alone (``~`` keeps only the last name)."""
    return ROLE.sub(_name, html)
