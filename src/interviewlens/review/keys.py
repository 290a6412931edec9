"""Key bindings of every screen, with French and English descriptions.

One table so the footer, the `?` help and the command palette always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from interviewlens.domain import Label

CODE_KEYS = {  # label -> (letter, digit)
    Label.FORCE.value: ("f", "1"),
    Label.FAIBLESSE.value: ("l", "2"),
    Label.OPPORTUNITE.value: ("o", "3"),
    Label.VIGILANCE.value: ("v", "4"),
    Label.AUCUN.value: ("n", "5"),
}


@dataclass(frozen=True)
class Key:
    keys: str          # Textual key names, comma-separated
    shown: str         # how the key is written on screen
    action: str
    fr: str
    en: str
    footer: bool = False
    short: tuple[str, str] | None = None   # (fr, en) for the footer, when the full text is long

    def describe(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr

    def footer_text(self, lang: str) -> str:
        if self.short is None:
            return self.describe(lang)
        return self.short[1] if lang == "en" else self.short[0]


def _code_keys(prefix: str) -> list[Key]:
    names = {"force": ("Force / atout", "Strength"), "faiblesse": ("Faiblesse / limite", "Weakness"),
             "opportunite": ("Opportunité", "Opportunity"), "vigilance": ("Point de vigilance",
                                                                         "Point of vigilance"),
             "aucun": ("Aucun code", "No code")}
    return [Key(f"{letter},{digit}", f"{letter} / {digit}", f"code('{label}')",
                f"{prefix[0]}{names[label][0]}", f"{prefix[1]}{names[label][1]}")
            for label, (letter, digit) in CODE_KEYS.items()]


NAVIGATION = [
    Key("f2", "F2", "app.show('queue')", "File de codage", "Coding queue"),
    Key("t,f3", "t / F3", "app.show('transcript')", "Transcription de l'entretien", "Interview transcript"),
    Key("w,f4", "w / F4", "app.show('matrix')", "Matrice AFOM (SWOT)", "SWOT matrix"),
    Key("h,f5", "h / F5", "app.show('topics')", "Thèmes", "Topics"),
    Key("a,f6", "a / F6", "app.show('actors')", "Acteurs et partenaires", "Actors and partners"),
    Key("c,f7", "c / F7", "app.show('compare')", "Comparer les communes", "Compare communes"),
    Key("g,f8", "g / F8", "app.show('agreement')", "Accord entre codeurs", "Agreement between coders"),
    Key("question_mark", "?", "app.help", "Aide : toutes les touches", "Help: every key", True,
        ("Aide", "Help")),
    Key("ctrl+p", "Ctrl+P", "app.command_palette", "Palette : toutes les actions par leur nom",
        "Palette: every action by name"),
    Key("ctrl+q", "Ctrl+Q", "app.quit", "Quitter (tout est déjà enregistré)", "Quit (everything is saved)", False),
]

def _coding_keys(prefix: tuple[str, str], accept: Key, order: Key, extra: list[Key]) -> list[Key]:
    """The queue's keys; interns and supervisors differ in what coding and Enter mean."""
    return [
        *_code_keys(prefix),
        accept,
        Key("u,backspace", "u / ⌫", "undo", "Annuler (plusieurs niveaux)", "Undo (many levels)",
            True, ("Annuler", "Undo")),
        Key("right,space", "→ / Espace", "skip", "Passer ce segment", "Skip this segment"),
        Key("left", "←", "back", "Segment précédent", "Previous segment"),
        *extra,
        Key("m", "m", "memo", "Ajouter un mémo", "Add a memo"),
        Key("slash", "/", "search", "Rechercher, filtrer", "Search, filter", True,
            ("Chercher", "Search")),
        order,
    ]


QUEUE = _coding_keys(
    ("Coder : ", "Code: "),
    Key("enter", "Entrée", "accept", "Accepter la suggestion", "Accept the suggestion", True,
        ("Accepter", "Accept")),
    Key("r", "r", "toggle_order", "Ordre : incertitude / transcription",
        "Order: uncertainty / transcript"),
    [Key("s", "s", "split", "Découper le segment", "Split the segment")])

SUPERVISOR = _coding_keys(
    ("Valider : ", "Validate: "),
    Key("enter", "Entrée", "accept", "Valider le code majoritaire", "Validate the majority code",
        True, ("Valider", "Validate")),
    Key("r", "r", "toggle_order", "Ordre : désaccords / transcription",
        "Order: disagreements / transcript"),
    [Key("k", "k", "toggle_model", "Compter le modèle comme codeur", "Count the model as a coder")])

TRANSCRIPT = [
    *_code_keys(("Coder : ", "Code: ")),
    Key("enter", "Entrée", "open", "Ouvrir dans la file", "Open in the queue", True),
    Key("left_square_bracket", "[", "interview(-1)", "Entretien précédent", "Previous interview", True),
    Key("right_square_bracket", "]", "interview(1)", "Entretien suivant", "Next interview", True),
    Key("escape", "Échap", "app.show('queue')", "Retour à la file", "Back to the queue", True),
]

MATRIX = [
    Key("c", "c", "cycle_commune", "Commune suivante", "Next commune", True),
    Key("a", "a", "cycle_actor", "Type d'acteur suivant", "Next actor type", True),
    Key("f", "f", "drill('force')", "Ouvrir les forces", "Open strengths"),
    Key("l", "l", "drill('faiblesse')", "Ouvrir les faiblesses", "Open weaknesses"),
    Key("o", "o", "drill('opportunite')", "Ouvrir les opportunités", "Open opportunities"),
    Key("v", "v", "drill('vigilance')", "Ouvrir les points de vigilance", "Open points of vigilance"),
    Key("escape", "Échap", "app.show('queue')", "Retour à la file", "Back to the queue", True),
]

LISTING = [
    Key("enter", "Entrée", "open", "Ouvrir", "Open", True),
    Key("escape", "Échap", "close", "Retour", "Back", True),
]


def bindings(keys: list[Key], lang: str) -> list[Binding]:
    """Textual bindings for a key table, described in `lang`."""
    return [Binding(k.keys, k.action, k.footer_text(lang), show=k.footer, key_display=k.shown)
            for k in keys]


def install(node, keys: list[Key], lang: str) -> None:
    """Add a key table to a screen's bindings (after `super().__init__()`)."""
    for k in keys:
        node._bindings.bind(k.keys, k.action, k.footer_text(lang), show=k.footer,
                            key_display=k.shown)


def help_rows(keys: list[Key], lang: str) -> list[tuple[str, str]]:
    """Rows of the `?` help: the screen's keys, then the navigation keys it leaves free
    (there are `len(help_rows(...)) - len(keys)` of those)."""
    taken = {name for k in keys for name in k.keys.split(",")}
    rows = [(k.shown, k.describe(lang)) for k in keys]
    for k in NAVIGATION:
        free = [name for name in k.keys.split(",") if name not in taken]
        if free:
            shown = k.shown if len(free) == len(k.keys.split(",")) else free[-1].upper()
            rows.append((shown, k.describe(lang)))
    return rows
