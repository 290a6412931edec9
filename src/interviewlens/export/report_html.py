"""The report as one self-contained HTML file (styles inline, charts as data URIs)."""

from __future__ import annotations

import base64
from html import escape
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

STYLE = """
body{font-family:"DejaVu Sans","Segoe UI",Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1.5rem;color:#1d2733;line-height:1.5;font-size:15px}
h1{font-size:1.9rem;color:#123c69;margin-bottom:.2rem}
h2{font-size:1.5rem;color:#123c69;border-bottom:2px solid #123c69;padding-bottom:.2rem;margin-top:2.5rem}
h3{font-size:1.2rem;color:#1d4f80;margin-top:1.8rem}
h4{font-size:1.05rem;color:#333;margin-top:1.3rem}
.subtitle{font-size:1.15rem;color:#445;margin-top:0}
.note{color:#5b6470;font-style:italic}
table{border-collapse:collapse;margin:.8rem 0;width:100%;font-size:.9rem}
th,td{border:1px solid #c7d0da;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#dde6f0}
caption{caption-side:bottom;font-style:italic;color:#5b6470;padding-top:.3rem;text-align:left}
figure{margin:1.2rem 0}figure img{max-width:100%}
figcaption{font-style:italic;color:#5b6470}
q{font-style:italic;quotes:"« " " »"}
.source{color:#5b6470;font-size:.9em}
hr{border:0;border-top:1px dashed #c7d0da;margin:2rem 0}
@media print{hr{page-break-after:always;border:0}}
"""


def _quote(item: Quote) -> str:
    lead = f"<strong>{escape(item.lead)}</strong> : " if item.lead else ""
    source = f' <span class="source">({escape(item.source)})</span>' if item.source else ""
    return f"{lead}<q>{escape(item.text)}</q>{source}"


def _cell(text: str) -> str:
    return "<br>".join(escape(part) for part in text.split("\n"))


def render_html(doc: Document) -> str:
    out = ['<!DOCTYPE html>', '<html lang="fr"><head><meta charset="utf-8">',
           f"<title>{escape(doc.title)}</title>", f"<style>{STYLE}</style></head><body>",
           f"<h1>{escape(doc.title)}</h1>", f'<p class="subtitle">{escape(doc.subtitle)}</p>']
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(6, block.level + 1)
            out.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Para):
            lead = f"<strong>{escape(block.lead)}</strong> " if block.lead else ""
            css = ' class="note"' if block.kind == "note" else ""
            out.append(f"<p{css}>{lead}{escape(block.text)}</p>")
        elif isinstance(block, Quote):
            out.append(f"<blockquote>{_quote(block)}</blockquote>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{_quote(i) if isinstance(i, Quote) else escape(i)}</li>"
                            for i in block.items)
            out.append(f"<ul>{items}</ul>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{_cell(h)}</th>" for h in block.header)
            body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>"
                           for row in block.rows)
            caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
            out.append(f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif isinstance(block, Figure):
            data = base64.b64encode(block.chart.png).decode("ascii")
            out.append(f'<figure><img alt="{escape(block.chart.caption)}" '
                       f'src="data:image/png;base64,{data}">'
                       f"<figcaption>{escape(block.chart.caption)}</figcaption></figure>")
        elif isinstance(block, PageBreak):
            out.append("<hr>")
    out.append("</body></html>")
    return "\n".join(out)


def write_html(doc: Document, output: Path) -> list[Path]:
    output.write_text(render_html(doc), encoding="utf-8")
    return [output]
