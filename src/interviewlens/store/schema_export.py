"""Tables of the export stage (migration 5): the pseudonymisation mapping.

The mapping from real names to "Personne N" lives only in the project, never in an
export. Every surface form of a person (full name, surname, first name) points to
the same number, so pseudonyms stay consistent across exports and formats.
"""


def export_schema() -> str:
    return """
    CREATE TABLE pseudonym (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,   -- the form as it appears in texts
        person     INTEGER NOT NULL,       -- N of "Personne N"
        origin     TEXT NOT NULL CHECK (origin IN ('manifest', 'ner', 'metadata')),
                                           -- ner: spaCy PER, or greeted / titled words
        created_at TEXT NOT NULL
    );
    CREATE INDEX pseudonym_person ON pseudonym(person);
    -- Interviews whose segments were searched for person names, and how.
    CREATE TABLE pseudonym_scan (
        interview_id INTEGER PRIMARY KEY REFERENCES interview(id),
        method       TEXT NOT NULL,        -- 'analysis' (entity table) or the spaCy model
        scanned_at   TEXT NOT NULL
    );
    """
