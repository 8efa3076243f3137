// The schema, as the list of forward migrations (see migrations.hpp). Never edit a migration
// that has shipped: append one that alters what it made.
//
// Conventions the clients rely on:
// - every table with a full-text index has an INTEGER PRIMARY KEY (its rowid), and its FTS5
//   table is declared the way sqlite-utils declares one (`<table>_fts`, content="<table>" in
//   double quotes, triggers <table>_ai/_ad/_au with sqlite-utils' own bodies), so
//   `sqlite-utils search` and Datasette find it;
// - small columns come before the large ones (text, raw) in `documents`, so scans that read
//   only the small ones never follow overflow pages;
// - `start`/`end` are byte offsets into documents.text, end exclusive (CONTRACT.md); `end` is
//   an SQL keyword and is written "end" in queries.
#include "store/migrations.hpp"

#include <array>

namespace sendscan {
namespace {

// Version 0 -> 1: the whole corpus schema of issue 4.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,       -- hex SHA-256 of the input bytes: the document's identity
  kind TEXT NOT NULL CHECK (kind IN ('news', 'letter', 'other')),
  published TEXT,                    -- YYYY-MM-DD (the manifest's, else the document's)
  title TEXT,                        -- the manifest's, else the document's
  outlet TEXT,
  url TEXT,
  format TEXT NOT NULL CHECK (format IN ('text', 'html', 'pdf')),
  inspectorates TEXT NOT NULL DEFAULT '[]',  -- JSON array: ["Ofsted", "CQC"]
  has_inspection INTEGER NOT NULL DEFAULT 0 CHECK (has_inspection IN (0, 1)),
  inspection_month TEXT,             -- YYYY-MM; the inspection_* columns are NULL without one
  inspection_revisit INTEGER CHECK (inspection_revisit IN (0, 1)),
  inspection_outcome TEXT,
  inspection_weakness_areas INTEGER,
  inspection_weakness_areas_improved INTEGER,
  story_group INTEGER,               -- id of the first stored copy of the same story
  extractor_version TEXT NOT NULL,
  lexicons_digest TEXT NOT NULL,
  ingested_at TEXT NOT NULL,         -- ISO 8601 UTC of the first ingest
  manifest_url TEXT,                 -- what the manifest said, reapplied by reprocess
  manifest_outlet TEXT,
  manifest_published TEXT,
  manifest_title TEXT,
  text TEXT NOT NULL,                -- the normalised text all offsets refer to
  raw BLOB NOT NULL                  -- the input bytes as read
);
CREATE INDEX idx_documents_published ON documents (published);
CREATE INDEX idx_documents_story_group ON documents (story_group);
-- Which bytes are stored by which extractor and lexicons, read without touching the rows
-- (ingest's skip check, reprocess's stale list).
CREATE INDEX idx_documents_provenance ON documents (extractor_version, lexicons_digest, sha256);

CREATE TABLE document_paths (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  UNIQUE (document_id, path)
);
CREATE INDEX idx_document_paths_path ON document_paths (path);

CREATE TABLE local_areas (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,         -- short common name: "Cheshire East"
  gss TEXT,                          -- ONS GSS code
  region TEXT,
  type TEXT,                         -- county, unitary, metropolitan, london, ...
  end_date TEXT,                     -- YYYY-MM-DD for an abolished area
  successors TEXT NOT NULL DEFAULT '[]'  -- JSON array of the names that took it over
);

CREATE TABLE document_areas (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  area_id INTEGER NOT NULL REFERENCES local_areas (id),
  role TEXT NOT NULL CHECK (role IN ('subject', 'mentioned')),
  PRIMARY KEY (document_id, area_id)
) WITHOUT ROWID;
CREATE INDEX idx_document_areas_area_role ON document_areas (area_id, role);

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  polarity TEXT NOT NULL CHECK (polarity IN ('weakness', 'strength')),
  text TEXT NOT NULL,                -- the sentence
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  cue TEXT                           -- the lexicon cue that fired
);
CREATE INDEX idx_findings_document ON findings (document_id);

CREATE TABLE finding_themes (
  finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
  theme TEXT NOT NULL,               -- CONTRACT.md's taxonomy ids
  PRIMARY KEY (finding_id, theme)
) WITHOUT ROWID;
CREATE INDEX idx_finding_themes_theme ON finding_themes (theme);

CREATE TABLE deadlines (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  text TEXT NOT NULL,                -- the time expression
  duration TEXT,                     -- ISO 8601: P70D, P20W, P18M
  due TEXT,                          -- YYYY-MM-DD or YYYY-MM
  working_days INTEGER NOT NULL DEFAULT 0 CHECK (working_days IN (0, 1)),
  action TEXT,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL
);
CREATE INDEX idx_deadlines_document ON deadlines (document_id);
CREATE INDEX idx_deadlines_due ON deadlines (due);

CREATE TABLE speakers (
  id INTEGER PRIMARY KEY,
  identity TEXT NOT NULL UNIQUE,     -- "name|organisation" lowercased, or for an unnamed
                                     -- speaker "category|role|organisation"
  name TEXT,
  role TEXT,
  organisation TEXT,
  category TEXT NOT NULL CHECK (category IN ('official', 'parent', 'inspectorate', 'other'))
);
CREATE INDEX idx_speakers_category ON speakers (category);

CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  speaker_id INTEGER REFERENCES speakers (id),
  text TEXT NOT NULL,                -- the quoted words without quote marks
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL
);
CREATE INDEX idx_quotes_document ON quotes (document_id);
CREATE INDEX idx_quotes_speaker ON quotes (speaker_id);

CREATE TABLE failures (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,              -- the path as given
  reason TEXT NOT NULL,
  failed_at TEXT NOT NULL            -- ISO 8601 UTC
);
CREATE INDEX idx_failures_source ON failures (source);

-- Story groups: MinHash signatures (src/store/minhash.hpp) of documents of 5 words or more,
-- and their LSH band keys (64-bit, stored as signed integers), the index new documents are
-- looked up in. The bands are derived from the signature and have no foreign key (one would
-- cost an index on document_id): the store deletes a document's bands by the keys of its
-- stored signature, and a band left by a document deleted outside sendscan finds no
-- signature and is ignored.
CREATE TABLE minhash (
  document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  signature BLOB NOT NULL
);
CREATE TABLE minhash_bands (
  band_key INTEGER NOT NULL,
  document_id INTEGER NOT NULL,
  PRIMARY KEY (band_key, document_id)
) WITHOUT ROWID;

-- Full-text search, declared as `sqlite-utils enable-fts --fts5 --create-triggers` does.
CREATE VIRTUAL TABLE [documents_fts] USING FTS5 (
    [title], [text],
    tokenize='porter unicode61',
    content="documents"
);
CREATE TRIGGER [documents_ai] AFTER INSERT ON [documents] BEGIN
  INSERT INTO [documents_fts] (rowid, [title], [text]) VALUES (new.rowid, new.[title], new.[text]);
END;
CREATE TRIGGER [documents_ad] AFTER DELETE ON [documents] BEGIN
  INSERT INTO [documents_fts] ([documents_fts], rowid, [title], [text]) VALUES('delete', old.rowid, old.[title], old.[text]);
END;
CREATE TRIGGER [documents_au] AFTER UPDATE ON [documents] BEGIN
  INSERT INTO [documents_fts] ([documents_fts], rowid, [title], [text]) VALUES('delete', old.rowid, old.[title], old.[text]);
  INSERT INTO [documents_fts] (rowid, [title], [text]) VALUES (new.rowid, new.[title], new.[text]);
END;

CREATE VIRTUAL TABLE [quotes_fts] USING FTS5 (
    [text],
    tokenize='porter unicode61',
    content="quotes"
);
CREATE TRIGGER [quotes_ai] AFTER INSERT ON [quotes] BEGIN
  INSERT INTO [quotes_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END;
CREATE TRIGGER [quotes_ad] AFTER DELETE ON [quotes] BEGIN
  INSERT INTO [quotes_fts] ([quotes_fts], rowid, [text]) VALUES('delete', old.rowid, old.[text]);
END;
CREATE TRIGGER [quotes_au] AFTER UPDATE ON [quotes] BEGIN
  INSERT INTO [quotes_fts] ([quotes_fts], rowid, [text]) VALUES('delete', old.rowid, old.[text]);
  INSERT INTO [quotes_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END;

CREATE VIRTUAL TABLE [findings_fts] USING FTS5 (
    [text],
    tokenize='porter unicode61',
    content="findings"
);
CREATE TRIGGER [findings_ai] AFTER INSERT ON [findings] BEGIN
  INSERT INTO [findings_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END;
CREATE TRIGGER [findings_ad] AFTER DELETE ON [findings] BEGIN
  INSERT INTO [findings_fts] ([findings_fts], rowid, [text]) VALUES('delete', old.rowid, old.[text]);
END;
CREATE TRIGGER [findings_au] AFTER UPDATE ON [findings] BEGIN
  INSERT INTO [findings_fts] ([findings_fts], rowid, [text]) VALUES('delete', old.rowid, old.[text]);
  INSERT INTO [findings_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END;

-- Views a journalist can read directly.

-- One row per document: what it is, when, about which area, and what was found in it.
CREATE VIEW documents_overview AS
SELECT d.id,
       d.published,
       d.kind,
       d.title,
       (SELECT group_concat(a.name, '; ')
          FROM document_areas da JOIN local_areas a ON a.id = da.area_id
         WHERE da.document_id = d.id AND da.role = 'subject') AS subject_area,
       d.outlet,
       d.url,
       d.inspection_outcome,
       (SELECT count(*) FROM findings f
         WHERE f.document_id = d.id AND f.polarity = 'weakness') AS weaknesses,
       (SELECT count(*) FROM findings f
         WHERE f.document_id = d.id AND f.polarity = 'strength') AS strengths,
       (SELECT count(*) FROM quotes q WHERE q.document_id = d.id) AS quotes,
       d.story_group
  FROM documents d;

-- Findings by council (documents whose subject it is), theme and polarity: the long form.
CREATE VIEW council_themes AS
SELECT a.name AS area,
       ft.theme,
       f.polarity,
       count(*) AS findings,
       count(DISTINCT f.document_id) AS documents,
       count(DISTINCT d.story_group) AS stories
  FROM document_areas da
  JOIN local_areas a ON a.id = da.area_id
  JOIN documents d ON d.id = da.document_id
  JOIN findings f ON f.document_id = da.document_id
  JOIN finding_themes ft ON ft.finding_id = f.id
 WHERE da.role = 'subject'
 GROUP BY a.name, ft.theme, f.polarity;

-- One row per council that is the subject of at least one document: documents, the latest
-- inspection outcome, weaknesses and strengths found, and both by theme (the wide form).
CREATE VIEW council_summary AS
WITH subject_findings AS (
  SELECT da.area_id, f.id AS finding_id, f.polarity
    FROM document_areas da JOIN findings f ON f.document_id = da.document_id
   WHERE da.role = 'subject'
),
theme_counts AS (
  SELECT sf.area_id,
         sum(ft.theme = 'identification' AND sf.polarity = 'weakness')
           AS identification_weaknesses,
         sum(ft.theme = 'identification' AND sf.polarity = 'strength')
           AS identification_strengths,
         sum(ft.theme = 'assessment_ehcp' AND sf.polarity = 'weakness')
           AS assessment_ehcp_weaknesses,
         sum(ft.theme = 'assessment_ehcp' AND sf.polarity = 'strength')
           AS assessment_ehcp_strengths,
         sum(ft.theme = 'joint_commissioning' AND sf.polarity = 'weakness')
           AS joint_commissioning_weaknesses,
         sum(ft.theme = 'joint_commissioning' AND sf.polarity = 'strength')
           AS joint_commissioning_strengths,
         sum(ft.theme = 'health_services' AND sf.polarity = 'weakness')
           AS health_services_weaknesses,
         sum(ft.theme = 'health_services' AND sf.polarity = 'strength')
           AS health_services_strengths,
         sum(ft.theme = 'coproduction' AND sf.polarity = 'weakness') AS coproduction_weaknesses,
         sum(ft.theme = 'coproduction' AND sf.polarity = 'strength') AS coproduction_strengths,
         sum(ft.theme = 'local_offer' AND sf.polarity = 'weakness') AS local_offer_weaknesses,
         sum(ft.theme = 'local_offer' AND sf.polarity = 'strength') AS local_offer_strengths,
         sum(ft.theme = 'leadership_strategy' AND sf.polarity = 'weakness')
           AS leadership_strategy_weaknesses,
         sum(ft.theme = 'leadership_strategy' AND sf.polarity = 'strength')
           AS leadership_strategy_strengths,
         sum(ft.theme = 'outcomes' AND sf.polarity = 'weakness') AS outcomes_weaknesses,
         sum(ft.theme = 'outcomes' AND sf.polarity = 'strength') AS outcomes_strengths,
         sum(ft.theme = 'transition_adulthood' AND sf.polarity = 'weakness')
           AS transition_adulthood_weaknesses,
         sum(ft.theme = 'transition_adulthood' AND sf.polarity = 'strength')
           AS transition_adulthood_strengths,
         sum(ft.theme = 'workforce' AND sf.polarity = 'weakness') AS workforce_weaknesses,
         sum(ft.theme = 'workforce' AND sf.polarity = 'strength') AS workforce_strengths,
         sum(ft.theme = 'inclusion_mainstream' AND sf.polarity = 'weakness')
           AS inclusion_mainstream_weaknesses,
         sum(ft.theme = 'inclusion_mainstream' AND sf.polarity = 'strength')
           AS inclusion_mainstream_strengths
    FROM subject_findings sf JOIN finding_themes ft ON ft.finding_id = sf.finding_id
   GROUP BY sf.area_id
)
SELECT a.name AS area,
       a.gss,
       a.region,
       (SELECT count(*) FROM document_areas x
         WHERE x.area_id = a.id AND x.role = 'subject') AS documents,
       (SELECT count(*) FROM document_areas x JOIN documents d ON d.id = x.document_id
         WHERE x.area_id = a.id AND x.role = 'subject' AND d.kind = 'letter') AS letters,
       (SELECT count(DISTINCT d.story_group) FROM document_areas x
          JOIN documents d ON d.id = x.document_id
         WHERE x.area_id = a.id AND x.role = 'subject' AND d.kind = 'news') AS news_stories,
       (SELECT d.inspection_month FROM document_areas x JOIN documents d ON d.id = x.document_id
         WHERE x.area_id = a.id AND x.role = 'subject' AND d.has_inspection = 1
         ORDER BY d.inspection_month DESC, d.published DESC LIMIT 1) AS latest_inspection,
       (SELECT d.inspection_outcome FROM document_areas x JOIN documents d ON d.id = x.document_id
         WHERE x.area_id = a.id AND x.role = 'subject' AND d.has_inspection = 1
         ORDER BY d.inspection_month DESC, d.published DESC LIMIT 1) AS latest_outcome,
       (SELECT count(*) FROM subject_findings sf
         WHERE sf.area_id = a.id AND sf.polarity = 'weakness') AS weaknesses,
       (SELECT count(*) FROM subject_findings sf
         WHERE sf.area_id = a.id AND sf.polarity = 'strength') AS strengths,
       coalesce(tc.identification_weaknesses, 0) AS identification_weaknesses,
       coalesce(tc.identification_strengths, 0) AS identification_strengths,
       coalesce(tc.assessment_ehcp_weaknesses, 0) AS assessment_ehcp_weaknesses,
       coalesce(tc.assessment_ehcp_strengths, 0) AS assessment_ehcp_strengths,
       coalesce(tc.joint_commissioning_weaknesses, 0) AS joint_commissioning_weaknesses,
       coalesce(tc.joint_commissioning_strengths, 0) AS joint_commissioning_strengths,
       coalesce(tc.health_services_weaknesses, 0) AS health_services_weaknesses,
       coalesce(tc.health_services_strengths, 0) AS health_services_strengths,
       coalesce(tc.coproduction_weaknesses, 0) AS coproduction_weaknesses,
       coalesce(tc.coproduction_strengths, 0) AS coproduction_strengths,
       coalesce(tc.local_offer_weaknesses, 0) AS local_offer_weaknesses,
       coalesce(tc.local_offer_strengths, 0) AS local_offer_strengths,
       coalesce(tc.leadership_strategy_weaknesses, 0) AS leadership_strategy_weaknesses,
       coalesce(tc.leadership_strategy_strengths, 0) AS leadership_strategy_strengths,
       coalesce(tc.outcomes_weaknesses, 0) AS outcomes_weaknesses,
       coalesce(tc.outcomes_strengths, 0) AS outcomes_strengths,
       coalesce(tc.transition_adulthood_weaknesses, 0) AS transition_adulthood_weaknesses,
       coalesce(tc.transition_adulthood_strengths, 0) AS transition_adulthood_strengths,
       coalesce(tc.workforce_weaknesses, 0) AS workforce_weaknesses,
       coalesce(tc.workforce_strengths, 0) AS workforce_strengths,
       coalesce(tc.inclusion_mainstream_weaknesses, 0) AS inclusion_mainstream_weaknesses,
       coalesce(tc.inclusion_mainstream_strengths, 0) AS inclusion_mainstream_strengths
  FROM local_areas a LEFT JOIN theme_counts tc ON tc.area_id = a.id
 WHERE EXISTS (SELECT 1 FROM document_areas x WHERE x.area_id = a.id AND x.role = 'subject')
 ORDER BY a.name;

-- Findings by year of publication, theme and polarity.
CREATE VIEW themes_by_year AS
SELECT substr(d.published, 1, 4) AS year,
       ft.theme,
       f.polarity,
       count(*) AS findings,
       count(DISTINCT d.id) AS documents,
       count(DISTINCT d.story_group) AS stories
  FROM findings f
  JOIN documents d ON d.id = f.document_id
  JOIN finding_themes ft ON ft.finding_id = f.id
 WHERE d.published IS NOT NULL
 GROUP BY year, ft.theme, f.polarity;

-- Every quote with its speaker and the document's date and subject area.
CREATE VIEW quotes_overview AS
SELECT q.id,
       d.published,
       (SELECT group_concat(a.name, '; ')
          FROM document_areas da JOIN local_areas a ON a.id = da.area_id
         WHERE da.document_id = d.id AND da.role = 'subject') AS subject_area,
       s.name AS speaker,
       s.role,
       s.organisation,
       s.category,
       q.text,
       d.id AS document_id,
       d.title
  FROM quotes q
  JOIN documents d ON d.id = q.document_id
  LEFT JOIN speakers s ON s.id = q.speaker_id;

-- Every deadline with the document's date and subject area, soonest due first.
CREATE VIEW deadlines_overview AS
SELECT k.id,
       k.due,
       k.duration,
       k.working_days,
       k.action,
       k.text,
       (SELECT group_concat(a.name, '; ')
          FROM document_areas da JOIN local_areas a ON a.id = da.area_id
         WHERE da.document_id = d.id AND da.role = 'subject') AS subject_area,
       d.published,
       d.id AS document_id,
       d.title
  FROM deadlines k
  JOIN documents d ON d.id = k.document_id
 ORDER BY k.due IS NULL, k.due, d.published;
)sql";

// Version 1 -> 2: when each document's current extraction was made. ingested_at stays the
// first ingest's time; `reprocess` and a later ingest by another version or lexicons set this
// one, so `merge` can keep the newer extraction. Rows of version 1 read '' here, which means
// "at ingested_at" (no UPDATE: it would fire documents_au and reindex every document). It comes
// after raw, as ADD COLUMN must: read it with the rest of a row, not in scans of many rows.
constexpr std::string_view kMigration2 = R"sql(
ALTER TABLE documents ADD COLUMN extracted_at TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::array<std::string_view, 2> kMigrations = {kMigration1, kMigration2};

}  // namespace

std::span<const std::string_view> SchemaMigrations() { return kMigrations; }

}  // namespace sendscan
