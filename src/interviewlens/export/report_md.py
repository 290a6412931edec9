"""The report as Markdown; charts go to a folder next to the file."""

from __future__ import annotations

from pathlib import Path

from interviewlens.export.document import (
    Bullets,
    Document,
    Figure,
    Heading,
    PageBreak,
    Para,
    Quote,
    Table,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _quote(item: Quote) -> str:
    lead = f"**{item.lead}** : " if item.lead else ""
    source = f" ({item.source})" if item.source else ""
    return f"{lead}*« {item.text} »*{source}"


def render_markdown(doc: Document, images: str | None) -> str:
    """`images` is the folder (relative to the Markdown file) holding the charts."""
    lines = [f"# {doc.title}", "", f"**{doc.subtitle}**", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        elif isinstance(block, Para):
            text = block.text
            if block.lead:
                text = f"**{block.lead}**" + (f" {text}" if text else "")
            if block.kind == "note":
                text = f"*{text}*"
            lines += [text, ""]
        elif isinstance(block, Quote):
            lines += [f"> {_quote(block)}", ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_quote(i) if isinstance(i, Quote) else i}" for i in block.items] + [""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_cell(h) for h in block.header) + " |")
            lines.append("|" + "|".join("---" for _ in block.header) + "|")
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            if block.caption:
                lines += ["", f"*{block.caption}*"]
            lines.append("")
        elif isinstance(block, Figure) and images is not None:
            lines += [f"![{block.chart.caption}]({images}/{block.chart.name}.png)", "",
                      f"*{block.chart.caption}*", ""]
        elif isinstance(block, PageBreak):
            lines += ["---", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(doc: Document, output: Path) -> list[Path]:
    folder = output.with_name(output.stem + "_images")
    written = [output]
    if doc.figures:
        folder.mkdir(exist_ok=True)
        for chart in doc.figures:
            path = folder / f"{chart.name}.png"
            path.write_bytes(chart.png)
            written.append(path)
    output.write_text(render_markdown(doc, folder.name), encoding="utf-8")
    return written
