"""A tiny document model shared by the Markdown, HTML and DOCX renderers."""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewlens.export.charts import Chart


@dataclass(frozen=True)
class Heading:
    level: int          # 1 = part, 2 = section, 3 = subsection, 4 = paragraph heading
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    kind: str = ""      # "" | "note" (a remark to the team) | "lead" (bold first words)
    lead: str = ""      # bold words that open the paragraph


@dataclass(frozen=True)
class Quote:
    """A short verbatim and where it comes from."""

    text: str
    source: str
    lead: str = ""      # e.g. the code, shown before the quote


@dataclass(frozen=True)
class Bullets:
    items: list[str | Quote]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    widths: list[float] | None = None   # relative column widths


@dataclass(frozen=True)
class Figure:
    chart: Chart


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | Quote | Bullets | Table | Figure | PageBreak


@dataclass
class Document:
    title: str
    subtitle: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    @property
    def figures(self) -> list[Chart]:
        return [b.chart for b in self.blocks if isinstance(b, Figure)]
