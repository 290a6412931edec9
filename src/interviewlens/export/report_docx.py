"""The report as a Word document (python-docx) that Word and LibreOffice open."""

from __future__ import annotations

import io
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

GREY = (0x5B, 0x64, 0x70)


def _add_quote(paragraph, item: Quote) -> None:
    from docx.shared import RGBColor

    if item.lead:
        paragraph.add_run(item.lead).bold = True
        paragraph.add_run(" : ")
    paragraph.add_run(f"« {item.text} »").italic = True
    if item.source:
        run = paragraph.add_run(f" ({item.source})")
        run.font.color.rgb = RGBColor(*GREY)


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _table(document, block: Table) -> None:
    from docx.shared import Cm, Pt, RGBColor

    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(9)
        _shade(cell, "DDE6F0")
    _repeat_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            lines = text.split("\n")
            paragraph = cell.paragraphs[0]
            for index, line in enumerate(lines):
                run = paragraph.add_run(line)
                run.font.size = Pt(9)
                if index == 0 and len(lines) > 1:
                    run.bold = True
                if index < len(lines) - 1:
                    run.add_break()
    widths = block.widths or [1.0] * len(block.header)
    total = sum(widths)
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(16.5 * width / total)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(16.5 * width / total)
    if block.caption:
        caption = document.add_paragraph()
        run = caption.add_run(block.caption)
        run.italic = True
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(*GREY)
    else:
        document.add_paragraph()


def render_docx(doc: Document) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    document.core_properties.title = doc.title
    document.core_properties.language = "fr-FR"
    document.add_heading(doc.title, 0)
    subtitle = document.add_paragraph()
    subtitle.add_run(doc.subtitle).bold = True
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, min(block.level, 4))
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            if block.lead:
                paragraph.add_run(block.lead).bold = True
                if block.text:
                    paragraph.add_run(" ")
            if block.text:
                run = paragraph.add_run(block.text)
                if block.kind == "note":
                    run.italic = True
                    run.font.color.rgb = RGBColor(*GREY)
            if block.lead and not block.text:
                paragraph.paragraph_format.space_after = Pt(2)
                paragraph.paragraph_format.keep_with_next = True
        elif isinstance(block, Quote):
            _add_quote(document.add_paragraph(style="Quote"), block)
        elif isinstance(block, Bullets):
            for item in block.items:
                paragraph = document.add_paragraph(style="List Bullet")
                if isinstance(item, Quote):
                    _add_quote(paragraph, item)
                else:
                    paragraph.add_run(item)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure):
            document.add_picture(io.BytesIO(block.chart.png), width=Cm(15.5))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption = document.add_paragraph()
            run = caption.add_run(block.chart.caption)
            run.italic = True
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(*GREY)
        elif isinstance(block, PageBreak):
            document.add_page_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(doc: Document, output: Path) -> list[Path]:
    output.write_bytes(render_docx(doc))
    return [output]
