// The schema's versioning: forward migrations applied on open, each in one transaction, and
// databases this build cannot handle refused with a clear message.
#include "store/migrations.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sendscan/store.hpp"
#include "store/sqlite_store.hpp"

namespace sendscan {
namespace {

namespace fs = std::filesystem;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sendscan_migrations_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // The single value `sql` returns on a store opened at `path`.
  static std::string Scalar(Store& store, const std::string& sql) {
    Result<std::vector<SqlRow>> rows = QueryStore(store, sql);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    if (!rows.ok() || rows->empty() || rows->front().empty() || !rows->front()[0]) return "";
    return *rows->front()[0];
  }

  fs::path dir_;
};

TEST_F(MigrationsTest, CurrentVersionIsTheNumberOfMigrations) {
  EXPECT_EQ(Store::CurrentSchemaVersion(), static_cast<int>(SchemaMigrations().size()));
  EXPECT_GE(Store::CurrentSchemaVersion(), 1);
  for (std::string_view migration : SchemaMigrations()) EXPECT_FALSE(migration.empty());
}

TEST_F(MigrationsTest, NewFileIsMigratedToTheCurrentVersionInWalMode) {
  auto store = Store::Open(Path("new.db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(Scalar(**store, "PRAGMA user_version"), std::to_string(Store::CurrentSchemaVersion()));
  EXPECT_EQ(Scalar(**store, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Scalar(**store, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(Scalar(**store, "SELECT count(*) FROM sqlite_master WHERE name = 'documents'"), "1");
}

TEST_F(MigrationsTest, InMemoryStoreIsMigratedToo) {
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(Scalar(**store, "PRAGMA user_version"), std::to_string(Store::CurrentSchemaVersion()));
}

TEST_F(MigrationsTest, ReopeningAppliesNothingTwiceAndKeepsTheData) {
  {
    auto store = Store::Open(Path("again.db"));
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE((*store)->RecordFailure("a.pdf", "truncated PDF", "2024-01-01T00:00:00Z").ok());
  }
  auto store = Store::Open(Path("again.db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(Scalar(**store, "SELECT count(*) FROM failures"), "1");
  EXPECT_EQ(Scalar(**store, "PRAGMA user_version"), std::to_string(Store::CurrentSchemaVersion()));
}

TEST_F(MigrationsTest, DatabaseFromANewerSendscanIsRefusedWithBothVersions) {
  ASSERT_TRUE(ExecuteScript(Path("newer.db"), "PRAGMA user_version = 99").ok());
  auto store = Store::Open(Path("newer.db"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
  const std::string expected = "was written by a newer sendscan (schema 99 > " +
                               std::to_string(Store::CurrentSchemaVersion()) + ")";
  EXPECT_NE(store.status().message().find(expected), std::string::npos) << store.status().message();
  EXPECT_EQ(store.status().message().rfind(Path("newer.db"), 0), 0u);
}

TEST_F(MigrationsTest, AFailedMigrationLeavesNothingBehind) {
  // A table in the way makes migration 1 fail part-way through its script.
  ASSERT_TRUE(ExecuteScript(Path("blocked.db"), "CREATE TABLE speakers (x)").ok());
  auto failed = Store::Open(Path("blocked.db"));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("migrating the schema from version 0 to 1"),
            std::string::npos)
      << failed.status().message();
  // Had the tables made before the failure stayed, the migration could not run again.
  ASSERT_TRUE(ExecuteScript(Path("blocked.db"), "DROP TABLE speakers").ok());
  auto store = Store::Open(Path("blocked.db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(Scalar(**store, "PRAGMA user_version"), std::to_string(Store::CurrentSchemaVersion()));
}

TEST_F(MigrationsTest, DocumentsOfVersion1WereExtractedWhenTheyWereIngested) {
  const std::string v1 = std::string(SchemaMigrations()[0]) + R"sql(
    INSERT INTO documents (sha256, kind, format, extractor_version, lexicons_digest, ingested_at,
                           text, raw)
    VALUES ('abc', 'news', 'text', 'sendscan 0.1.0', 'digest', '2024-05-06T07:08:09Z', 'Text.',
            'Text.');
    PRAGMA user_version = 1;)sql";
  ASSERT_TRUE(ExecuteScript(Path("v1.db"), v1).ok());
  auto store = Store::Open(Path("v1.db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(Scalar(**store, "PRAGMA user_version"), std::to_string(Store::CurrentSchemaVersion()));
  auto states = StoredDocumentStates(**store);
  ASSERT_TRUE(states.ok()) << states.status().message();
  ASSERT_EQ(states->size(), 1u);
  EXPECT_EQ((*states)[0].ingested_at, "2024-05-06T07:08:09Z");
  EXPECT_EQ((*states)[0].extracted_at, "2024-05-06T07:08:09Z");
  // Nothing was reindexed or rewritten: the full-text index still finds the old row.
  EXPECT_EQ(Scalar(**store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'text'"),
            "1");
}

TEST_F(MigrationsTest, ReadOnlyOpenOfAnOlderSchemaAsksForAWritableOpen) {
  ASSERT_TRUE(ExecuteScript(Path("old.db"), "CREATE TABLE unrelated (x)").ok());
  auto store = Store::Open(Path("old.db"), {.read_only = true});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(store.status().message().find("open it once for writing"), std::string::npos)
      << store.status().message();
}

TEST_F(MigrationsTest, ReadOnlyOpenOfAMissingFileIsNotFound) {
  auto store = Store::Open(Path("missing.db"), {.read_only = true});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(Path("missing.db")));
}

TEST_F(MigrationsTest, FileThatIsNotADatabaseIsCorruption) {
  std::ofstream(Path("notes.db"), std::ios::binary)
      << std::string(4096, 'x') << "this is a text file, not a database\n";
  auto store = Store::Open(Path("notes.db"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(store.status().message(), Path("notes.db") + ": not an SQLite database");
}

}  // namespace
}  // namespace sendscan
