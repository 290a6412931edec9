"""Charts of the report as PNG bytes (matplotlib's object API: no pyplot, no global state)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from interviewlens.domain import Label

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

COLOURS = {Label.FORCE.value: "#2e7d32", Label.FAIBLESSE.value: "#c62828",
           Label.OPPORTUNITE.value: "#1565c0", Label.VIGILANCE.value: "#ef6c00",
           Label.AUCUN.value: "#9e9e9e"}
DPI = 110


def _png(figure: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight",
                   metadata={"Software": None})
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def profile_bars(shares: pd.DataFrame) -> bytes:
    """Horizontal stacked bars: each group's share of each SWOT code."""
    groups = list(shares.index)
    figure = _figure(8, 0.45 * len(groups) + 1.4)
    axes = figure.add_subplot()
    left = [0.0] * len(groups)
    for code in shares.columns:
        values = shares[code].tolist()
        axes.barh(groups, values, left=left, color=COLOURS.get(code, "#777"),
                  label=Label(code).french)
        for i, value in enumerate(values):
            if value >= 0.06:
                axes.text(left[i] + value / 2, i, f"{value:.0%}", ha="center", va="center",
                          color="white", fontsize=8)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlim(0, 1)
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(shares.columns),
                frameon=False, fontsize=8)
    axes.set_title("Part de chaque code parmi les segments codés")
    return _png(figure)


def heatmap(values: pd.DataFrame, title: str, *, limit: float, row_labels: list[str] | None = None,
            column_labels: list[str] | None = None, fmt: str = "{:+.1f}") -> bytes:
    """A diverging heat map (blue: under-, red: over-represented), values written in cells."""
    import numpy as np

    rows = row_labels or [str(r) for r in values.index]
    cols = column_labels or [str(c) for c in values.columns]
    data = values.to_numpy(dtype=float)
    figure = _figure(max(5.0, 1.1 * len(cols) + 2.5), 0.38 * len(rows) + 1.6)
    axes = figure.add_subplot()
    image = axes.imshow(np.clip(data, -limit, limit), cmap="RdBu_r", vmin=-limit, vmax=limit,
                        aspect="auto")
    axes.set_xticks(range(len(cols)), cols, rotation=30, ha="right", fontsize=8)
    axes.set_yticks(range(len(rows)), rows, fontsize=8)
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            colour = "white" if abs(data[i, j]) > 0.6 * limit else "black"
            axes.text(j, i, fmt.format(data[i, j]), ha="center", va="center", fontsize=7,
                      color=colour)
    figure.colorbar(image, ax=axes, shrink=0.8)
    axes.set_title(title, fontsize=10)
    return _png(figure)


def keyness_bars(keyness: pd.DataFrame, groups: list[str], top: int = 10) -> bytes | None:
    """One small bar chart of the top G² lemmas per group."""
    shown = [g for g in groups if (keyness.group == g).any()]
    if not shown:
        return None
    columns = min(3, len(shown))
    lines = -(-len(shown) // columns)
    figure = _figure(4.2 * columns, 2.9 * lines)
    for k, group in enumerate(shown):
        axes = figure.add_subplot(lines, columns, k + 1)
        rows = keyness[keyness.group == group].head(top)
        axes.barh(rows.lemma.tolist()[::-1], rows.g2.tolist()[::-1], color="#5c6bc0")
        axes.set_title(group, fontsize=9)
        axes.tick_params(labelsize=7)
        axes.set_xlabel("G²", fontsize=7)
    figure.suptitle("Vocabulaire distinctif (log-vraisemblance G² contre les autres)",
                    fontsize=10)
    figure.tight_layout()
    return _png(figure)
