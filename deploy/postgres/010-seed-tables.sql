-- Seed: the durable event log and the item table (the project's own tables).
-- seed_event_log: every accepted event, appended before the API acknowledges it. (user_id, event_id) is the
-- idempotency key: a resent event conflicts and is reported as a duplicate, never applied twice. seq is the log
-- position: a user grain's snapshot records the highest seq it reflects, and activation replays the rows after it.
CREATE TABLE IF NOT EXISTS seed_event_log
(
    seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    text        NOT NULL,
    event_id   text        NOT NULL,
    event_type smallint    NOT NULL,
    item_id    text        NULL,
    event_text text        NULL,
    event_time timestamptz NOT NULL,
    rating     real        NULL,
    context    jsonb       NULL,
    logged_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ux_seed_event_log_user_event UNIQUE (user_id, event_id)
);

-- Replay reads one user's rows after a position, in log order.
CREATE INDEX IF NOT EXISTS ix_seed_event_log_user_seq ON seed_event_log (user_id, seq);

-- seed_items: the catalog. A shard grain loads the rows of its shard on activation; upserts write through.
-- The embedding is the encoder's raw text embedding (the shard derives ranking vectors from it on load).
CREATE TABLE IF NOT EXISTS seed_items
(
    item_id      text             PRIMARY KEY,
    ord          bigint           GENERATED ALWAYS AS IDENTITY,
    shard        integer          NOT NULL,
    item         jsonb            NOT NULL,
    embedding    real[]           NOT NULL,
    interactions double precision NOT NULL DEFAULT 0,
    updated_at   timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_seed_items_shard ON seed_items (shard, ord);

-- seed_item_co_likes: the live co-like counts of the learned model's collaborative term. (item_id, other_id) counts
-- users who liked both within their window of recent likes; the shard that owns item_id loads its rows on activation
-- and writes changed counts on its flush timer. Aggregates only: no user id is stored.
CREATE TABLE IF NOT EXISTS seed_item_co_likes
(
    item_id  text    NOT NULL REFERENCES seed_items (item_id) ON DELETE CASCADE,
    other_id text    NOT NULL,
    count    integer NOT NULL,
    PRIMARY KEY (item_id, other_id)
);

-- seed_text_embeddings: the encoder's vectors of item texts, so that a text is encoded once per encoder whatever
-- silo or restart meets it again. encoder is the encoder's fingerprint (model, tokenizer, pooling, token limit);
-- text_key the first 16 bytes of SHA-256 of the UTF-8 text (the text itself is not kept); vector raw float32 LE.
CREATE TABLE IF NOT EXISTS seed_text_embeddings
(
    encoder    text        NOT NULL,
    text_key   bytea       NOT NULL,
    vector     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (encoder, text_key)
);
