"""Cue words that carry the codebook's two axes: polarity and modality.

Lemmas (lower case, no accents stripped) grouped by what they signal. They are
features, not rules: the model learns how much each group weighs.
"""

from __future__ import annotations

POSITIVE = {
    "bien", "riche", "dynamique", "actif", "chance", "atout", "fier", "fierté",
    "formidable", "super", "génial", "beau", "joli", "agréable", "réussir", "réussite",
    "marcher", "fonctionner", "motivé", "investi", "soutenir", "soutien", "aider", "aide",
    "solidaire", "solidarité", "accueillant", "vivant", "force", "qualité", "excellent",
    "apprécier", "aimer", "plaisir", "idéal", "facile", "fort", "engagé", "énergie", "richesse",
    "fidèle", "ouvert", "ouverture", "reconnu", "calme", "convivial", "convivialité",
    "extraordinaire", "magnifique", "chouette", "sympa", "top", "efficace", "bravo",
}
NEGATIVE = {
    "manque", "manquer", "problème", "difficile", "difficulté", "compliqué", "fermer",
    "fermeture", "partir", "départ", "vieillir", "vieillissant", "âgé", "isolé", "isolement",
    "seul", "dommage", "mal", "mauvais", "faible", "faiblesse", "pauvre", "triste", "perdre",
    "perte", "disparaître", "mourir", "mort", "abandonner", "essoufflé", "essoufflement",
    "fatigué", "fatiguer", "épuisé", "limité", "insuffisant", "rare", "cher", "loin", "éloigné",
    "lourd", "lent", "galère", "galérer", "déçu", "décevoir", "frein", "bloquer", "blocage",
    "retard", "désert", "vide", "souci", "plainte", "râler", "critiquer", "tension", "conflit",
    "inexistant", "absent", "absence", "dégrader", "baisse", "baisser", "diminuer", "moins",
}
RISK = {
    "risque", "risquer", "peur", "craindre", "crainte", "inquiéter", "inquiet", "inquiétude",
    "attention", "danger", "dangereux", "fragile", "fragilité", "menacer", "menace", "dépendre",
    "reposer", "vigilant", "vigilance", "prudent", "méfier", "piège", "essouffler", "durer",
    "durée", "pérenne", "pérenniser", "pérennité", "tenir", "arrêter", "turn-over", "turnover",
    "mandat", "élection", "relève", "remplacer", "successeur", "condition", "garantir", "éviter",
}
PROSPECT = {
    "pouvoir", "falloir", "devoir", "souhaiter", "vouloir", "envie", "idée", "projet", "proposer",
    "proposition", "imaginer", "envisager", "espérer", "rêver", "possibilité", "opportunité",
    "développer", "créer", "lancer", "relancer", "monter", "mettre", "organiser", "prochain",
    "avenir", "futur", "bientôt", "demain", "piste", "levier", "potentiel", "pourquoi",
}
EXTERNAL = {
    "erasmus", "leader", "feder", "fse", "europe", "européen", "subvention", "financement",
    "financer", "appel", "région", "régional", "département", "départemental", "réseau",
    "programme", "fonds", "dispositif", "partenaire", "partenariat", "jumelage", "coopération",
    "ambassade", "union", "état", "ministère", "agence", "label", "candidature", "dossier",
}
NEGATORS = {"ne", "n'", "pas", "plus", "jamais", "aucun", "aucune", "rien", "personne", "ni",
            "sans", "guère", "nul", "nulle"}
CONCESSIVE = {"mais", "pourtant", "cependant", "toutefois", "néanmoins", "malgré", "quoique",
              "sauf", "seulement", "reste", "revanche", "contre"}
BACKCHANNEL = {"oui", "ouais", "d'accord", "ok", "mm", "hm", "hum", "voilà", "exactement",
               "effectivement", "tout à fait", "ah", "oh", "bon", "bien sûr", "absolument"}
FILLERS = {"euh", "ben", "bah", "hein", "quoi", "bon", "enfin", "voilà", "genre", "ouais",
           "hm", "mm", "hum", "pff", "bref"}
# Pure hesitations: no meaning of their own, left out of the lexical features.
HESITATIONS = {"euh", "euhm", "heu", "hum", "hm", "hmm", "mm", "mmh", "mh", "ben", "bah", "beh",
               "pff", "bé"}
GROUPS = {"pos": POSITIVE, "neg": NEGATIVE, "risk": RISK, "prospect": PROSPECT,
          "external": EXTERNAL}
