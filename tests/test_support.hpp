// Helpers shared by the tests: the source tree's lexicons, loaded once, and small builders.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "lexicon/lexicons.hpp"
#include "sendscan/ingest.hpp"
#include "sendscan/normalise.hpp"

namespace sendscan::testing {

inline const Lexicons& SourceLexicons() {
  static const std::shared_ptr<const Lexicons> kLexicons = [] {
    auto loaded = LoadLexicons(std::string(SENDSCAN_SOURCE_DIR) + "/lexicons");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      return std::shared_ptr<const Lexicons>(std::make_shared<Lexicons>());
    }
    return *loaded;
  }();
  return *kLexicons;
}

// Reads and normalises `bytes` as if they were a file called `name`.
inline Document NormaliseBytes(const std::string& bytes, const std::string& name = "test.txt") {
  Result<RawDocument> raw = ReadBytes(bytes, name);
  EXPECT_TRUE(raw.ok()) << raw.status().message();
  if (!raw.ok()) return {};
  Result<Document> doc = Normalise(*raw, SourceLexicons());
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

inline std::string ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace sendscan::testing
