"""Interface strings: French by default, English with `--lang en`."""

from __future__ import annotations

LANGUAGES = ("fr", "en")

_STRINGS: dict[str, tuple[str, str]] = {
    # codes (the codebook's names on screen)
    "force": ("Force / atout", "Strength"),
    "faiblesse": ("Faiblesse / limite", "Weakness"),
    "opportunite": ("Opportunité", "Opportunity"),
    "vigilance": ("Point de vigilance", "Point of vigilance"),
    "aucun": ("Aucun", "None"),
    "short_force": ("Force", "Strength"),
    "short_faiblesse": ("Faiblesse", "Weakness"),
    "short_opportunite": ("Opportunité", "Opportunity"),
    "short_vigilance": ("Vigilance", "Vigilance"),
    "short_aucun": ("Aucun", "None"),
    # sources
    "src_model": ("modèle", "model"),
    "src_human": ("humain", "human"),
    "src_rule": ("règle", "rule"),
    "src_validated": ("validé", "validated"),
    # queue screen
    "title": ("interviewlens — révision", "interviewlens — review"),
    "order_uncertainty": ("ordre : incertitude d'abord", "order: most uncertain first"),
    "order_transcript": ("ordre : transcription", "order: transcript"),
    "question": ("Question", "Question"),
    "previous": ("Avant", "Before"),
    "next": ("Après", "After"),
    "segment": ("Segment", "Segment"),
    "speaker": ("Locuteur", "Speaker"),
    "interview": ("Entretien", "Interview"),
    "commune": ("Commune", "Commune"),
    "topic": ("Thème", "Topic"),
    "no_topic": ("(pas de thème : lancez `interviewlens analyse`)", "(no topic: run `interviewlens analyse`)"),
    "suggestion": ("Suggestion du modèle", "Model suggestion"),
    "no_suggestion": ("pas de suggestion (lancez `interviewlens classify`)", "no suggestion (run `interviewlens classify`)"),
    "accept_hint": ("Entrée = accepter", "Enter = accept"),
    "current_code": ("Code actuel", "Current code"),
    "your_code": ("Votre code", "Your code"),
    "none_yet": ("aucun pour l'instant", "none yet"),
    "memos": ("Mémos", "Memos"),
    "progress": ("Progression", "Progress"),
    "project": ("Projet", "Project"),
    "all_done": ("Plus aucun segment à coder avec ces filtres. « / » pour changer de filtre, F4 pour la matrice.",
                 "No segment left to code with these filters. '/' to change filters, F4 for the matrix."),
    "saved": ("Enregistré : {label} — segment {segment}", "Saved: {label} — segment {segment}"),
    "validated_saved": ("Validé : {label} — segment {segment}", "Validated: {label} — segment {segment}"),
    "undone": ("Annulé : {label} (segment {segment})", "Undone: {label} (segment {segment})"),
    "nothing_to_undo": ("Rien à annuler.", "Nothing to undo."),
    "memo_saved": ("Mémo enregistré.", "Memo saved."),
    "split_done": ("Segment découpé en deux ; codez chaque partie.", "Segment split in two; code each part."),
    "no_split": ("Pas de frontière de phrase dans ce segment.", "No sentence boundary in this segment."),
    "model_updated": ("Modèle du projet mis à jour ({n} codes humains).", "Project model updated ({n} human codes)."),
    "filters": ("Filtres", "Filters"),
    "no_filter": ("aucun filtre", "no filter"),
    "skipped": ("Passé (reviendra à la fin).", "Skipped (will come back at the end)."),
    "first_segment": ("Début de l'historique.", "Start of history."),
    # filter / search dialog
    "search_title": ("Rechercher et filtrer", "Search and filter"),
    "search_help": ("Tab : champ suivant · Entrée dans un champ texte : appliquer · Échap",
                    "Tab: next field · Enter in a text field: apply · Esc"),
    "search_text": ("Texte contenant…", "Text containing…"),
    "any": ("(tous)", "(any)"),
    "max_conf": ("Confiance max. (%)", "Max. confidence (%)"),
    "source": ("Source du code", "Code source"),
    "code": ("Code", "Code"),
    "apply": ("Appliquer", "Apply"),
    "clear": ("Effacer", "Clear"),
    "cancel": ("Annuler", "Cancel"),
    "bad_conf": ("Confiance : un nombre entre 0 et 100.", "Confidence: a number from 0 to 100."),
    "uncoded": ("non codé", "uncoded"),
    # memo / split dialogs
    "memo_title": ("Mémo sur ce segment", "Memo on this segment"),
    "memo_placeholder": ("Votre remarque, puis Entrée", "Your remark, then Enter"),
    "split_title": ("Découper le segment : choisissez la frontière (Entrée)", "Split the segment: choose the boundary (Enter)"),
    # transcript
    "transcript_title": ("Transcription", "Transcript"),
    "transcript_help": ("↑↓ se déplacer · f l o v n coder · Entrée ouvrir dans la file · Échap retour",
                        "↑↓ move · f l o v n code · Enter open in the queue · Esc back"),
    # matrix
    "matrix_title": ("Matrice AFOM (SWOT)", "SWOT matrix"),
    "all_communes": ("toutes les communes", "all communes"),
    "all_actors": ("tous les acteurs", "all actors"),
    "matrix_help": ("c commune · a type d'acteur · f l o v ouvrir un quadrant · Échap retour",
                    "c commune · a actor type · f l o v open a quadrant · Esc back"),
    "statements": ("énoncés", "statements"),
    "other_topics": ("autres thèmes", "other topics"),
    "drill_help": ("Entrée ouvrir le segment · Échap retour", "Enter open the segment · Esc back"),
    # topics / actors
    "topics_title": ("Thèmes", "Topics"),
    "actors_title": ("Acteurs et territoires partenaires", "Actors and partner territories"),
    "no_analysis": ("Pas encore d'analyse : lancez `interviewlens analyse PROJET`.",
                    "No analysis yet: run `interviewlens analyse PROJECT`."),
    "segments": ("segments", "segments"),
    "mentions": ("mentions", "mentions"),
    "kind": ("type", "kind"),
    "words": ("mots", "words"),
    "partners": ("Territoires partenaires candidats", "Candidate partner territories"),
    # supervisor
    "supervisor_title": ("Supervision", "Supervision"),
    "coders": ("Codeurs", "Coders"),
    "model_as_coder": ("modèle compté comme codeur", "model counted as a coder"),
    "agreement": ("Accord", "Agreement"),
    "disagreements": ("désaccords", "disagreements"),
    "shared_segments": ("segments codés par au moins deux", "segments coded by at least two"),
    "sup_help": ("Entrée valider le code majoritaire · f l o v n valider ce code · k modèle comme codeur",
                 "Enter validate the majority code · f l o v n validate that code · k model as a coder"),
    "no_coders": ("Pas encore de code humain.", "No human code yet."),
    "order_disagreements": ("ordre : désaccords d'abord", "order: disagreements first"),
    "validated_by": ("validé par {coder}", "validated by {coder}"),
    # compare
    "compare_title": ("Comparaison des communes", "Compare communes"),
    "actor_type": ("type d'acteur", "actor type"),
    "computing": ("Calcul en cours…", "Computing…"),
    "compare_nothing": ("Aucun segment codé : lancez `interviewlens classify` ou codez d'abord.",
                        "No coded segment: run `interviewlens classify` or code first."),
    "chi2_line": ("χ² = {chi2} ({dof} ddl), p = {p}, V de Cramér = {v}",
                  "χ² = {chi2} ({dof} dof), p = {p}, Cramér's V = {v}"),
    "residual_legend": ("▲ / ▼ : sur- ou sous-représenté (résidu ajusté au-delà de ±1,96)",
                        "▲ / ▼: over- or under-represented (adjusted residual beyond ±1.96)"),
    "distinctive_words": ("Mots distinctifs (log-vraisemblance contre le reste)",
                          "Distinctive words (log-likelihood against the rest)"),
    # help
    "help_title": ("Aide — toutes les touches", "Help — every key"),
    "help_close": ("Échap ou ? pour fermer", "Esc or ? to close"),
}


def tr(key: str, lang: str = "fr", **values: object) -> str:
    """The interface string `key` in `lang`, formatted with `values`."""
    french, english = _STRINGS[key]
    text = english if lang == "en" else french
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in _STRINGS
