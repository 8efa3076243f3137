// Golden tests over corpus/: every document of the project's own sample corpus, read and
// extracted, must give the kind, publication date and subject areas of its gold file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "sendscan/extract.hpp"
#include "test_support.hpp"

namespace sendscan {
namespace {

namespace fs = std::filesystem;

struct GoldCase {
  std::string doc;   // path of the document
  std::string gold;  // path of its gold file
};

void PrintTo(const GoldCase& c, std::ostream* os) { *os << c.doc; }

std::vector<GoldCase> CorpusCases() {
  std::vector<GoldCase> cases;
  fs::path root = fs::path(SENDSCAN_SOURCE_DIR) / "corpus";
  for (const auto& entry : fs::directory_iterator(root / "docs")) {
    fs::path gold = root / "gold" / (entry.path().stem().string() + ".json");
    if (fs::exists(gold)) cases.push_back({entry.path().string(), gold.string()});
  }
  std::sort(cases.begin(), cases.end(), [](auto& a, auto& b) { return a.doc < b.doc; });
  return cases;
}

std::set<std::string> Subjects(const Extraction& x) {
  std::set<std::string> out;
  for (const LocalArea& a : x.local_areas) {
    if (a.role == AreaRole::kSubject) out.insert(a.name);
  }
  return out;
}

class CorpusGolden : public ::testing::TestWithParam<GoldCase> {};

TEST_P(CorpusGolden, KindPublishedAndSubjectAreasMatchGold) {
  const GoldCase& c = GetParam();
  auto gold = nlohmann::json::parse(testing::ReadTextFile(c.gold));
  Result<RawDocument> raw = ReadFile(c.doc);
  ASSERT_TRUE(raw.ok()) << raw.status().message();
  Result<Document> doc = Normalise(*raw, testing::SourceLexicons());
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  Extraction x = Extract(std::move(doc).value(), testing::SourceLexicons());
  EXPECT_EQ(KindName(x.document.kind), gold["kind"].get<std::string>());
  std::optional<std::string> published;
  if (!gold["published"].is_null()) published = gold["published"].get<std::string>();
  EXPECT_EQ(x.document.published, published);
  auto areas = gold["local_areas"].get<std::vector<std::string>>();
  EXPECT_EQ(Subjects(x), std::set<std::string>(areas.begin(), areas.end()));
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusGolden, ::testing::ValuesIn(CorpusCases()),
                         [](const ::testing::TestParamInfo<GoldCase>& param_info) {
                           std::string name = fs::path(param_info.param.doc).stem().string();
                           std::replace_if(name.begin(), name.end(),
                                           [](char ch) { return !std::isalnum(ch); }, '_');
                           return name;
                         });

}  // namespace
}  // namespace sendscan
