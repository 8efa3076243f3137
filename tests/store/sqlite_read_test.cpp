// Reading a whole store back (ForEachStoredDocument and friends, for `sendscan merge`): every
// fact, path and provenance field comes back as it was put, across pages of documents.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sendscan/contract.hpp"
#include "sendscan/store.hpp"

namespace sendscan {
namespace {

Span SpanOf(const std::string& text, const std::string& part) {
  const std::size_t start = text.find(part);
  EXPECT_NE(start, std::string::npos) << part;
  return {start, start + part.size()};
}

std::string Sha(int i) {
  std::string hex = std::to_string(i);
  return std::string(64 - hex.size(), 'a') + hex;
}

// One fact of every kind; themes in name order and areas in the order first stored, as the
// store gives them back.
Extraction Letter() {
  Extraction e;
  Document& d = e.document;
  d.source = "letters/wandsworth.pdf";
  d.sha256 = Sha(1);
  d.format = Format::kPdf;
  d.url = "https://example.org/wandsworth";
  d.text =
      "There are significant weaknesses in the timeliness of EHC plans. Plans are due within "
      "70 days.\n\n\u201cWe accept the findings,\u201d said Ana Popovici, director of "
      "children\u2019s "
      "services at Wandsworth Council.";
  d.title = "Joint local area SEND inspection in Wandsworth";
  d.published = "2023-04-20";
  d.kind = Kind::kLetter;
  d.inspectorates = {"Ofsted", "CQC"};
  e.local_areas = {{"Wandsworth", "E09000032", AreaRole::kSubject},
                   {"Merton", std::nullopt, AreaRole::kMentioned}};
  e.findings = {{Polarity::kWeakness,
                 {"assessment_ehcp", "leadership_strategy"},
                 SpanOf(d.text, "There are significant weaknesses in the timeliness of EHC plans."),
                 "significant weaknesses"}};
  e.deadlines = {{SpanOf(d.text, "within 70 days"), "P70D", "2023-06-29", true, "a plan"}};
  e.quotes = {{SpanOf(d.text, "We accept the findings"),
               "We accept the findings",
               {"Ana Popovici", "director of children\u2019s services", "Wandsworth Council",
                SpeakerCategory::kOfficial}}};
  e.inspection = Inspection{"2023-03", true, "insufficient_progress", 4, 2};
  return e;
}

StoredInput Input(const std::string& raw, const std::string& path) {
  StoredInput input;
  input.raw = raw;
  input.source_path = path;
  input.outlet = "The Outlet";
  input.extractor_version = "sendscan 0.1.0";
  input.lexicons_digest = "digest-1";
  input.ingested_at = "2024-01-02T03:04:05Z";
  return input;
}

std::unique_ptr<Store> OpenMemory() {
  auto store = Store::Open(":memory:");
  EXPECT_TRUE(store.ok()) << store.status().message();
  return store.ok() ? std::move(store).value() : nullptr;
}

std::vector<StoredDocument> ReadAll(Store& store) {
  std::vector<StoredDocument> out;
  Status s = ForEachStoredDocument(store, [&](StoredDocument&& d) {
    out.push_back(std::move(d));
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
  return out;
}

TEST(SqliteRead, EveryFactComesBackAsPut) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  const Extraction letter = Letter();
  ManifestEntry manifest;
  manifest.outlet = "Manifest Outlet";
  ASSERT_TRUE(
      store->Put(letter, Input(std::string("raw\0bytes", 9), "letters/wandsworth.pdf"), manifest)
          .ok());
  ASSERT_TRUE(store->AddPath(letter.document.sha256, "copies/w.pdf").ok());

  std::vector<StoredDocument> docs = ReadAll(*store);
  ASSERT_EQ(docs.size(), 1u);
  const StoredDocument& d = docs[0];
  const ExtractorInfo info{"v", "d"};
  EXPECT_EQ(ContractLine(d.extraction, info), ContractLine(letter, info));
  EXPECT_EQ(d.extraction.document.format, Format::kPdf);
  EXPECT_EQ(d.input.raw, std::string("raw\0bytes", 9));
  EXPECT_EQ(d.input.source_path, "letters/wandsworth.pdf");
  EXPECT_EQ(d.input.outlet, "Manifest Outlet");  // the stored column: the manifest's
  EXPECT_EQ(d.input.extractor_version, "sendscan 0.1.0");
  EXPECT_EQ(d.input.lexicons_digest, "digest-1");
  EXPECT_EQ(d.input.ingested_at, "2024-01-02T03:04:05Z");
  EXPECT_EQ(d.manifest.outlet, "Manifest Outlet");
  EXPECT_FALSE(d.manifest.url.has_value());
  EXPECT_EQ(d.paths, (std::vector<std::string>{"letters/wandsworth.pdf", "copies/w.pdf"}));
}

TEST(SqliteRead, PagesCoverEveryDocumentInIdOrder) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Begin().ok());
  for (int i = 0; i < 150; ++i) {
    Extraction e;
    e.document.sha256 = Sha(i);
    e.document.text = "Document number " + std::to_string(i) + " has a finding.";
    e.findings = {{Polarity::kStrength, {"theme" + std::to_string(i)}, {0, 8}, "cue"}};
    ASSERT_TRUE(store->Put(e, Input("", "doc" + std::to_string(i) + ".txt")).ok());
  }
  ASSERT_TRUE(store->Commit().ok());
  std::vector<StoredDocument> docs = ReadAll(*store);
  ASSERT_EQ(docs.size(), 150u);
  for (int i = 0; i < 150; ++i) {
    const StoredDocument& d = docs[static_cast<std::size_t>(i)];
    EXPECT_EQ(d.extraction.document.sha256, Sha(i));
    ASSERT_EQ(d.extraction.findings.size(), 1u) << i;
    EXPECT_EQ(d.extraction.findings[0].themes,
              std::vector<std::string>{"theme" + std::to_string(i)});
    EXPECT_EQ(d.paths, std::vector<std::string>{"doc" + std::to_string(i) + ".txt"});
    EXPECT_TRUE(d.input.raw.empty());
  }
}

TEST(SqliteRead, VisitErrorsStopTheWalk) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  for (int i = 0; i < 3; ++i) {
    Extraction e;
    e.document.sha256 = Sha(i);
    e.document.text = "Text " + std::to_string(i);
    ASSERT_TRUE(store->Put(e, Input("x", "p")).ok());
  }
  int visits = 0;
  Status s = ForEachStoredDocument(*store, [&](StoredDocument&&) {
    ++visits;
    return Status::IOError("stop");
  });
  EXPECT_EQ(s.message(), "stop");
  EXPECT_EQ(visits, 1);
}

TEST(SqliteRead, StatesFailuresAndAreas) {
  auto store = OpenMemory();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->SyncAreas({{"Northamptonshire",
                                "E10000021",
                                "East Midlands",
                                "county",
                                "2021-03-31",
                                {"North Northamptonshire", "West Northamptonshire"}}})
                  .ok());
  ASSERT_TRUE(store->Put(Letter(), Input("raw", "a.pdf")).ok());
  ASSERT_TRUE(store->AddPath(Sha(1), "b.pdf").ok());
  Extraction loaded;
  loaded.document.sha256 = Sha(2);
  loaded.document.text = "Loaded from JSON.";
  ASSERT_TRUE(store->Put(loaded, Input("", "c.txt")).ok());
  ASSERT_TRUE(store->RecordFailure("bad.txt", "empty file", "2024-01-01T00:00:00Z").ok());

  auto states = StoredDocumentStates(*store);
  ASSERT_TRUE(states.ok()) << states.status().message();
  ASSERT_EQ(states->size(), 2u);
  EXPECT_EQ((*states)[0].sha256, Sha(1));
  EXPECT_TRUE((*states)[0].has_raw);
  EXPECT_EQ((*states)[0].paths, (std::vector<std::string>{"a.pdf", "b.pdf"}));
  EXPECT_EQ((*states)[0].extractor_version, "sendscan 0.1.0");
  EXPECT_EQ((*states)[0].ingested_at, "2024-01-02T03:04:05Z");
  EXPECT_FALSE((*states)[1].has_raw);

  auto failures = StoredFailures(*store);
  ASSERT_TRUE(failures.ok()) << failures.status().message();
  ASSERT_EQ(failures->size(), 1u);
  EXPECT_EQ((*failures)[0].source, "bad.txt");
  EXPECT_EQ((*failures)[0].reason, "empty file");
  EXPECT_EQ((*failures)[0].when, "2024-01-01T00:00:00Z");

  auto areas = StoredAreas(*store);
  ASSERT_TRUE(areas.ok()) << areas.status().message();
  ASSERT_EQ(areas->size(), 3u);  // the gazetteer's one, then the two the letter named
  EXPECT_EQ((*areas)[0].name, "Northamptonshire");
  EXPECT_EQ((*areas)[0].region, "East Midlands");
  EXPECT_EQ((*areas)[0].end_date, "2021-03-31");
  EXPECT_EQ((*areas)[0].successors,
            (std::vector<std::string>{"North Northamptonshire", "West Northamptonshire"}));
  EXPECT_EQ((*areas)[1].name, "Wandsworth");
  EXPECT_EQ((*areas)[1].gss, "E09000032");
  EXPECT_TRUE((*areas)[1].region.empty());
}

}  // namespace
}  // namespace sendscan
