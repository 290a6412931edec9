"""Tables of the classification stage (migration 3).

Scores are derived data, recomputed at will; the decisions they lead to live in
the append-only `decision` table.
"""


def classify_schema() -> str:
    return """
    CREATE TABLE segment_score (
        segment_id   INTEGER PRIMARY KEY REFERENCES segment(id),
        base_version TEXT NOT NULL,
        base_probs   BLOB NOT NULL,   -- float32[5], codes in Label order
        probs        BLOB NOT NULL,   -- float32[5], the project model's current view
        vector       BLOB NOT NULL    -- float16[d], features of the project model
    );
    CREATE TABLE project_model (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        base_version TEXT NOT NULL,
        weights      BLOB,            -- numpy .npy bytes (never pickle)
        vector_mean  BLOB,
        vector_scale BLOB,
        human_labels INTEGER NOT NULL DEFAULT 0,
        updated_at   TEXT NOT NULL
    );
    """
