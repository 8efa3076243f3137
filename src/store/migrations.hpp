// The store's schema as versioned SQL: a list of forward migrations. Migration i is an SQL
// script that brings a database from PRAGMA user_version i to i + 1; the store applies each
// missing one on open, in one transaction each, and sets user_version itself. A shipped
// migration never changes: a schema change appends a new one.
#pragma once

#include <span>
#include <string_view>

namespace sendscan {

// Every migration, oldest first; the current schema version is their number.
std::span<const std::string_view> SchemaMigrations();

}  // namespace sendscan
