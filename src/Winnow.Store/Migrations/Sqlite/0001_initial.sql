-- Winnow results store, version 1 (SQLite). Times are UTC text 'yyyy-MM-ddTHH:mm:ss.fffffffZ',
-- fixed width so that text order is time order; JSON is text.

CREATE TABLE inspection (
    id          INTEGER PRIMARY KEY,
    job         TEXT NOT NULL CHECK (job IN ('drops', 'diffraction', 'classes', 'squares')),
    key         TEXT NOT NULL,              -- what makes it the same batch on re-ingest
    name        TEXT NOT NULL,              -- what people call it: a barcode, a run, a folder
    layout      TEXT NOT NULL,              -- the layout it was recognised as
    source      TEXT NOT NULL,              -- folder it came from
    metadata    TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    UNIQUE (job, key)
);

CREATE TABLE image (
    id              INTEGER PRIMARY KEY,
    inspection_id   INTEGER NOT NULL REFERENCES inspection (id),
    job             TEXT NOT NULL CHECK (job IN ('drops', 'diffraction', 'classes', 'squares')),
    path            TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    metadata        TEXT NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failed')),
    failure_reason  TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (job, sha256)
);
CREATE INDEX image_inspection ON image (inspection_id);
CREATE INDEX image_path ON image (path);

CREATE TABLE model (
    id          TEXT PRIMARY KEY,           -- SHA-256 of the weights file
    job         TEXT NOT NULL,
    name        TEXT NOT NULL,
    card        TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);

CREATE TABLE run (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,          -- ingest, score, import-scores, ...
    job             TEXT,
    model_id        TEXT,
    state           TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled')),
    images_done     INTEGER NOT NULL DEFAULT 0,
    images_failed   INTEGER NOT NULL DEFAULT 0,
    message         TEXT,
    started_at      TEXT NOT NULL,
    finished_at     TEXT
);

CREATE TABLE score (
    id              INTEGER PRIMARY KEY,
    image_id        INTEGER NOT NULL REFERENCES image (id),
    scorer_kind     TEXT NOT NULL CHECK (scorer_kind IN ('human', 'machine')),
    scorer          TEXT NOT NULL,          -- a person for humans, a model id for machines
    class           TEXT NOT NULL,
    probabilities   TEXT,                   -- JSON object class -> probability
    value           REAL,                   -- a number the job defines: a resolution, a crystal score
    scored_at       TEXT NOT NULL,
    run_id          INTEGER REFERENCES run (id)
);
-- A model scores an image once: the pipeline's idempotence rests on this.
CREATE UNIQUE INDEX score_machine_once ON score (image_id, scorer) WHERE scorer_kind = 'machine';
-- The same person's score at the same instant is the same score: re-importing a CSV adds nothing.
CREATE UNIQUE INDEX score_human_once ON score (image_id, scorer, scored_at) WHERE scorer_kind = 'human';
CREATE INDEX score_latest ON score (image_id, scorer_kind, scored_at);

CREATE TABLE vote (
    id          INTEGER PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES image (id),
    voter       TEXT NOT NULL,
    class       TEXT NOT NULL,
    voted_at    TEXT NOT NULL,
    UNIQUE (image_id, voter, voted_at)
);
