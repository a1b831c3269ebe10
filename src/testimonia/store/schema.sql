-- testimonia store, SQLite, schema version 1 (PRAGMA user_version).
-- One row per analysed document (doc_id = sha256 of the input bytes), then one
-- table per layer, every row keyed by doc_id so corpora can be queried across
-- documents. Ids inside a layer (q3, p1, c2) are local to their document.
-- A document and all its rows are written in one BEGIN IMMEDIATE transaction.

CREATE TABLE documents (
    doc_id      TEXT PRIMARY KEY,          -- sha256 of the input bytes
    path        TEXT NOT NULL,             -- where it was first read from
    format      TEXT NOT NULL,             -- txt, md, html, tei
    title       TEXT,
    authors     TEXT NOT NULL DEFAULT '[]',-- JSON list
    language    TEXT,
    text        TEXT NOT NULL,             -- the text every offset points into
    meta        TEXT NOT NULL,             -- JSON
    fingerprint TEXT NOT NULL,             -- pipeline stages and versions
    evidence    TEXT NOT NULL,             -- the evidence JSON (testimonia-evidence/1)
    counts      TEXT NOT NULL,             -- JSON {table: rows}, to check completeness
    added_at    TEXT NOT NULL
);

CREATE TABLE segments (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL
);
CREATE INDEX segments_doc ON segments(doc_id);

CREATE TABLE notes (
    doc_id       TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    n            INTEGER,
    label        TEXT,
    marker_start INTEGER,
    marker_end   INTEGER,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    same_as      INTEGER
);
CREATE INDEX notes_doc ON notes(doc_id, id);

-- CSL-JSON references: one per note reference (note_id) or credit line (source_id)
CREATE TABLE "references" (
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    note_id   TEXT,
    source_id TEXT,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    csl       TEXT NOT NULL
);
CREATE INDEX references_doc ON "references"(doc_id, id);

CREATE TABLE quotes (
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    mode      TEXT NOT NULL,
    speaker   TEXT,          -- people.id in the same document
    addressee TEXT,
    parent    TEXT,          -- quotes.id in the same document
    cue       TEXT,
    note      INTEGER,
    rule      TEXT
);
CREATE INDEX quotes_doc ON quotes(doc_id, id);
CREATE INDEX quotes_speaker ON quotes(doc_id, speaker);

CREATE TABLE people (
    doc_id   TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,  -- person | collective
    qid      TEXT,           -- Wikidata id, when linked: the key across documents
    role     TEXT,
    mentions TEXT NOT NULL   -- JSON list of [start, end]
);
CREATE INDEX people_doc ON people(doc_id, id);
CREATE INDEX people_name ON people(name);

CREATE TABLE aliases (
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    person_id TEXT NOT NULL,
    alias     TEXT NOT NULL
);
CREATE INDEX aliases_doc ON aliases(doc_id, person_id);
CREATE INDEX aliases_alias ON aliases(alias);

CREATE TABLE stances (
    doc_id   TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    holder   TEXT NOT NULL,
    target   TEXT NOT NULL,
    polarity TEXT NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    cue      TEXT
);
CREATE INDEX stances_doc ON stances(doc_id);

CREATE TABLE claims (
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    id      TEXT NOT NULL,
    text    TEXT NOT NULL,
    subject TEXT,
    target  TEXT,
    start   INTEGER,
    "end"   INTEGER,
    support TEXT NOT NULL,   -- JSON list of quote ids
    deny    TEXT NOT NULL,
    doubt   TEXT NOT NULL
);
CREATE INDEX claims_doc ON claims(doc_id, id);

CREATE TABLE chains (
    doc_id         TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    claim_id       TEXT NOT NULL,
    id             TEXT NOT NULL,
    origin         TEXT,
    witness        TEXT,
    witness_stance TEXT,
    eyewitness     INTEGER NOT NULL,
    path           TEXT NOT NULL,  -- JSON list of people / source ids
    quotes         TEXT NOT NULL
);
CREATE INDEX chains_doc ON chains(doc_id, claim_id);

CREATE TABLE assessments (
    doc_id             TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    claim_id           TEXT NOT NULL,
    grade              TEXT NOT NULL,
    scale              TEXT,
    independent_chains INTEGER NOT NULL,
    subject_admission  INTEGER NOT NULL,
    subject_denial     INTEGER NOT NULL,
    doubters           TEXT NOT NULL,
    silences           TEXT NOT NULL,
    explanation        TEXT NOT NULL,
    factors            TEXT NOT NULL
);
CREATE INDEX assessments_doc ON assessments(doc_id, claim_id);

-- Full-text search over document text and quotes (external content, kept by triggers).
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='rowid', tokenize='unicode61');
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
