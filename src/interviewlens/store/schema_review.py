"""Tables of the review stage (migration 4): undo, memos, splits, per-coder views.

Decisions stay append-only. Undoing one appends a retraction; the views below
ignore retracted decisions, so "current" never depends on deleting anything.
"""


def review_schema() -> str:
    return """
    CREATE TABLE decision_retraction (
        decision_id INTEGER PRIMARY KEY REFERENCES decision(id),
        coder       TEXT,
        created_at  TEXT NOT NULL
    );
    CREATE TRIGGER decision_retraction_no_update BEFORE UPDATE ON decision_retraction
    BEGIN SELECT RAISE(ABORT, 'retractions are append-only'); END;
    CREATE TRIGGER decision_retraction_no_delete BEFORE DELETE ON decision_retraction
    BEGIN SELECT RAISE(ABORT, 'retractions are append-only'); END;

    CREATE TABLE memo (
        id         INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segment(id),
        coder      TEXT,
        text       TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX memo_segment ON memo(segment_id, id);

    -- A split shortens `segment_id` to end at `at` and creates `new_segment_id`
    -- for the rest; decisions made before stay on the first part.
    CREATE TABLE segment_split (
        id             INTEGER PRIMARY KEY,
        segment_id     INTEGER NOT NULL REFERENCES segment(id),
        new_segment_id INTEGER NOT NULL REFERENCES segment(id),
        at             INTEGER NOT NULL,   -- offset in interview.text
        coder          TEXT,
        created_at     TEXT NOT NULL
    );

    DROP VIEW current_decision;
    -- The label a segment carries now: latest validated decision, else latest human,
    -- else latest model suggestion, else latest rule; retracted decisions never count.
    CREATE VIEW current_decision AS
    SELECT d.* FROM decision d
    WHERE d.id = (
        SELECT d2.id FROM decision d2
        WHERE d2.segment_id = d.segment_id
          AND d2.id NOT IN (SELECT decision_id FROM decision_retraction)
        ORDER BY d2.validated DESC,
                 CASE d2.source WHEN 'human' THEN 2 WHEN 'model' THEN 1 ELSE 0 END DESC,
                 d2.id DESC
        LIMIT 1
    );

    -- Each coder's own latest (non-retracted, not validated) code per segment:
    -- what agreement between coders is computed on.
    CREATE VIEW coder_decision AS
    SELECT d.* FROM decision d
    WHERE d.source = 'human' AND d.validated = 0 AND d.coder IS NOT NULL
      AND d.id = (
        SELECT d2.id FROM decision d2
        WHERE d2.segment_id = d.segment_id AND d2.coder = d.coder
          AND d2.source = 'human' AND d2.validated = 0
          AND d2.id NOT IN (SELECT decision_id FROM decision_retraction)
        ORDER BY d2.id DESC LIMIT 1
    );
    """
