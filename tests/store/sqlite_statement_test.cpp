#include "store/sqlite_statement.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sendscan::sqlite {
namespace {

// An in-memory database with one table, and a prepared statement over it.
class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(db_, "CREATE TABLE t (a TEXT, b BLOB, c INTEGER)", nullptr, nullptr, nullptr),
        SQLITE_OK);
  }
  void TearDown() override {
    for (sqlite3_stmt* s : prepared_) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  Statement Prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr), SQLITE_OK);
    prepared_.push_back(stmt);
    return Statement(stmt);
  }
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> prepared_;
};

TEST_F(StatementTest, TextWithNulBytesAndEmptyValuesRoundTrip) {
  const std::string hostile("it's '; DROP TABLE t; --\0tail", 29);
  {
    Statement insert = Prepare("INSERT INTO t VALUES (?1, ?2, ?3)");
    insert.Text(1, hostile);
    insert.Blob(2, nullptr, 0);
    insert.OptionalInt(3, std::nullopt);
    ASSERT_EQ(insert.Step(), SQLITE_DONE);
  }
  Statement select = Prepare("SELECT a, b, c FROM t");
  ASSERT_EQ(select.Step(), SQLITE_ROW);
  EXPECT_EQ(select.ColumnText(0), hostile);
  EXPECT_EQ(select.ColumnSize(1), 0u);
  EXPECT_FALSE(select.ColumnIsNull(1));  // an empty blob, not NULL
  EXPECT_TRUE(select.ColumnIsNull(2));
  EXPECT_EQ(select.ColumnOptionalText(2), std::nullopt);
}

TEST_F(StatementTest, AnEmptyTextIsBoundAsEmptyNotNull) {
  {
    Statement insert = Prepare("INSERT INTO t (a) VALUES (?1)");
    insert.Text(1, std::string_view());
    ASSERT_EQ(insert.Step(), SQLITE_DONE);
  }
  Statement select = Prepare("SELECT a IS NULL, length(a) FROM t");
  ASSERT_EQ(select.Step(), SQLITE_ROW);
  EXPECT_EQ(select.ColumnInt(0), 0);
  EXPECT_EQ(select.ColumnInt(1), 0);
}

TEST_F(StatementTest, ABadBindIsReportedByStep) {
  Statement insert = Prepare("INSERT INTO t (c) VALUES (?1)");
  insert.Int(5, 1);  // there is no parameter 5
  EXPECT_EQ(insert.Step(), SQLITE_RANGE);
}

TEST(SqliteError, NamesTheDatabaseAndSqlitesReason) {
  Status s = SqliteError(SQLITE_CANTOPEN, nullptr, "/nowhere/corpus.db");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nowhere/corpus.db"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace sendscan::sqlite
