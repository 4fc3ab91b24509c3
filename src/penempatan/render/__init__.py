"""Pages as plain-text blocks and their renderers (text, Markdown, HTML); no scenario or plan."""

from penempatan.render._blocks import (
    Block,
    Heading,
    Items,
    Para,
    Table,
    md_escape,
    render_html,
    render_html_blocks,
    render_md,
    render_text,
)

__all__ = [
    "Block",
    "Heading",
    "Items",
    "Para",
    "Table",
    "md_escape",
    "render_html",
    "render_html_blocks",
    "render_md",
    "render_text",
]
