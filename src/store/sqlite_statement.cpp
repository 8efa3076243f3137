// SQLite result codes as Status values, and reading a column's bytes: the out-of-line half of
// sqlite_statement.hpp.
#include "store/sqlite_statement.hpp"

namespace sendscan::sqlite {

Status SqliteError(int rc, sqlite3* db, const std::string& path) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::IOError(path + ": database is locked by another process");
    case SQLITE_READONLY:
      return Status::IOError(path + ": database is read-only");
    case SQLITE_NOTADB:
      return Status::Corruption(path + ": not an SQLite database");
    case SQLITE_CORRUPT:
      return Status::Corruption(path + ": database is corrupt (" + message + ")");
    case SQLITE_FULL:
      return Status::IOError(path + ": disk full (" + message + ")");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Status::IOError(path + ": " + message);
    case SQLITE_TOOBIG:
      return Status::InvalidArgument(path + ": " + message);
    default:
      return Status::Internal(path + ": " + message);
  }
}

// The bytes of a column (text or blob; numbers as text); empty for NULL.
std::string ColumnBytes(sqlite3_stmt* stmt, int column) {
  const void* data = sqlite3_column_blob(stmt, column);
  const int size = sqlite3_column_bytes(stmt, column);
  if (data == nullptr || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::string> ColumnOptional(sqlite3_stmt* stmt, int column) {
  if (sqlite3_column_type(stmt, column) == SQLITE_NULL) return std::nullopt;
  return ColumnBytes(stmt, column);
}

}  // namespace sendscan::sqlite
