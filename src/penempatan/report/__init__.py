"""The report that explains a plan, in Bahasa Indonesia or English, as Markdown or HTML."""

from penempatan.report._report import FORMATS, Format, explain_report

__all__ = ["FORMATS", "Format", "explain_report"]
