"""Tables written by `interviewlens analyse` (schema migration 2).

Everything here is derived from the segments and can be rebuilt: `analyse` replaces actors,
places and topics on every run and re-annotates only the segments it has not seen with the
same spaCy pipeline. No table here references `decision`, and `analyse` never writes to it.
Character offsets (`entity.start`/`end`) point into `interview.text`, like every other offset.
"""

from __future__ import annotations


def analysis_schema() -> str:
    """The CREATE statements of the analysis tables and views."""
    return """
        CREATE TABLE analysis_run (
            id           INTEGER PRIMARY KEY,
            started_at   TEXT NOT NULL,
            finished_at  TEXT,
            status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
            spacy_model  TEXT NOT NULL,            -- e.g. fr_core_news_md@3.8.0
            embedding    TEXT NOT NULL,            -- spacy-vectors, lsa, or a model folder
            clustering   TEXT,                     -- kmeans, hdbscan, single (tiny corpora)
            seed         INTEGER NOT NULL,
            n_topics     INTEGER,                  -- topics found (requested ones in parameters)
            grid         TEXT,                     -- the grid file, when topics were guided
            parameters   TEXT NOT NULL DEFAULT '{}',  -- JSON: every setting of the run
            segments     INTEGER,                  -- segments analysed
            annotated    INTEGER                   -- segments (re-)annotated by spaCy this run
        );
        CREATE TABLE segment_nlp (
            segment_id INTEGER PRIMARY KEY REFERENCES segment(id),
            pipeline   TEXT NOT NULL,              -- model@version+ruler version that made it
            tokens     TEXT NOT NULL,              -- JSON array of token texts
            lemmas     TEXT NOT NULL,              -- JSON array, aligned with tokens
            pos        TEXT NOT NULL,              -- JSON array of UPOS tags, aligned
            content    TEXT NOT NULL,              -- JSON array: lemmas of content words only
            words      INTEGER NOT NULL            -- tokens that are not punctuation or space
        );
        CREATE TABLE entity (
            id         INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segment(id),
            start      INTEGER NOT NULL,           -- offsets into interview.text
            end        INTEGER NOT NULL CHECK (end > start),
            text       TEXT NOT NULL,
            label      TEXT NOT NULL,              -- LOC, ORG, PER, MISC (spaCy) or ACTOR (ruler)
            kind       TEXT,                       -- ruler kind: institution, association, …
            source     TEXT NOT NULL CHECK (source IN ('ner', 'ruler'))
        );
        CREATE INDEX entity_segment ON entity(segment_id);
        CREATE TABLE actor (
            id         INTEGER PRIMARY KEY,
            key        TEXT NOT NULL UNIQUE,       -- normalised form merging the variants
            name       TEXT NOT NULL,              -- most frequent surface form
            kind       TEXT NOT NULL,              -- institution, association, education, …
            mentions   INTEGER NOT NULL,
            interviews INTEGER NOT NULL,
            communes   INTEGER NOT NULL,
            speakers   INTEGER NOT NULL,
            variants   TEXT NOT NULL DEFAULT '[]'  -- JSON array of the surface forms merged
        );
        CREATE TABLE actor_mention (
            id         INTEGER PRIMARY KEY,
            actor_id   INTEGER NOT NULL REFERENCES actor(id),
            entity_id  INTEGER NOT NULL REFERENCES entity(id),
            segment_id INTEGER NOT NULL REFERENCES segment(id)
        );
        CREATE INDEX actor_mention_actor ON actor_mention(actor_id);
        CREATE INDEX actor_mention_segment ON actor_mention(segment_id);
        CREATE TABLE actor_edge (
            source_id  INTEGER NOT NULL REFERENCES actor(id),
            target_id  INTEGER NOT NULL REFERENCES actor(id),
            weight     INTEGER NOT NULL,           -- turns mentioning both
            interviews INTEGER NOT NULL,
            PRIMARY KEY (source_id, target_id),
            CHECK (source_id < target_id)
        );
        CREATE TABLE place (
            id         INTEGER PRIMARY KEY,
            key        TEXT NOT NULL UNIQUE,
            name       TEXT NOT NULL,
            kind       TEXT NOT NULL CHECK (kind IN ('country', 'region', 'department', 'city',
                                                     'place')),
            country    TEXT,                       -- the country it lies in, when known
            scope      TEXT NOT NULL CHECK (scope IN ('foreign', 'france', 'unknown')),
            partner_candidate INTEGER NOT NULL CHECK (partner_candidate IN (0, 1)),
            mentions   INTEGER NOT NULL,
            interviews INTEGER NOT NULL,
            communes   INTEGER NOT NULL,
            variants   TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE place_mention (
            id         INTEGER PRIMARY KEY,
            place_id   INTEGER NOT NULL REFERENCES place(id),
            entity_id  INTEGER REFERENCES entity(id),  -- NULL when found from a demonym
            segment_id INTEGER NOT NULL REFERENCES segment(id),
            surface    TEXT NOT NULL
        );
        CREATE INDEX place_mention_place ON place_mention(place_id);
        CREATE TABLE topic (
            id         INTEGER PRIMARY KEY,
            run_id     INTEGER NOT NULL REFERENCES analysis_run(id),
            number     INTEGER NOT NULL UNIQUE,    -- 0, 1, … by decreasing size
            label      TEXT NOT NULL,              -- the first top words, readable
            words      TEXT NOT NULL,              -- JSON array of [word, weight]
            size       INTEGER NOT NULL,
            grid_theme TEXT                        -- interview-grid theme it matches, if any
        );
        CREATE TABLE segment_topic (
            segment_id INTEGER PRIMARY KEY REFERENCES segment(id),
            topic_id   INTEGER NOT NULL REFERENCES topic(id),
            score      REAL NOT NULL               -- cosine of segment and topic embeddings
        );
        CREATE INDEX segment_topic_topic ON segment_topic(topic_id);
        CREATE TABLE topic_prevalence (
            topic_id   INTEGER NOT NULL REFERENCES topic(id),
            dimension  TEXT NOT NULL CHECK (dimension IN ('commune', 'actor_type')),
            value      TEXT NOT NULL,
            segments   INTEGER NOT NULL,           -- segments of that group in the topic
            share      REAL NOT NULL,              -- … over the group's segments with a topic
            PRIMARY KEY (topic_id, dimension, value)
        );
        CREATE TABLE topic_evaluation (
            id         INTEGER PRIMARY KEY,
            run_id     INTEGER NOT NULL REFERENCES analysis_run(id),
            model      TEXT NOT NULL CHECK (model IN ('bertopic', 'nmf')),
            n_topics   INTEGER NOT NULL,
            top_n      INTEGER NOT NULL,
            npmi       REAL NOT NULL,
            diversity  REAL NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE VIEW actor_mention_detail AS
        SELECT am.actor_id, a.name AS actor, a.kind, am.segment_id, s.interview_id,
               c.name AS commune, sp.id AS speaker_id, sp.name AS speaker, sp.actor_type,
               e.text AS surface, e.start, e."end"
        FROM actor_mention am
        JOIN actor a ON a.id = am.actor_id
        JOIN entity e ON e.id = am.entity_id
        JOIN segment s ON s.id = am.segment_id
        JOIN turn t ON t.id = s.turn_id
        JOIN speaker sp ON sp.id = t.speaker_id
        JOIN interview i ON i.id = s.interview_id
        LEFT JOIN commune c ON c.id = i.commune_id;
        """
