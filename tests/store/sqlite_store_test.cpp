// The SQLite store: documents and their facts in and out, replacement in place, story groups,
// full-text search, the views, hostile strings, read-only and locked databases, and the real
// clients (sqlite3 CLI, sqlite-utils) reading what it wrote.
#include "store/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sendscan/store.hpp"
#include "store/minhash.hpp"

namespace sendscan {
namespace {

namespace fs = std::filesystem;

constexpr const char* kVersion = "sendscan 0.1.0";
constexpr const char* kDigest = "lexicons-1";

Span SpanOf(const std::string& text, const std::string& part) {
  const std::size_t start = text.find(part);
  EXPECT_NE(start, std::string::npos) << part;
  return {start, start + part.size()};
}

// A news article about `area` whose text is `text`.
Extraction Article(const std::string& sha256, const std::string& text,
                   const std::string& area = "Wandsworth") {
  Extraction e;
  e.document.source = "news/" + sha256 + ".txt";
  e.document.sha256 = sha256;
  e.document.text = text;
  e.document.title = "Story " + sha256;
  e.document.published = "2023-05-01";
  e.document.kind = Kind::kNews;
  e.local_areas.push_back({area, std::nullopt, AreaRole::kSubject});
  return e;
}

const std::string kLetterText =
    "Wandsworth local area SEND inspection\n\n"
    "There are significant weaknesses in the timeliness of EHC plans. "
    "Leaders work well with parents and carers. "
    "The local area must produce a written statement of action within 70 days. "
    "Children moving from Merton wait longer.\n\n"
    "\"We accept the findings in full,\" said Ana Popovici, director of children's services at "
    "Wandsworth Council.";

// An inspection letter with one fact of every kind.
Extraction Letter(const std::string& sha256 = "letter-sha") {
  Extraction e;
  Document& d = e.document;
  d.source = "letters/wandsworth.pdf";
  d.sha256 = sha256;
  d.format = Format::kPdf;
  d.url = "https://example.org/wandsworth";
  d.text = kLetterText;
  d.title = "Joint local area SEND inspection in Wandsworth";
  d.published = "2023-04-20";
  d.kind = Kind::kLetter;
  d.inspectorates = {"Ofsted", "CQC"};
  e.local_areas = {{"Wandsworth", "E09000032", AreaRole::kSubject},
                   {"Merton", "E09000024", AreaRole::kMentioned}};
  e.findings = {{Polarity::kWeakness,
                 {"assessment_ehcp", "leadership_strategy"},
                 SpanOf(d.text, "There are significant weaknesses in the timeliness of EHC plans."),
                 "significant weaknesses"},
                {Polarity::kStrength,
                 {"coproduction"},
                 SpanOf(d.text, "Leaders work well with parents and carers."),
                 "work well"}};
  e.deadlines = {{SpanOf(d.text, "within 70 days"), "P70D", "2023-06-29", false,
                  "produce a written statement of action"}};
  e.quotes = {{SpanOf(d.text, "We accept the findings in full"),
               "We accept the findings in full",
               {"Ana Popovici", "director of children's services", "Wandsworth Council",
                SpeakerCategory::kOfficial}}};
  e.inspection = Inspection{"2023-03", false, "wsoa_required", 1, std::nullopt};
  return e;
}

StoredInput Input(const std::string& path, const std::string& raw = "raw bytes") {
  StoredInput input;
  input.raw = raw;
  input.source_path = path;
  input.extractor_version = kVersion;
  input.lexicons_digest = kDigest;
  input.ingested_at = "2024-02-01T10:00:00Z";
  return input;
}

// Words from a small vocabulary in a deterministic pseudo-random order: an article body.
std::string Prose(unsigned seed, int words) {
  static const char* kWords[] = {
      "council", "children", "parents", "plans",    "support", "schools",  "waiting", "needs",
      "local",   "area",     "health",  "services", "leaders", "families", "report",  "young",
      "people",  "special",  "review",  "funding",  "therapy", "delays",   "autism",  "staff",
      "week",    "months",   "letter",  "found",    "said",    "would",    "could",   "more"};
  std::string out;
  unsigned state = seed;
  for (int i = 0; i < words; ++i) {
    state = state * 1103515245u + 12345u;
    if (i > 0) out += ' ';
    out += kWords[(state >> 16) % (sizeof(kWords) / sizeof(kWords[0]))];
  }
  return out + ".";
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sendscan_store_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = Store::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  void Put(const Extraction& e, const std::string& path = "", const ManifestEntry& m = {}) {
    Result<PutOutcome> put = store_->Put(e, Input(path.empty() ? e.document.source : path), m);
    ASSERT_TRUE(put.ok()) << put.status().message();
  }
  std::vector<SqlRow> Rows(const std::string& sql, const std::vector<std::string>& params = {}) {
    return Rows(*store_, sql, params);
  }
  static std::vector<SqlRow> Rows(Store& store, const std::string& sql,
                                  const std::vector<std::string>& params = {}) {
    Result<std::vector<SqlRow>> rows = QueryStore(store, sql, params);
    EXPECT_TRUE(rows.ok()) << rows.status().message() << "\n" << sql;
    return rows.ok() ? std::move(rows).value() : std::vector<SqlRow>{};
  }
  // The full-text indexes agree with their content tables, and the file is sound.
  void ExpectConsistent() {
    for (const std::string table : {"documents_fts", "findings_fts", "quotes_fts"}) {
      Result<std::vector<SqlRow>> check = QueryStore(
          *store_, "INSERT INTO " + table + " (" + table + ") VALUES ('integrity-check')");
      EXPECT_TRUE(check.ok()) << table << ": " << check.status().message();
    }
    EXPECT_EQ(Scalar("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(Scalar("SELECT count(*) FROM pragma_foreign_key_check"), "0");
  }
  // The single value of a one-row, one-column query ("NULL" for NULL, "" for no row).
  std::string Scalar(const std::string& sql, const std::vector<std::string>& params = {}) {
    std::vector<SqlRow> rows = Rows(sql, params);
    if (rows.empty() || rows[0].empty()) return "";
    return rows[0][0].value_or("NULL");
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

// ---- Documents and facts

TEST_F(SqliteStoreTest, LookupTellsAbsentPresentAndCurrent) {
  EXPECT_FALSE(store_->Lookup("letter-sha", kVersion, kDigest)->present);
  Put(Letter());
  StoredState same = *store_->Lookup("letter-sha", kVersion, kDigest);
  EXPECT_TRUE(same.present);
  EXPECT_TRUE(same.current);
  StoredState other_lexicons = *store_->Lookup("letter-sha", kVersion, "lexicons-2");
  EXPECT_TRUE(other_lexicons.present);
  EXPECT_FALSE(other_lexicons.current);
  EXPECT_FALSE(store_->Lookup("letter-sha", "sendscan 0.2.0", kDigest)->current);
}

TEST_F(SqliteStoreTest, PutKeepsEveryDocumentFieldOfTheContract) {
  Put(Letter());
  std::vector<SqlRow> rows = Rows(
      "SELECT sha256, kind, published, title, url, format, inspectorates, has_inspection, "
      "inspection_month, inspection_revisit, inspection_outcome, inspection_weakness_areas, "
      "inspection_weakness_areas_improved, extractor_version, lexicons_digest, ingested_at, "
      "text, raw, story_group = id FROM documents");
  ASSERT_EQ(rows.size(), 1u);
  const SqlRow expected = {"letter-sha",
                           "letter",
                           "2023-04-20",
                           "Joint local area SEND inspection in Wandsworth",
                           "https://example.org/wandsworth",
                           "pdf",
                           "[\"Ofsted\", \"CQC\"]",
                           "1",
                           "2023-03",
                           "0",
                           "wsoa_required",
                           "1",
                           std::nullopt,
                           kVersion,
                           kDigest,
                           "2024-02-01T10:00:00Z",
                           kLetterText,
                           "raw bytes",
                           "1"};
  EXPECT_EQ(rows[0], expected);
  EXPECT_EQ(Scalar("SELECT path FROM document_paths"), "letters/wandsworth.pdf");
}

TEST_F(SqliteStoreTest, PutKeepsAreasFindingsDeadlinesAndQuotesWithTheirSpans) {
  Put(Letter());
  EXPECT_EQ(Rows("SELECT a.name, a.gss, da.role FROM document_areas da "
                 "JOIN local_areas a ON a.id = da.area_id ORDER BY a.name"),
            (std::vector<SqlRow>{{"Merton", "E09000024", "mentioned"},
                                 {"Wandsworth", "E09000032", "subject"}}));
  EXPECT_EQ(Rows("SELECT f.polarity, f.cue, group_concat(t.theme, ',') FROM findings f "
                 "JOIN finding_themes t ON t.finding_id = f.id GROUP BY f.id ORDER BY f.id"),
            (std::vector<SqlRow>{
                {"weakness", "significant weaknesses", "assessment_ehcp,leadership_strategy"},
                {"strength", "work well", "coproduction"}}));
  // Every span slices the stored text to the stored item.
  EXPECT_EQ(Scalar("SELECT count(*) FROM findings f JOIN documents d ON d.id = f.document_id "
                   "WHERE substr(d.text, f.start + 1, f.\"end\" - f.start) = f.text"),
            "2");
  EXPECT_EQ(Rows("SELECT text, duration, due, working_days, action FROM deadlines"),
            (std::vector<SqlRow>{{"within 70 days", "P70D", "2023-06-29", "0",
                                  "produce a written statement of action"}}));
  EXPECT_EQ(Rows("SELECT q.text, s.name, s.role, s.organisation, s.category, s.identity "
                 "FROM quotes q JOIN speakers s ON s.id = q.speaker_id"),
            (std::vector<SqlRow>{{"We accept the findings in full", "Ana Popovici",
                                  "director of children's services", "Wandsworth Council",
                                  "official", "ana popovici|wandsworth council"}}));
}

TEST_F(SqliteStoreTest, PutAgainReplacesTheFactsInPlaceAndKeepsTheId) {
  Put(Letter());
  const std::string id = Scalar("SELECT id FROM documents");
  Extraction redone = Letter();
  redone.findings.pop_back();
  redone.quotes.clear();
  redone.document.title = "Revised title";
  StoredInput input = Input("letters/wandsworth.pdf");
  input.lexicons_digest = "lexicons-2";
  input.ingested_at = "2025-01-01T00:00:00Z";
  Result<PutOutcome> put = store_->Put(redone, input);
  ASSERT_TRUE(put.ok()) << put.status().message();
  EXPECT_EQ(*put, PutOutcome::kReplaced);
  // The first ingest's time stays; the new extraction's time is recorded beside it.
  EXPECT_EQ(Rows("SELECT id, title, lexicons_digest, ingested_at, extracted_at FROM documents"),
            (std::vector<SqlRow>{{id, "Revised title", "lexicons-2", "2024-02-01T10:00:00Z",
                                  "2025-01-01T00:00:00Z"}}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM findings"), "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM finding_themes"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM quotes"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM document_areas"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM document_paths"), "1");
}

TEST_F(SqliteStoreTest, FirstPutIsAddedSecondIsReplaced) {
  EXPECT_EQ(*store_->Put(Letter(), Input("a.pdf")), PutOutcome::kAdded);
  EXPECT_EQ(*store_->Put(Letter(), Input("a.pdf")), PutOutcome::kReplaced);
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), "1");
}

TEST_F(SqliteStoreTest, ManifestWinsOverTheDocumentAndIsKeptForReprocess) {
  ManifestEntry manifest;
  manifest.title = "Manifest title";
  manifest.outlet = "Wandsworth Times";
  manifest.published = "2023-04-21";
  Put(Letter(), "letters/wandsworth.pdf", manifest);
  EXPECT_EQ(Rows("SELECT title, outlet, published, url, manifest_title, manifest_outlet, "
                 "manifest_published, manifest_url FROM documents"),
            (std::vector<SqlRow>{{"Manifest title", "Wandsworth Times", "2023-04-21",
                                  "https://example.org/wandsworth", "Manifest title",
                                  "Wandsworth Times", "2023-04-21", std::nullopt}}));
}

TEST_F(SqliteStoreTest, AddPathIsIdempotentAndNeedsStoredBytes) {
  Put(Letter());
  ASSERT_TRUE(store_->AddPath("letter-sha", "copies/renamed.pdf").ok());
  ASSERT_TRUE(store_->AddPath("letter-sha", "copies/renamed.pdf").ok());
  Put(Letter());  // the same path again through Put
  EXPECT_EQ(Rows("SELECT path FROM document_paths ORDER BY id"),
            (std::vector<SqlRow>{{"letters/wandsworth.pdf"}, {"copies/renamed.pdf"}}));
  Status missing = store_->AddPath("no-such-sha", "x.txt");
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, CurrentDocumentsListsOnlyCurrentOnesWithTheirPaths) {
  Put(Article("b-sha", "Second story text here."));
  Put(Letter("a-sha"));
  ASSERT_TRUE(store_->AddPath("a-sha", "copy.pdf").ok());
  StoredInput old = Input("old.txt");
  old.extractor_version = "sendscan 0.0.1";
  ASSERT_TRUE(store_->Put(Article("c-sha", "Old story."), old).ok());
  auto current = store_->CurrentDocuments(kVersion, kDigest);
  ASSERT_TRUE(current.ok()) << current.status().message();
  ASSERT_EQ(current->size(), 2u);
  EXPECT_EQ((*current)[0].sha256, "a-sha");
  std::vector<std::string> paths = (*current)[0].paths;  // in no particular order
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"copy.pdf", "letters/wandsworth.pdf"}));
  EXPECT_EQ((*current)[1].sha256, "b-sha");
}

TEST_F(SqliteStoreTest, StaleReturnsRawBytesFirstPathAndManifestInIdOrder) {
  ManifestEntry manifest;
  manifest.url = "https://news.example/story";
  StoredInput old = Input("first.txt", "old raw");
  old.lexicons_digest = "lexicons-0";
  ASSERT_TRUE(store_->Put(Article("old-sha", "An old story."), old, manifest).ok());
  ASSERT_TRUE(store_->AddPath("old-sha", "second.txt").ok());
  Put(Letter());  // current
  StoredInput older = Input("other.txt", "older raw");
  older.extractor_version = "sendscan 0.0.9";
  ASSERT_TRUE(store_->Put(Article("older-sha", "Another old story."), older).ok());

  auto stale = store_->Stale(kVersion, kDigest, 10);
  ASSERT_TRUE(stale.ok()) << stale.status().message();
  ASSERT_EQ(stale->size(), 2u);
  EXPECT_EQ((*stale)[0].sha256, "old-sha");
  EXPECT_EQ((*stale)[0].raw, "old raw");
  EXPECT_EQ((*stale)[0].source_path, "first.txt");
  EXPECT_EQ((*stale)[0].manifest.url, "https://news.example/story");
  EXPECT_FALSE((*stale)[0].manifest.title.has_value());
  EXPECT_EQ((*stale)[1].sha256, "older-sha");
  EXPECT_LT((*stale)[0].id, (*stale)[1].id);
  EXPECT_EQ(store_->Stale(kVersion, kDigest, 1)->size(), 1u);
}

TEST_F(SqliteStoreTest, StaleIsEmptyOnceEverythingIsRedone) {
  StoredInput old = Input("a.txt");
  old.lexicons_digest = "lexicons-0";
  ASSERT_TRUE(store_->Put(Letter(), old).ok());
  ASSERT_EQ(store_->Stale(kVersion, kDigest, 10)->size(), 1u);
  Put(Letter());
  EXPECT_TRUE(store_->Stale(kVersion, kDigest, 10)->empty());
}

TEST_F(SqliteStoreTest, EmptyRawDoesNotOverwriteStoredBytes) {
  ASSERT_TRUE(store_->Put(Letter(), Input("a.pdf", "the real bytes")).ok());
  ASSERT_TRUE(store_->Put(Letter(), Input("a.pdf", "")).ok());
  EXPECT_EQ(Scalar("SELECT raw FROM documents"), "the real bytes");
}

TEST_F(SqliteStoreTest, SyncAreasUpsertsByNameWithEndDateAndSuccessors) {
  std::vector<AreaRecord> areas = {
      {"Northamptonshire",
       "E10000021",
       "East Midlands",
       "county",
       "2021-03-31",
       {"North Northamptonshire", "West Northamptonshire"}},
      {"Wandsworth", "E09000032", "London", "london", std::nullopt, {}}};
  ASSERT_TRUE(store_->SyncAreas(areas).ok());
  areas[1].region = "Greater London";
  ASSERT_TRUE(store_->SyncAreas(areas).ok());
  EXPECT_EQ(Rows("SELECT name, gss, region, type, end_date, successors FROM local_areas "
                 "ORDER BY name"),
            (std::vector<SqlRow>{
                {"Northamptonshire", "E10000021", "East Midlands", "county", "2021-03-31",
                 "[\"North Northamptonshire\", \"West Northamptonshire\"]"},
                {"Wandsworth", "E09000032", "Greater London", "london", std::nullopt, "[]"}}));
}

TEST_F(SqliteStoreTest, SyncingTheSameAreasAgainWritesNothing) {
  const std::vector<AreaRecord> areas = {
      {"Northamptonshire",
       "E10000021",
       "East Midlands",
       "county",
       "2021-03-31",
       {"West Northamptonshire"}},
      {"Wandsworth", "E09000032", "London", "london", std::nullopt, {}}};
  ASSERT_TRUE(store_->SyncAreas(areas).ok());
  const std::string changes = Scalar("SELECT total_changes()");
  ASSERT_TRUE(store_->SyncAreas(areas).ok());
  EXPECT_EQ(Scalar("SELECT total_changes()"), changes);
  Put(Article("x-sha", "A story about Atlantis.", "Atlantis"));  // an area the gazetteer lacks
  std::vector<AreaRecord> more = areas;
  more.push_back({"Atlantis", "E06999999", "Nowhere", "unitary", std::nullopt, {}});
  ASSERT_TRUE(store_->SyncAreas(more).ok());
  EXPECT_EQ(Rows("SELECT gss, region, type FROM local_areas WHERE name = 'Atlantis'"),
            (std::vector<SqlRow>{{"E06999999", "Nowhere", "unitary"}}));
}

TEST_F(SqliteStoreTest, AreaMissingFromTheGazetteerIsKeptWithItsNameOnly) {
  ASSERT_TRUE(store_->SyncAreas({{"Wandsworth", "E09000032", "London", "london", {}, {}}}).ok());
  Put(Article("x-sha", "A story about Atlantis.", "Atlantis"));
  EXPECT_EQ(Rows("SELECT name, gss, region FROM local_areas ORDER BY id"),
            (std::vector<SqlRow>{{"Wandsworth", "E09000032", "London"},
                                 {"Atlantis", std::nullopt, std::nullopt}}));
}

TEST_F(SqliteStoreTest, SpeakersAreSharedByIdentity) {
  Put(Letter("one"));
  Extraction second = Letter("two");
  second.quotes[0].speaker.name = "ANA  POPOVICI";
  second.quotes[0].speaker.role = std::nullopt;
  Put(second, "letters/second.pdf");
  Extraction unnamed = Letter("three");
  unnamed.quotes[0].speaker = {std::nullopt, "spokesperson", "Wandsworth Council",
                               SpeakerCategory::kOfficial};
  Put(unnamed, "letters/third.pdf");
  EXPECT_EQ(
      Rows("SELECT identity, role FROM speakers ORDER BY id"),
      (std::vector<SqlRow>{{"ana popovici|wandsworth council", "director of children's services"},
                           {"official|spokesperson|wandsworth council", "spokesperson"}}));
  EXPECT_EQ(Scalar("SELECT count(DISTINCT speaker_id) FROM quotes"), "2");
}

TEST_F(SqliteStoreTest, RecordFailureKeepsSourceReasonAndTime) {
  ASSERT_TRUE(store_->RecordFailure("bad.pdf", "bad.pdf: truncated PDF", "2024-02-01").ok());
  EXPECT_EQ(Rows("SELECT source, reason, failed_at FROM failures"),
            (std::vector<SqlRow>{{"bad.pdf", "bad.pdf: truncated PDF", "2024-02-01"}}));
}

TEST_F(SqliteStoreTest, AFileThatKeepsFailingHasOneRowItsLatestFailure) {
  ASSERT_TRUE(store_->RecordFailure("bad.pdf", "truncated PDF", "2024-02-01T00:00:00Z").ok());
  ASSERT_TRUE(store_->RecordFailure("bad.pdf", "encrypted PDF", "2024-03-01T00:00:00Z").ok());
  // An older failure (merged from another store) does not replace the newer one.
  ASSERT_TRUE(store_->RecordFailure("bad.pdf", "empty file", "2024-01-01T00:00:00Z").ok());
  ASSERT_TRUE(store_->RecordFailure("other.txt", "empty file", "2024-01-01T00:00:00Z").ok());
  EXPECT_EQ(Rows("SELECT source, reason, failed_at FROM failures ORDER BY source"),
            (std::vector<SqlRow>{{"bad.pdf", "encrypted PDF", "2024-03-01T00:00:00Z"},
                                 {"other.txt", "empty file", "2024-01-01T00:00:00Z"}}));
}

TEST_F(SqliteStoreTest, AStoredPathHasNoFailureLeft) {
  ASSERT_TRUE(store_->RecordFailure("fixed.txt", "empty file", "2024-01-01T00:00:00Z").ok());
  ASSERT_TRUE(store_->RecordFailure("copy.txt", "no such file", "2024-01-01T00:00:00Z").ok());
  ASSERT_TRUE(store_->RecordFailure("still-bad.txt", "empty file", "2024-01-01T00:00:00Z").ok());
  Put(Article("fixed-sha", "Now it has a story in it."), "fixed.txt");
  ASSERT_TRUE(store_->AddPath("fixed-sha", "copy.txt").ok());
  EXPECT_EQ(Rows("SELECT source FROM failures"), (std::vector<SqlRow>{{"still-bad.txt"}}));
}

TEST_F(SqliteStoreTest, AFailureAnotherConnectionRecordedIsForgottenToo) {
  // The writer found no failures, so it stopped looking; another process then records one.
  const std::string file = Path("failures.db");
  auto writer = Store::Open(file);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Put(Article("a-sha", "First story here."), Input("a.txt")).ok());
  {
    auto other = Store::Open(file);
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE((*other)->RecordFailure("b.txt", "empty file", "2024-01-01T00:00:00Z").ok());
  }
  ASSERT_TRUE((*writer)->Put(Article("b-sha", "Second story here."), Input("b.txt")).ok());
  EXPECT_EQ(Rows(**writer, "SELECT count(*) FROM failures"), (std::vector<SqlRow>{{"0"}}));
}

TEST_F(SqliteStoreTest, SpanOutsideTheTextIsRefusedAndNothingOfTheDocumentIsStored) {
  Extraction broken = Letter();
  broken.findings[1].span = {10, broken.document.text.size() + 5};
  Result<PutOutcome> put = store_->Put(broken, Input("a.pdf"));
  ASSERT_FALSE(put.ok());
  EXPECT_NE(put.status().message().find("outside the text"), std::string::npos);
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM findings"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'weakness'"), "0");
}

// ---- Batches

TEST_F(SqliteStoreTest, RollbackDiscardsTheWholeBatch) {
  ASSERT_TRUE(store_->Begin().ok());
  Put(Letter("one"));
  Put(Article("two", "Some story text."));
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), "0");
  EXPECT_TRUE(store_->Rollback().ok());  // nothing open: nothing to do
}

TEST_F(SqliteStoreTest, AFailedPutLeavesTheRestOfTheBatchToCommit) {
  ASSERT_TRUE(store_->Begin().ok());
  Put(Letter("good"));
  Extraction broken = Letter("broken");
  broken.deadlines[0].span = {5, 2};
  EXPECT_FALSE(store_->Put(broken, Input("broken.pdf")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Rows("SELECT sha256 FROM documents"), (std::vector<SqlRow>{{"good"}}));
}

TEST_F(SqliteStoreTest, ReaderSeesABatchOnlyWhenItCommits) {
  auto writer = Store::Open(Path("batch.db"));
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  auto reader = Store::Open(Path("batch.db"), {.read_only = true});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ASSERT_TRUE((*writer)->Begin().ok());
  ASSERT_TRUE((*writer)->Put(Letter(), Input("a.pdf")).ok());
  EXPECT_FALSE((*reader)->Lookup("letter-sha", kVersion, kDigest)->present);
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_TRUE((*reader)->Lookup("letter-sha", kVersion, kDigest)->present);
}

TEST_F(SqliteStoreTest, ABatchSeesItsOwnDocumentsBeforeCommitting) {
  const std::string story = Prose(3, 300);
  ASSERT_TRUE(store_->Begin().ok());
  Put(Article("first", story));
  EXPECT_TRUE(store_->Lookup("first", kVersion, kDigest)->current);
  ASSERT_TRUE(store_->AddPath("first", "elsewhere/first.txt").ok());
  Put(Article("copy", story + " Reporting by staff."));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Rows("SELECT sha256, story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"first", "1"}, {"copy", "1"}}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM document_paths"), "3");
  ExpectConsistent();
}

TEST_F(SqliteStoreTest, SameBytesTwiceInOneBatchAreStoredOnceWithTheLastFacts) {
  ASSERT_TRUE(store_->Begin().ok());
  Put(Letter());
  Extraction second = Letter();
  second.findings.erase(second.findings.begin());  // the timeliness weakness goes
  Result<PutOutcome> put = store_->Put(second, Input("letters/wandsworth.pdf"));
  ASSERT_TRUE(put.ok()) << put.status().message();
  EXPECT_EQ(*put, PutOutcome::kReplaced);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), "1");
  EXPECT_EQ(Rows("SELECT polarity FROM findings"), (std::vector<SqlRow>{{"strength"}}));
  EXPECT_EQ(Rows("SELECT theme FROM finding_themes"), (std::vector<SqlRow>{{"coproduction"}}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM findings_fts WHERE findings_fts MATCH 'timeliness'"), "0");
  ExpectConsistent();
}

TEST_F(SqliteStoreTest, ReplacingInABatchKeepsTheIndexesInStep) {
  Put(Letter());
  ASSERT_TRUE(store_->Begin().ok());
  Extraction redone = Letter();
  redone.document.text = kLetterText + " Inspectors returned in spring.";
  redone.quotes[0].text = "We accept the findings";
  Put(redone);
  redone.document.text += " Again.";  // twice in the batch: staged over a committed version
  Put(redone);
  Put(Article("news", "Families welcomed the inspection findings in Wandsworth today."));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Rows("SELECT id, sha256 FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"1", "letter-sha"}, {"2", "news"}}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'spring'"), "1");
  EXPECT_EQ(Scalar("SELECT ingested_at FROM documents WHERE id = 1"), "2024-02-01T10:00:00Z");
  EXPECT_EQ(Scalar("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'full'"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM findings"), "2");
  ExpectConsistent();
}

TEST_F(SqliteStoreTest, ABatchLargerThanTheStagingBufferStaysConsistent) {
  // Three documents of 7 MB: the staged rows are moved to the main tables part-way.
  auto big = [](const std::string& sha, unsigned seed) {
    Extraction e = Article(sha, "");
    for (int i = 0; i < 10; ++i) e.document.text += Prose(seed + i, 110000) + "\n\n";
    e.findings = {{Polarity::kWeakness, {"workforce"}, {0, 40}, "cue"}};
    return e;
  };
  ASSERT_TRUE(store_->Begin().ok());
  Put(big("a", 1));
  Put(big("b", 100));
  Put(big("c", 200));
  Put(big("a", 300));  // the first again, after it was moved
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Rows("SELECT sha256 FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"a"}, {"b"}, {"c"}}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM findings"), "3");
  ExpectConsistent();
}

TEST_F(SqliteStoreTest, RollbackAfterStagedRowsWereMovedLeavesNothing) {
  Put(Letter("kept"));
  ASSERT_TRUE(store_->Begin().ok());
  for (int i = 0; i < 3; ++i) {
    Extraction e = Article("big" + std::to_string(i), std::string(7 << 20, 'a'));
    Put(e);
  }
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(Rows("SELECT sha256 FROM documents"), (std::vector<SqlRow>{{"kept"}}));
  Put(Article("after", "A story stored after the rollback."));
  EXPECT_EQ(Rows("SELECT id, sha256 FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"1", "kept"}, {"2", "after"}}));
  ExpectConsistent();
}

// ---- Story groups

// Story groups come out the same whether the writer keeps band keys in memory (the default),
// asks the table from the start (0), or outgrows a cap of one document's keys (32).
class StoryGroupTest : public SqliteStoreTest, public ::testing::WithParamInterface<std::size_t> {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    auto store = Store::Open(":memory:", Options());
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
  }
  static StoreOptions Options() {
    StoreOptions options;
    options.band_keys_in_memory = GetParam();
    return options;
  }
};

INSTANTIATE_TEST_SUITE_P(BandKeysInMemory, StoryGroupTest,
                         ::testing::Values(StoreOptions{}.band_keys_in_memory, 0, kMinHashBands));

TEST_P(StoryGroupTest, SyndicatedCopiesShareTheFirstCopysStoryGroup) {
  const std::string story = Prose(1, 400);
  std::string copy = story;
  copy.replace(copy.find("council"), 7, "borough");  // one word changed by the second outlet
  Put(Article("original", story));
  Put(Article("copy", "By our reporter. " + copy));
  Put(Article("unrelated", Prose(2, 400)));
  EXPECT_EQ(Rows("SELECT sha256, story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"original", "1"}, {"copy", "1"}, {"unrelated", "3"}}));
}

TEST_P(StoryGroupTest, ReprocessedCopyKeepsItsStoryGroup) {
  const std::string story = Prose(7, 300);
  Put(Article("original", story));
  Put(Article("copy", story + " Additional reporting by staff."));
  Put(Article("copy", story + " Additional reporting by staff."));  // replaced in place
  EXPECT_EQ(Rows("SELECT story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"1"}, {"1"}}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM minhash_bands WHERE document_id = 2"),
            Scalar("SELECT count(*) FROM minhash_bands WHERE document_id = 1"));
}

TEST_P(StoryGroupTest, ACopyInTheSameBatchOrALaterOneJoinsTheGroup) {
  const std::string story = Prose(11, 300);
  ASSERT_TRUE(store_->Begin().ok());
  Put(Article("original", story));
  Put(Article("same-batch", story + " Reporting by staff."));
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(store_->Begin().ok());
  Put(Article("later-batch", "From our partners. " + story));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Rows("SELECT story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"1"}, {"1"}, {"1"}}));
  // Every document's band keys reach the table with the commit, for the next connection.
  EXPECT_EQ(Scalar("SELECT count(*) FROM minhash_bands"), std::to_string(3 * kMinHashBands));
}

TEST_P(StoryGroupTest, ACopyOfADocumentStoredBeforeOpeningIsFound) {
  const std::string file = Path("groups.db");
  const std::string story = Prose(12, 300);
  {
    auto first = Store::Open(file, Options());
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE((*first)->Put(Article("original", story), Input("a.txt")).ok());
  }
  auto second = Store::Open(file, Options());
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE((*second)->Put(Article("unrelated", Prose(13, 300)), Input("b.txt")).ok());
  ASSERT_TRUE((*second)->Put(Article("copy", story + " Reporting by staff."), Input("c.txt")).ok());
  EXPECT_EQ(Rows(**second, "SELECT sha256, story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"original", "1"}, {"unrelated", "2"}, {"copy", "1"}}));
}

TEST_P(StoryGroupTest, ACopyOfADocumentAnotherConnectionStoredMeanwhileIsFound) {
  // The writer found the table empty and keeps band keys in memory; another process then
  // stores the original, which only the table knows.
  const std::string file = Path("shared.db");
  const std::string story = Prose(14, 300);
  auto writer = Store::Open(file, Options());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Put(Article("first", Prose(15, 300)), Input("a.txt")).ok());
  {
    auto other = Store::Open(file, Options());
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE((*other)->Put(Article("original", story), Input("b.txt")).ok());
  }
  ASSERT_TRUE((*writer)->Put(Article("copy", story + " Reporting by staff."), Input("c.txt")).ok());
  EXPECT_EQ(Rows(**writer, "SELECT sha256, story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"first", "1"}, {"original", "2"}, {"copy", "2"}}));
}

TEST_P(StoryGroupTest, ARolledBackDocumentIsNobodysOriginal) {
  const std::string story = Prose(16, 300);
  ASSERT_TRUE(store_->Begin().ok());
  Put(Article("rolled-back", story));
  ASSERT_TRUE(store_->Rollback().ok());
  Put(Article("unrelated", Prose(17, 300)));  // takes the rolled-back document's id
  Put(Article("copy", story + " Reporting by staff."));
  EXPECT_EQ(Rows("SELECT sha256, story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"unrelated", "1"}, {"copy", "2"}}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM minhash_bands"), std::to_string(2 * kMinHashBands));
}

TEST_P(StoryGroupTest, ASignatureComputedByTheCallerIsUsedAsGiven) {
  const std::string story = Prose(18, 300);
  Put(Article("original", story));
  StoredInput input = Input("copy.txt");
  input.story_signature = StorySignature(story);  // as an ingest worker computes it
  ASSERT_TRUE(store_->Put(Article("copy", story + " Reporting by staff."), input).ok());
  input = Input("unrelated.txt");
  input.story_signature = StorySignature(Prose(19, 300));  // says "not a copy", whatever the text
  ASSERT_TRUE(store_->Put(Article("unrelated", story), input).ok());
  EXPECT_EQ(Rows("SELECT story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"1"}, {"1"}, {"3"}}));
}

TEST_P(StoryGroupTest, ShortTextsAreNeverCopies) {
  Put(Article("a", "Council apologises."));
  Put(Article("b", "Council apologises."));
  EXPECT_EQ(Rows("SELECT story_group FROM documents ORDER BY id"),
            (std::vector<SqlRow>{{"1"}, {"2"}}));
}

// ---- Full-text search and views

TEST_F(SqliteStoreTest, FtsTablesAreDeclaredTheWaySqliteUtilsDeclaresThem) {
  for (const std::string table : {"documents", "quotes", "findings"}) {
    const std::string sql =
        Scalar("SELECT sql FROM sqlite_master WHERE name = ?1", {table + "_fts"});
    EXPECT_NE(sql.find("USING FTS5"), std::string::npos) << sql;
    EXPECT_NE(sql.find("content=\"" + table + "\""), std::string::npos) << sql;
    EXPECT_NE(sql.find("tokenize='porter unicode61'"), std::string::npos) << sql;
    for (const char* suffix : {"_ai", "_ad", "_au"}) {
      EXPECT_EQ(Scalar("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                       {table + suffix}),
                table);
    }
    // sqlite-utils joins on the content table's rowid: an INTEGER PRIMARY KEY.
    EXPECT_EQ(Scalar("SELECT type FROM pragma_table_info(?1) WHERE pk = 1", {table}), "INTEGER");
  }
}

TEST_F(SqliteStoreTest, FtsIndexesFollowPutAndReplace) {
  Put(Letter());
  auto hits = [&](const std::string& table, const std::string& query) {
    return Scalar("SELECT count(*) FROM " + table + " WHERE " + table + " MATCH ?1", {query});
  };
  EXPECT_EQ(hits("documents_fts", "weakness"), "1");  // porter: weaknesses -> weak
  EXPECT_EQ(hits("documents_fts", "title:inspection"), "1");
  EXPECT_EQ(hits("findings_fts", "timeliness"), "1");
  EXPECT_EQ(hits("quotes_fts", "accept"), "1");
  Extraction redone = Letter();
  redone.document.text = "A completely rewritten text about something else.";
  redone.findings.clear();
  redone.deadlines.clear();
  redone.quotes.clear();
  Put(redone);
  EXPECT_EQ(hits("documents_fts", "weakness"), "0");
  EXPECT_EQ(hits("documents_fts", "rewritten"), "1");
  EXPECT_EQ(hits("findings_fts", "timeliness"), "0");
  EXPECT_EQ(hits("quotes_fts", "accept"), "0");
  for (const std::string table : {"documents_fts", "findings_fts", "quotes_fts"}) {
    Result<std::vector<SqlRow>> check =
        QueryStore(*store_, "INSERT INTO " + table + " (" + table + ") VALUES ('integrity-check')");
    EXPECT_TRUE(check.ok()) << table << ": " << check.status().message();
  }
}

TEST_F(SqliteStoreTest, CouncilSummaryHasOneRowPerCouncilWithThemeCounts) {
  Put(Letter("one"));
  Put(Letter("two"), "letters/two.pdf");
  std::vector<SqlRow> rows = Rows(
      "SELECT area, gss, documents, letters, latest_outcome, weaknesses, strengths, "
      "assessment_ehcp_weaknesses, coproduction_strengths, workforce_weaknesses "
      "FROM council_summary");
  EXPECT_EQ(rows, (std::vector<SqlRow>{{"Wandsworth", "E09000032", "2", "2", "wsoa_required", "2",
                                        "2", "2", "2", "0"}}));
  EXPECT_EQ(Rows("SELECT area, theme, polarity, findings, documents FROM council_themes "
                 "ORDER BY theme"),
            (std::vector<SqlRow>{{"Wandsworth", "assessment_ehcp", "weakness", "2", "2"},
                                 {"Wandsworth", "coproduction", "strength", "2", "2"},
                                 {"Wandsworth", "leadership_strategy", "weakness", "2", "2"}}));
}

TEST_F(SqliteStoreTest, ThemesByYearCountsFindingsPerYearOfPublication) {
  Put(Letter("one"));
  Extraction later = Letter("two");
  later.document.published = "2024-01-10";
  later.findings.pop_back();
  Put(later, "letters/two.pdf");
  EXPECT_EQ(Rows("SELECT year, theme, polarity, findings FROM themes_by_year "
                 "WHERE theme = 'assessment_ehcp' OR theme = 'coproduction' "
                 "ORDER BY year, theme"),
            (std::vector<SqlRow>{{"2023", "assessment_ehcp", "weakness", "1"},
                                 {"2023", "coproduction", "strength", "1"},
                                 {"2024", "assessment_ehcp", "weakness", "1"}}));
}

TEST_F(SqliteStoreTest, OverviewViewsNameTheSubjectArea) {
  Put(Letter());
  EXPECT_EQ(Rows("SELECT kind, subject_area, weaknesses, strengths, quotes "
                 "FROM documents_overview"),
            (std::vector<SqlRow>{{"letter", "Wandsworth", "1", "1", "1"}}));
  EXPECT_EQ(Rows("SELECT subject_area, speaker, category FROM quotes_overview"),
            (std::vector<SqlRow>{{"Wandsworth", "Ana Popovici", "official"}}));
  EXPECT_EQ(Rows("SELECT due, subject_area FROM deadlines_overview"),
            (std::vector<SqlRow>{{"2023-06-29", "Wandsworth"}}));
}

// ---- Hostile input

TEST_F(SqliteStoreTest, HostileStringsRoundTripAndInjectNothing) {
  const std::string drop = "'; DROP TABLE documents; --";
  const std::string nul = std::string("before\0after", 12);
  const std::string huge(1 << 20, 'q');
  const std::vector<std::string> hostile = {drop, "\"quoted\" and 'single' [bracket]", nul, huge,
                                            "Robert'); DELETE FROM findings WHERE ('1'='1"};
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    Extraction e =
        Article("sha" + std::to_string(i) + hostile[i], "Text " + hostile[i], hostile[i]);
    e.document.title = hostile[i];
    e.quotes = {
        {{0, 4}, hostile[i], {hostile[i], hostile[i], hostile[i], SpeakerCategory::kParent}}};
    StoredInput input = Input(hostile[i], hostile[i]);
    ASSERT_TRUE(store_->Put(e, input, {hostile[i], hostile[i], hostile[i], hostile[i]}).ok()) << i;
    ASSERT_TRUE(store_->RecordFailure(hostile[i], hostile[i], hostile[i]).ok());
    ASSERT_TRUE(store_->AddPath(e.document.sha256, hostile[i] + "/copy").ok());
    EXPECT_TRUE(store_->Lookup(e.document.sha256, kVersion, kDigest)->current) << i;
  }
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    const std::string sha = "sha" + std::to_string(i) + hostile[i];
    EXPECT_EQ(
        Rows("SELECT title, outlet, raw, manifest_url FROM documents WHERE sha256 = ?1", {sha}),
        (std::vector<SqlRow>{{hostile[i], hostile[i], hostile[i], hostile[i]}}))
        << i;
    EXPECT_EQ(Scalar("SELECT count(*) FROM document_paths p JOIN documents d "
                     "ON d.id = p.document_id WHERE d.sha256 = ?1",
                     {sha}),
              "2");
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), std::to_string(hostile.size()));
  EXPECT_EQ(Scalar("SELECT count(*) FROM quotes"), std::to_string(hostile.size()));
  EXPECT_EQ(Scalar("SELECT count(*) FROM failures WHERE reason = ?1", {nul}), "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM local_areas WHERE name = ?1", {drop}), "1");
  // A hostile search is an FTS syntax error, never SQL.
  Result<std::vector<SqlRow>> search =
      QueryStore(*store_, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1", {drop});
  EXPECT_FALSE(search.ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), std::to_string(hostile.size()));
  EXPECT_EQ(Scalar("PRAGMA integrity_check"), "ok");
}

// ---- Read-only and locked databases

TEST_F(SqliteStoreTest, ReadOnlyStoreRefusesWritesClearly) {
  { ASSERT_TRUE(Store::Open(Path("ro.db")).ok()); }
  auto store = Store::Open(Path("ro.db"), {.read_only = true});
  ASSERT_TRUE(store.ok()) << store.status().message();
  Result<PutOutcome> put = (*store)->Put(Letter(), Input("a.pdf"));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().message(), Path("ro.db") + ": store opened read-only");
  EXPECT_FALSE((*store)->Begin().ok());
  EXPECT_FALSE((*store)->RecordFailure("a", "b", "c").ok());
  EXPECT_TRUE((*store)->Lookup("letter-sha", kVersion, kDigest).ok());
}

// Opens `path` for writing as a user that may not write it: in a child process that drops
// root's privileges when the test runs as root (root may write any file). Returns the message
// of the status, or "ok", or why the check could not run.
std::string OpenAsUnprivilegedUser(const std::string& path) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return "no pipe";
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_fds[0]);
    std::string message = "ok";
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
      message = "cannot drop privileges";
    } else {
      auto store = Store::Open(path);
      if (!store.ok()) message = store.status().message();
    }
    const ssize_t written = ::write(pipe_fds[1], message.data(), message.size());
    ::_exit(written == static_cast<ssize_t>(message.size()) ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  std::string out;
  char buffer[512];
  ssize_t n = 0;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) out.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  return out;
}

TEST_F(SqliteStoreTest, ReadOnlyFileOpenedForWritingIsAClearIOError) {
  const std::string path = Path("readonly.db");
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE((*store)->Put(Letter(), Input("a.pdf")).ok());
  }
  ASSERT_EQ(::chmod(path.c_str(), 0444), 0);
  ::chmod(dir_.c_str(), 0755);
  const std::string message = OpenAsUnprivilegedUser(path);
  if (message == "cannot drop privileges") GTEST_SKIP() << message;
  EXPECT_EQ(message, path + ": database is read-only");
  // Nothing was damaged: the owner still reads it.
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(Rows(**store, "PRAGMA integrity_check"), (std::vector<SqlRow>{{"ok"}}));
  EXPECT_TRUE((*store)->Lookup("letter-sha", kVersion, kDigest)->present);
}

TEST_F(SqliteStoreTest, LockedDatabaseIsAClearIOErrorAfterTheBusyTimeout) {
  auto holder = Store::Open(Path("locked.db"));
  ASSERT_TRUE(holder.ok()) << holder.status().message();
  ASSERT_TRUE((*holder)->Begin().ok());
  ASSERT_TRUE((*holder)->Put(Letter("held"), Input("held.pdf")).ok());

  auto other = Store::Open(Path("locked.db"), {.busy_timeout_ms = 50});
  ASSERT_TRUE(other.ok()) << other.status().message();  // WAL: opening and reading still work
  Status begin = (*other)->Begin();
  EXPECT_EQ(begin.code(), StatusCode::kIOError);
  EXPECT_EQ(begin.message(), Path("locked.db") + ": database is locked by another process");
  Result<PutOutcome> put = (*other)->Put(Letter("mine"), Input("mine.pdf"));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().message(), Path("locked.db") + ": database is locked by another process");

  ASSERT_TRUE((*holder)->Commit().ok());
  ASSERT_TRUE((*other)->Put(Letter("mine"), Input("mine.pdf")).ok());
  EXPECT_EQ(Rows(**other, "SELECT count(*) FROM documents"), (std::vector<SqlRow>{{"2"}}));
}

// ---- The real clients

bool HasProgram(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command and returns its standard output without carriage returns (Python's
// CSV writer ends lines with CRLF); standard error is dropped.
std::string Output(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  std::erase(out, '\r');
  return out;
}

class SqliteClientsTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    db_ = Path("clients.db");
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE(
        (*store)->SyncAreas({{"Wandsworth", "E09000032", "London", "london", {}, {}}}).ok());
    ASSERT_TRUE((*store)->Put(Letter(), Input("letters/wandsworth.pdf")).ok());
    ASSERT_TRUE(
        (*store)
            ->Put(Article("news-sha", "Parents said delays were weaknesses."), Input("news/a.txt"))
            .ok());
  }
  std::string db_;
};

TEST_F(SqliteClientsTest, Sqlite3CliQueriesTheViewsAndRunsAnFtsMatch) {
  if (!HasProgram("sqlite3")) GTEST_SKIP() << "no sqlite3 CLI";
  EXPECT_EQ(Output("sqlite3 -readonly '" + db_ +
                   "' 'SELECT area, documents, letters, weaknesses, strengths FROM "
                   "council_summary'"),
            "Wandsworth|2|1|1|1\n");
  EXPECT_EQ(Output("sqlite3 -readonly '" + db_ +
                   "' \"SELECT d.sha256 FROM documents_fts JOIN documents d "
                   "ON d.id = documents_fts.rowid WHERE documents_fts MATCH 'weakness' "
                   "ORDER BY d.id\""),
            "letter-sha\nnews-sha\n");
  EXPECT_EQ(Output("sqlite3 -readonly '" + db_ +
                   "' \"SELECT theme FROM themes_by_year WHERE year = '2023' ORDER BY theme\""),
            "assessment_ehcp\ncoproduction\nleadership_strategy\n");
}

TEST_F(SqliteClientsTest, Sqlite3CliReadsWhileABatchIsOpen) {
  if (!HasProgram("sqlite3")) GTEST_SKIP() << "no sqlite3 CLI";
  auto writer = Store::Open(db_);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  ASSERT_TRUE((*writer)->Begin().ok());
  ASSERT_TRUE((*writer)->Put(Letter("pending"), Input("pending.pdf")).ok());
  EXPECT_EQ(Output("sqlite3 -readonly '" + db_ + "' 'SELECT count(*) FROM documents'"), "2\n");
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(Output("sqlite3 -readonly '" + db_ + "' 'SELECT count(*) FROM documents'"), "3\n");
}

TEST_F(SqliteClientsTest, SqliteUtilsListsTheFtsTablesAndSearchesDocuments) {
  if (!HasProgram("sqlite-utils")) GTEST_SKIP() << "no sqlite-utils";
  const std::string tables = Output("sqlite-utils tables '" + db_ + "' --fts5 --csv");
  EXPECT_EQ(tables, "table\ndocuments_fts\nquotes_fts\nfindings_fts\n");
  const std::string found =
      Output("sqlite-utils search '" + db_ + "' documents weakness -c sha256 --csv");
  EXPECT_EQ(found.rfind("sha256\n", 0), 0u) << found;
  EXPECT_NE(found.find("\nletter-sha\n"), std::string::npos) << found;
  EXPECT_NE(found.find("\nnews-sha\n"), std::string::npos) << found;
  EXPECT_EQ(Output("sqlite-utils search '" + db_ + "' quotes accept -c text --csv"),
            "text\nWe accept the findings in full\n");
  EXPECT_EQ(Output("sqlite-utils search '" + db_ + "' findings timeliness -c polarity --csv"),
            "polarity\nweakness\n");
}

}  // namespace
}  // namespace sendscan
