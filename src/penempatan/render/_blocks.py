"""Pages as plain-text blocks, and one renderer per format (Markdown, HTML).

A page is a list of blocks (headings, paragraphs, lists, tables) holding
plain text; each renderer writes the same blocks, so every format says the
same. Every string is escaped on the way out: :func:`html.escape` for HTML,
Markdown's punctuation for Markdown. Nothing here knows a scenario or a plan.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from penempatan.i18n import Lang


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    items: list[str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = field(default_factory=frozenset)


Block = Heading | Para | Items | Table

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md_escape(text: str) -> str:
    """Text with Markdown punctuation escaped and line breaks flattened (safe in table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def render_md(blocks: Sequence[Block]) -> str:
    """Blocks as CommonMark with pipe tables."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append("#" * b.level + " " + md_escape(b.text))
        elif isinstance(b, Para):
            out.append(md_escape(b.text))
        elif isinstance(b, Items):
            out.append("\n".join("- " + md_escape(item) for item in b.items))
        else:
            lines = ["| " + " | ".join(md_escape(h) for h in b.headers) + " |"]
            lines.append(
                "|"
                + "|".join("---:" if i in b.numeric else "---" for i in range(len(b.headers)))
                + "|"
            )
            for row in b.rows:
                lines.append("| " + " | ".join(md_escape(c) for c in row) + " |")
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;margin:.5rem 0}"
    "th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}"
    "td.n{text-align:right}"
)


def render_html_blocks(blocks: Sequence[Block]) -> str:
    """Blocks as HTML elements; every text escaped."""
    esc = html.escape
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{esc(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            out.append(f"<p>{esc(b.text)}</p>")
        elif isinstance(b, Items):
            out.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in b.items) + "</ul>")
        else:
            head = "".join(f"<th>{esc(h)}</th>" for h in b.headers)
            rows = "".join(
                "<tr>"
                + "".join(
                    f'<td class="n">{esc(c)}</td>' if i in b.numeric else f"<td>{esc(c)}</td>"
                    for i, c in enumerate(row)
                )
                + "</tr>"
                for row in b.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "\n".join(out)


def render_html(blocks: Sequence[Block], *, title: str, lang: Lang) -> str:
    """Blocks as a complete HTML document."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + render_html_blocks(blocks)
        + "\n</body>\n</html>\n"
    )
