// Raw SQL beside the Store API, for tests and diagnostics: reading what a Store wrote, and
// making databases a Store would not write (another schema version, foreign tables).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sendscan/status.hpp"
#include "sendscan/store.hpp"

namespace sendscan {

// One result row: each value as its text or bytes; NULL is nullopt.
using SqlRow = std::vector<std::optional<std::string>>;

// Runs one SQL statement on the connection of `store` (made by Store::Open), binding `params`
// in order as text, and returns every row. InvalidArgument for a store Store::Open did not
// make.
Result<std::vector<SqlRow>> QueryStore(Store& store, std::string_view sql,
                                       const std::vector<std::string>& params = {});

// Runs an SQL script on the database file at `path` (created if missing), without migrating.
Status ExecuteScript(const std::string& path, std::string_view sql);

}  // namespace sendscan
