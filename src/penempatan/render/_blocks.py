"""Pages as plain-text blocks, and one renderer per format (plain text, Markdown, HTML).

A page is a list of blocks (headings, paragraphs, lists, tables) holding
plain text; each renderer writes the same blocks, so every format says the
same. Every string is escaped on the way out: :func:`html.escape` for HTML,
Markdown's punctuation for Markdown; plain text, for a terminal, is written
as it is (no escapes), with tables aligned in columns. Nothing here knows a
scenario or a plan.
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
    #: A class for HTML's stylesheet (``"audit"``: small, grey); no meaning elsewhere.
    kind: str = ""


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


def _flat(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


#: The underline of a heading in plain text, by level; deeper levels are not underlined.
_UNDERLINE = {1: "=", 2: "-"}


def render_text(blocks: Sequence[Block]) -> str:
    """Blocks as plain text for a terminal: underlined headings, "- " lists, aligned tables."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            text = _flat(b.text)
            mark = _UNDERLINE.get(b.level)
            out.append(f"{text}\n{mark * len(text)}" if mark else text)
        elif isinstance(b, Para):
            out.append(_flat(b.text))
        elif isinstance(b, Items):
            out.append("\n".join("- " + _flat(item) for item in b.items))
        else:
            out.append(_text_table(b))
    return "\n\n".join(out) + "\n"


def _text_table(table: Table) -> str:
    """A table in aligned columns: numbers to the right, a rule under the headers."""
    rows = [[_flat(c) for c in row] for row in [table.headers, *table.rows]]
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(len(table.headers))]

    def line(row: list[str]) -> str:
        cells = [
            c.rjust(widths[i]) if i in table.numeric else c.ljust(widths[i])
            for i, c in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    lines = [line(rows[0]), "  ".join("-" * w for w in widths)]
    return "\n".join(lines + [line(r) for r in rows[1:]])


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;margin:.5rem 0}"
    "th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}"
    "td.n{text-align:right}"
    "p.audit{color:#555;font-size:.85em;overflow-wrap:anywhere}"
    # Printed (or saved as PDF): the page's full width, small type, a table's header
    # repeated on each page, rows and headings never split from what follows.
    "@page{size:A4;margin:1.5cm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9pt}"
    "thead{display:table-header-group}tr,li{break-inside:avoid}"
    "h1,h2,h3,h4{break-after:avoid}th,td{border-color:#888}}"
)


def render_html_blocks(blocks: Sequence[Block]) -> str:
    """Blocks as HTML elements; every text escaped."""
    esc = html.escape
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{esc(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            cls = f' class="{b.kind}"' if b.kind else ""
            out.append(f"<p{cls}>{esc(b.text)}</p>")
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
