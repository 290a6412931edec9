"""The comparison's tables, named as they are written (CSV files and XLSX sheets)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from interviewlens.compare.api import Comparison


def named_tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """File stem → table, for every section that was computed (long, tidy tables)."""
    import pandas as pd

    c = comparison
    tables: dict[str, pd.DataFrame] = {}
    dim = c.by
    if c.profiles is not None:
        counts = c.profiles.rename_axis(dim).reset_index()
        shares = c.shares.add_prefix("part_").rename_axis(dim).reset_index()
        tables["profils"] = counts.merge(shares, on=dim)
        residuals = c.residuals.rename_axis(dim).reset_index().melt(
            id_vars=dim, var_name="code", value_name="residu_ajuste")
        standardized = c.standardized_residuals.rename_axis(dim).reset_index().melt(
            id_vars=dim, var_name="code", value_name="residu_standardise")
        expected = c.expected.rename_axis(dim).reset_index().melt(
            id_vars=dim, var_name="code", value_name="effectif_theorique")
        observed = c.profiles[list(c.residuals.columns)].rename_axis(dim).reset_index().melt(
            id_vars=dim, var_name="code", value_name="effectif")
        tables["residus"] = (observed.merge(expected, on=[dim, "code"])
                             .merge(standardized, on=[dim, "code"])
                             .merge(residuals, on=[dim, "code"]))
        chi2 = c.chi2
        tables["khi2"] = pd.DataFrame([{
            "khi2": chi2.statistic, "ddl": chi2.dof, "p": chi2.p_value, "n": chi2.n,
            "v_de_cramer": chi2.cramers_v, "avertissements": " ; ".join(chi2.warnings)}])
    if c.topics is not None:
        tables["themes"] = c.topics.reset_index()
        long = c.topic_counts.reset_index().melt(id_vars="topic", var_name=dim,
                                                 value_name="segments")
        prevalence = c.topic_prevalence.reset_index().melt(id_vars="topic", var_name=dim,
                                                           value_name="prevalence")
        specificity = c.specificities.reset_index().melt(id_vars="topic", var_name=dim,
                                                         value_name="specificite")
        tables["themes_par_groupe"] = (long.merge(prevalence, on=["topic", dim])
                                       .merge(specificity, on=["topic", dim]))
        if c.topic_swot is not None and not c.topic_swot.empty:
            tables["themes_par_code"] = c.topic_swot.rename(columns={"group": dim})
    if c.keyness is not None:
        tables["vocabulaire"] = c.keyness.rename(columns={"group": dim})
    if c.swot_keyness is not None:
        tables["vocabulaire_par_code"] = c.swot_keyness.rename(columns={"group": dim})
    return tables


def write_csv(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    written = []
    for name, table in tables.items():
        path = folder / f"{name}.csv"
        table.to_csv(path, index=False, encoding="utf-8")
        written.append(path)
    return written


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, table in tables.items():
            table.to_excel(writer, sheet_name=name[:31], index=False)
    return path
