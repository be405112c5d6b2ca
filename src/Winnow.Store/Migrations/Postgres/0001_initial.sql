-- Winnow results store, version 1 (PostgreSQL): the same tables as the SQLite schema,
-- with PostgreSQL's own types for times, JSON and keys.

CREATE TABLE inspection (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job         text NOT NULL CHECK (job IN ('drops', 'diffraction', 'classes', 'squares')),
    key         text NOT NULL,
    name        text NOT NULL,
    layout      text NOT NULL,
    source      text NOT NULL,
    metadata    jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    UNIQUE (job, key)
);

CREATE TABLE image (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inspection_id   bigint NOT NULL REFERENCES inspection (id),
    job             text NOT NULL CHECK (job IN ('drops', 'diffraction', 'classes', 'squares')),
    path            text NOT NULL,
    sha256          text NOT NULL,
    metadata        jsonb NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failed')),
    failure_reason  text,
    created_at      timestamptz NOT NULL,
    UNIQUE (job, sha256)
);
CREATE INDEX image_inspection ON image (inspection_id);
CREATE INDEX image_path ON image (path);

CREATE TABLE model (
    id          text PRIMARY KEY,
    job         text NOT NULL,
    name        text NOT NULL,
    card        jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL
);

CREATE TABLE run (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL,
    job             text,
    model_id        text,
    state           text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled')),
    images_done     bigint NOT NULL DEFAULT 0,
    images_failed   bigint NOT NULL DEFAULT 0,
    message         text,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz
);

CREATE TABLE score (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    image_id        bigint NOT NULL REFERENCES image (id),
    scorer_kind     text NOT NULL CHECK (scorer_kind IN ('human', 'machine')),
    scorer          text NOT NULL,
    class           text NOT NULL,
    probabilities   jsonb,
    value           double precision,
    scored_at       timestamptz NOT NULL,
    run_id          bigint REFERENCES run (id)
);
CREATE UNIQUE INDEX score_machine_once ON score (image_id, scorer) WHERE scorer_kind = 'machine';
CREATE UNIQUE INDEX score_human_once ON score (image_id, scorer, scored_at) WHERE scorer_kind = 'human';
CREATE INDEX score_latest ON score (image_id, scorer_kind, scored_at);

CREATE TABLE vote (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    image_id    bigint NOT NULL REFERENCES image (id),
    voter       text NOT NULL,
    class       text NOT NULL,
    voted_at    timestamptz NOT NULL,
    UNIQUE (image_id, voter, voted_at)
);
