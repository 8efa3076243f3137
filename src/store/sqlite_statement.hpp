// The prepared-statement wrapper every sqlite_*.cpp file binds and reads through, and the
// conversion of SQLite's result codes into Status values naming the database file.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "sendscan/status.hpp"

namespace sendscan::sqlite {

// The Status for SQLite result code `rc` on the database at `path` (`db` may be null).
Status SqliteError(int rc, sqlite3* db, const std::string& path);

// The bytes of a column (text or blob; numbers as text); empty for NULL.
std::string ColumnBytes(sqlite3_stmt* stmt, int column);

std::optional<std::string> ColumnOptional(sqlite3_stmt* stmt, int column);

// A prepared statement borrowed from a connection's cache: binds by position, steps, reads
// columns, and is reset (bindings cleared) when it goes out of scope. Text and blobs are bound
// without copying: what is bound must outlive the last Step.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (stmt_ != nullptr) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }

  void Text(int index, std::string_view value) {
    // A null pointer would bind NULL: an empty view must bind ''.
    const char* data = value.data() != nullptr ? value.data() : "";
    Check(sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  void OptionalText(int index, const std::optional<std::string>& value) {
    if (value) {
      Text(index, *value);
    } else {
      Null(index);
    }
  }
  void Blob(int index, const void* data, std::size_t size) {
    static constexpr char kEmpty = 0;
    Check(sqlite3_bind_blob64(stmt_, index, size > 0 ? data : &kEmpty, size, SQLITE_STATIC));
  }
  void Int(int index, std::int64_t value) { Check(sqlite3_bind_int64(stmt_, index, value)); }
  void OptionalInt(int index, const std::optional<int>& value) {
    if (value) {
      Int(index, std::int64_t{*value});
    } else {
      Null(index);
    }
  }
  void Null(int index) { Check(sqlite3_bind_null(stmt_, index)); }

  // SQLITE_ROW, SQLITE_DONE or an error code (also the first failed bind).
  int Step() { return bind_error_ != SQLITE_OK ? bind_error_ : sqlite3_step(stmt_); }

  std::int64_t ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool ColumnIsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string ColumnText(int column) const { return ColumnBytes(stmt_, column); }
  std::optional<std::string> ColumnOptionalText(int column) const {
    return ColumnOptional(stmt_, column);
  }
  const void* ColumnBlob(int column) const { return sqlite3_column_blob(stmt_, column); }
  std::size_t ColumnSize(int column) const {
    return static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  }

  sqlite3_stmt* stmt_;
  int bind_error_ = SQLITE_OK;
};

}  // namespace sendscan::sqlite
