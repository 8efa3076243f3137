#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "cli/ingest_pipeline.hpp"
#include "sendscan/lexicon.hpp"

namespace sendscan::cli {
namespace {

namespace fs = std::filesystem;

// What the fake store keeps of a document.
struct FakeDocument {
  std::string source, text, version, digest;
  std::optional<std::string> title, published, url, outlet;
  ManifestEntry manifest;
  std::vector<std::string> paths;
  std::size_t findings = 0;
};

// An in-memory Store that checks the writer's discipline: every write inside Begin/Commit.
class FakeStore : public Store {
 public:
  Status Begin() override {
    EXPECT_FALSE(in_transaction_) << "nested Begin";
    in_transaction_ = true;
    writes_in_transaction_ = 0;
    return Status::Ok();
  }
  Status Commit() override {
    EXPECT_TRUE(in_transaction_) << "Commit without Begin";
    in_transaction_ = false;
    ++commits;
    return Status::Ok();
  }
  Status Rollback() override {
    in_transaction_ = false;
    ++rollbacks;
    return Status::Ok();
  }
  Status SyncAreas(const std::vector<AreaRecord>& areas) override {
    EXPECT_TRUE(in_transaction_);
    areas_synced = areas.size();
    return Status::Ok();
  }
  Result<StoredState> Lookup(const std::string& sha256, const std::string& version,
                             const std::string& digest) override {
    auto it = docs.find(sha256);
    if (it == docs.end()) return StoredState{};
    return StoredState{true, it->second.version == version && it->second.digest == digest};
  }
  Result<std::vector<CurrentDocument>> CurrentDocuments(const std::string& version,
                                                        const std::string& digest) override {
    std::vector<CurrentDocument> out;
    for (const auto& [sha, d] : docs) {
      if (d.version == version && d.digest == digest) out.push_back({sha, d.paths});
    }
    return out;
  }
  Result<PutOutcome> Put(const Extraction& e, const StoredInput& input,
                         const ManifestEntry& manifest) override {
    Write();
    if (puts++ == fail_put_at) return Status::IOError("disk full");
    const Document& doc = e.document;
    auto [it, added] = docs.try_emplace(doc.sha256);
    FakeDocument& d = it->second;
    if (added) d.source = input.source_path;
    d.text = doc.text;
    d.version = input.extractor_version;
    d.digest = input.lexicons_digest;
    d.title = doc.title;
    d.published = doc.published;
    d.url = doc.url;
    d.outlet = input.outlet;
    d.manifest = manifest;
    d.findings = e.findings.size();
    AddPathOnce(d, input.source_path);
    log.push_back("put " + input.source_path);
    return added ? PutOutcome::kAdded : PutOutcome::kReplaced;
  }
  Status AddPath(const std::string& sha256, const std::string& path) override {
    Write();
    EXPECT_EQ(docs.count(sha256), 1u) << "AddPath for bytes never stored";
    AddPathOnce(docs[sha256], path);
    log.push_back("path " + path);
    return Status::Ok();
  }
  Status RecordFailure(const std::string& source, const std::string& reason,
                       const std::string& when) override {
    Write();
    failures[source] = reason;
    EXPECT_FALSE(when.empty());
    log.push_back("fail " + source);
    return Status::Ok();
  }
  Result<std::vector<StaleDocument>> Stale(const std::string&, const std::string&,
                                           std::size_t) override {
    return std::vector<StaleDocument>{};
  }

  std::map<std::string, FakeDocument> docs;  // by sha256
  std::map<std::string, std::string> failures;
  std::vector<std::string> log;  // every write in order
  int commits = 0, rollbacks = 0, puts = 0, fail_put_at = -1;
  std::size_t max_writes_in_transaction = 0, areas_synced = 0;

 private:
  void Write() {
    EXPECT_TRUE(in_transaction_) << "write outside a transaction";
    max_writes_in_transaction = std::max(max_writes_in_transaction, ++writes_in_transaction_);
  }
  static void AddPathOnce(FakeDocument& d, const std::string& path) {
    if (std::find(d.paths.begin(), d.paths.end(), path) == d.paths.end()) d.paths.push_back(path);
  }
  bool in_transaction_ = false;
  std::size_t writes_in_transaction_ = 0;
};

std::string Article(int n) {
  return "Council " + std::to_string(n) +
         " told to improve SEND services\n\nInspectors from Ofsted and the Care Quality "
         "Commission found significant weaknesses in Kent County Council's services for "
         "children with special educational needs, report number " +
         std::to_string(n) + ".\n\nThe council must produce a written statement of action.\n";
}

std::string FileName(int n) {
  std::string name = std::to_string(n);
  name.insert(0, 1, 'f');
  return name.append(".txt");
}

class IngestPipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = LoadLexicons(std::string(SENDSCAN_SOURCE_DIR) + "/lexicons");
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    lexicons_ = new std::shared_ptr<const Lexicons>(*loaded);
  }
  static void TearDownTestSuite() {
    delete lexicons_;
    lexicons_ = nullptr;
  }
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sendscan_pipeline_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    options_.extractor = {"sendscan test", LexiconDigest(**lexicons_)};
    options_.ingested_at = "2024-01-02T03:04:05Z";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  IngestSummary Run(FakeStore& store, const std::vector<std::string>& paths) {
    Result<IngestSummary> s = RunIngest(CollectInputs(paths), **lexicons_, store, options_);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? *s : IngestSummary{};
  }

  static std::shared_ptr<const Lexicons>* lexicons_;
  fs::path dir_;
  IngestOptions options_;
};

std::shared_ptr<const Lexicons>* IngestPipelineTest::lexicons_ = nullptr;

TEST_F(IngestPipelineTest, StoresReadableFilesAndRecordsFailuresWithTheirReason) {
  Write("a.txt", Article(1));
  Write("b.txt", Article(2));
  std::string empty = Write("empty.txt", "");
  FakeStore store;
  IngestSummary s = Run(store, {dir_.string()});
  EXPECT_EQ(s.files, 3u);
  EXPECT_EQ(s.added, 2u);
  EXPECT_EQ(s.failed, 1u);
  EXPECT_EQ(store.docs.size(), 2u);
  EXPECT_EQ(store.failures[empty], "empty file");
  EXPECT_GT(store.areas_synced, 0u);
}

TEST_F(IngestPipelineTest, MissingPathIsAFailureAndTheRunGoesOn) {
  std::string a = Write("a.txt", Article(1));
  std::string missing = (dir_ / "nope.txt").string();
  FakeStore store;
  IngestSummary s = Run(store, {missing, a});
  EXPECT_EQ(s.failed, 1u);
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(store.failures[missing], "no such file");
}

TEST_F(IngestPipelineTest, SecondRunFindsEverythingUnchangedAndWritesNothing) {
  Write("a.txt", Article(1));
  Write("b.txt", Article(2));
  FakeStore store;
  Run(store, {dir_.string()});
  std::size_t writes = store.log.size();
  IngestSummary s = Run(store, {dir_.string()});
  EXPECT_EQ(s.unchanged, 2u);
  EXPECT_EQ(s.added + s.replaced + s.paths_added + s.failed, 0u);
  EXPECT_EQ(store.log.size(), writes);
}

TEST_F(IngestPipelineTest, CurrentBytesAreSkippedBeforeParsing) {
  // Bytes no reader accepts: if they were parsed, they would fail.
  const std::string elf(
      "\x7f"
      "ELF\x02\x01\x01\0\0\0binary",
      16);
  std::string bin = Write("x.bin", elf);
  FakeStore store;
  FakeDocument& d = store.docs[Sha256Hex(elf)];
  d.version = options_.extractor.version;
  d.digest = options_.extractor.lexicons_digest;
  d.paths = {bin};
  IngestSummary s = Run(store, {bin});
  EXPECT_EQ(s.unchanged, 1u);
  EXPECT_EQ(s.failed, 0u);
}

TEST_F(IngestPipelineTest, StaleDocumentIsReplaced) {
  std::string a = Write("a.txt", Article(1));
  FakeStore store;
  Run(store, {a});
  store.docs.begin()->second.digest = "older lexicons";
  IngestSummary s = Run(store, {a});
  EXPECT_EQ(s.replaced, 1u);
  EXPECT_EQ(store.docs.begin()->second.digest, options_.extractor.lexicons_digest);
}

TEST_F(IngestPipelineTest, SameBytesUnderANewPathAddThePathNotACopy) {
  std::string a = Write("a.txt", Article(1));
  FakeStore store;
  Run(store, {a});
  std::string copy = Write("copy-of-a.txt", Article(1));
  IngestSummary s = Run(store, {dir_.string()});
  EXPECT_EQ(s.paths_added, 1u);
  EXPECT_EQ(s.unchanged, 1u);
  ASSERT_EQ(store.docs.size(), 1u);
  EXPECT_EQ(store.docs.begin()->second.paths, (std::vector<std::string>{a, copy}));
}

TEST_F(IngestPipelineTest, DuplicatesWithinOneRunAreStoredOnceUnderTheFirstPath) {
  std::string a = Write("a.txt", Article(1));
  std::string b = Write("b.txt", Article(1));
  FakeStore store;
  options_.jobs = 2;
  IngestSummary s = Run(store, {dir_.string()});
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(s.paths_added, 1u);
  EXPECT_EQ(store.log, (std::vector<std::string>{"put " + a, "path " + b}));
}

TEST_F(IngestPipelineTest, ManifestWinsOverTheDocument) {
  std::string a = Write("a.txt", "date 2019-05-01 " + Article(1));
  options_.manifest["a.txt"] = {"https://news.example/a", "The Echo", "2021-03-04", "Echo title"};
  options_.manifest_dir = dir_.string();  // "a.txt" is relative to the manifest's folder
  FakeStore store;
  IngestSummary s = Run(store, {a});
  ASSERT_EQ(s.added, 1u);
  EXPECT_EQ(s.manifest_unmatched, 0u);
  const FakeDocument& d = store.docs.begin()->second;
  EXPECT_EQ(d.published, "2021-03-04");
  EXPECT_EQ(d.title, "Echo title");
  EXPECT_EQ(d.url, "https://news.example/a");
  EXPECT_EQ(d.outlet, "The Echo");
  EXPECT_EQ(d.manifest.outlet, "The Echo");
}

TEST_F(IngestPipelineTest, ManifestMatchesThePathAsGivenOrItsCanonicalForm) {
  std::string a = Write("a.txt", Article(1));
  std::string b = Write("sub/b.txt", Article(2));
  options_.manifest[a] = {std::nullopt, "As given", std::nullopt, std::nullopt};
  options_.manifest[(dir_ / "sub" / ".." / "sub" / "b.txt").string()] = {
      std::nullopt, "Canonical", std::nullopt, std::nullopt};
  options_.manifest["unused.txt"] = {};
  FakeStore store;
  IngestSummary s = Run(store, {a, (dir_ / "." / "sub" / "b.txt").string()});
  EXPECT_EQ(s.manifest_unmatched, 1u);
  std::map<std::string, std::string> outlets;
  for (const auto& [sha, d] : store.docs)
    outlets[fs::path(d.source).filename()] = d.outlet.value_or("");
  EXPECT_EQ(outlets["a.txt"], "As given");
  EXPECT_EQ(outlets["b.txt"], "Canonical");
}

TEST_F(IngestPipelineTest, WritesInBatchedTransactions) {
  for (int i = 0; i < 5; ++i) Write(FileName(i), Article(i));
  options_.batch_documents = 2;
  FakeStore store;
  Run(store, {dir_.string()});
  EXPECT_EQ(store.commits, 3);
  EXPECT_EQ(store.max_writes_in_transaction, 2u);
}

TEST_F(IngestPipelineTest, StoreFailureStopsTheRunAndRollsBackTheBatch) {
  for (int i = 0; i < 40; ++i) Write(FileName(i), Article(i));
  options_.jobs = 4;
  options_.read_ahead_per_job = 1;
  FakeStore store;
  store.fail_put_at = 1;
  Result<IngestSummary> s = RunIngest(CollectInputs({dir_.string()}), **lexicons_, store, options_);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("disk full"), std::string::npos);
  EXPECT_EQ(store.rollbacks, 1);
  EXPECT_EQ(store.commits, 0);
}

TEST_F(IngestPipelineTest, ReportsProgressAfterEveryFile) {
  Write("a.txt", Article(1));
  Write("b.txt", "");
  std::vector<Progress> seen;
  std::vector<std::string> failed;
  options_.callbacks.progress = [&](const Progress& p) { seen.push_back(p); };
  options_.callbacks.failure = [&](const std::string& s, const std::string&) {
    failed.push_back(s);
  };
  FakeStore store;
  Run(store, {dir_.string()});
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen.back().files_done, 2u);
  EXPECT_EQ(seen.back().files_total, 2u);
  EXPECT_EQ(seen.back().bytes_done, Article(1).size());
  EXPECT_EQ(seen.back().bytes_total, Article(1).size());
  EXPECT_EQ(failed.size(), 1u);
}

// The whole sample corpus through 1 and 4 workers: the same writes in the same order.
TEST_F(IngestPipelineTest, OneOrFourWorkersStoreTheSameDocuments) {
  std::string corpus = std::string(SENDSCAN_SOURCE_DIR) + "/corpus/docs";
  auto run = [&](int jobs) {
    FakeStore store;
    options_.jobs = jobs;
    options_.read_ahead_per_job = 1;
    IngestSummary s = Run(store, {corpus});
    EXPECT_EQ(s.failed, 0u);
    EXPECT_EQ(s.added, s.files);
    std::vector<std::string> content = store.log;
    for (const auto& [sha, d] : store.docs) {
      content.push_back(sha + " " + d.source + " " + d.title.value_or("-") + " " +
                        d.published.value_or("-") + " " + std::to_string(d.findings) + " " +
                        Sha256Hex(d.text));
    }
    return content;
  };
  std::vector<std::string> one = run(1);
  EXPECT_GE(one.size(), 2 * 16u);
  EXPECT_EQ(run(4), one);
}

TEST(CollectInputs, FoldersRecursiveSortedHiddenSkippedDuplicatesOnce) {
  fs::path dir = fs::temp_directory_path() / ("sendscan_collect_" + std::to_string(::getpid()));
  for (const char* name : {"b.txt", "a.txt", "sub/c.txt", ".hidden", "sub/.git/x"}) {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << "x";
  }
  std::string missing = (dir / "missing.txt").string();
  std::vector<InputFile> got = CollectInputs({missing, dir.string(), (dir / "a.txt").string()});
  std::vector<std::string> paths;
  for (const InputFile& f : got) paths.push_back(f.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{missing, (dir / "a.txt").string(), (dir / "b.txt").string(),
                                      (dir / "sub" / "c.txt").string()}));
  EXPECT_EQ(got[1].size, 1u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sendscan::cli
