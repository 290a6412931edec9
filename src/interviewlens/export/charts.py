"""The report's charts as PNG bytes (matplotlib, Agg backend, no display needed)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from interviewlens.domain import Label
from interviewlens.export.data import ExportData, actor_french

COLOURS = {Label.FORCE: "#2e7d32", Label.FAIBLESSE: "#c62828",
           Label.OPPORTUNITE: "#1565c0", Label.VIGILANCE: "#ef8f00"}
SWOT = list(COLOURS)


@dataclass(frozen=True)
class Chart:
    name: str          # file stem: swot_communes, …
    caption: str
    png: bytes


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    _pyplot().close(fig)
    return buffer.getvalue()


def _stacked(groups: dict[str, dict[str, int]], title: str):
    plt = _pyplot()
    names = list(groups)
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(names) + 1.4))
    left = [0] * len(names)
    for label in SWOT:
        values = [groups[n].get(label.value, 0) for n in names]
        bars = ax.barh(names, values, left=left, color=COLOURS[label], label=label.french)
        for bar, value in zip(bars, values):
            if value >= 3:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                        str(value), ha="center", va="center", color="white", fontsize=8)
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_xlabel("segments codés")
    ax.set_title(title, loc="left", fontsize=10)
    ax.legend(ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.18 - 0.6 / len(names)),
              frameon=False, fontsize=8)
    return fig


def swot_by(data: ExportData, key: str) -> dict[str, dict[str, int]]:
    groups: dict[str, dict[str, int]] = {}
    for s in data.coded:
        if s.label == Label.AUCUN.value:
            continue
        if key == "commune":
            group = data.interview(s.interview_id).commune
        else:
            group = actor_french(s.actor_type)
        counts = groups.setdefault(group, {})
        counts[s.label] = counts.get(s.label, 0) + 1
    return dict(sorted(groups.items()))


def charts(data: ExportData) -> list[Chart]:
    """Every chart the data allows (none when nothing is coded or analysed)."""
    result = []
    by_commune = swot_by(data, "commune")
    if by_commune:
        result.append(Chart("swot_communes", "Répartition des codes SWOT par commune",
                            _png(_stacked(by_commune, "Codes SWOT par commune"))))
    by_actor = swot_by(data, "actor")
    if len(by_actor) > 1:
        result.append(Chart("swot_acteurs", "Répartition des codes SWOT par type d'acteur",
                            _png(_stacked(by_actor, "Codes SWOT par type d'acteur"))))
    if data.topics:
        result.append(Chart("themes", "Thèmes abordés : nombre de segments par thème",
                            _png(_topics_chart(data))))
    if data.edges:
        result.append(Chart("reseau_acteurs",
                            "Acteurs cités ensemble dans une même prise de parole "
                            "(les 25 plus cités ; épaisseur = nombre de co-citations)",
                            _png(_actor_graph(data))))
    return result


def _topics_chart(data: ExportData):
    plt = _pyplot()
    topics = sorted(data.topics, key=lambda t: t.size)
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(topics) + 1))
    ax.barh([_short(t.title, 45) for t in topics], [t.size for t in topics], color="#546e7a")
    ax.set_xlabel("segments")
    ax.set_title("Prévalence des thèmes", loc="left", fontsize=10)
    return fig


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _actor_graph(data: ExportData):
    import networkx as nx

    plt = _pyplot()
    top = {a["name"]: a["mentions"] for a in data.actors[:25]}
    graph = nx.Graph()
    graph.add_nodes_from(top)
    for edge in data.edges:
        if edge["source"] in top and edge["target"] in top:
            graph.add_edge(edge["source"], edge["target"], weight=edge["weight"])
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    fig, ax = plt.subplots(figsize=(7.5, 6))
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=0, k=1.6 / max(1, graph.number_of_nodes()) ** 0.5,
                                  weight="weight")
        weights = [graph[u][v]["weight"] for u, v in graph.edges]
        top_weight = max(weights) if weights else 1
        nx.draw_networkx_edges(graph, layout, ax=ax, alpha=0.35, edge_color="#607d8b",
                               width=[0.5 + 3.5 * w / top_weight for w in weights])
        nx.draw_networkx_nodes(graph, layout, ax=ax, node_color="#90caf9", edgecolors="#1565c0",
                               node_size=[60 + 25 * top[n] for n in graph])
        nx.draw_networkx_labels(graph, layout, ax=ax, font_size=8)
    ax.set_axis_off()
    ax.set_title("Réseau des acteurs cités", loc="left", fontsize=10)
    return fig
