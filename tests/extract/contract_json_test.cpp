#include "sendscan/contract.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sendscan {
namespace {

Extraction Sample() {
  Extraction x;
  x.document.source = "docs/a.txt";
  x.document.sha256 = std::string(64, 'a');
  x.document.text = "Waiting times are too long. Plans are due in 70 days.";
  x.document.kind = Kind::kNews;
  x.document.published = "2020-01-16";
  x.document.inspectorates = {"Ofsted", "CQC"};
  x.local_areas = {{"Wandsworth", "E09000032", AreaRole::kSubject}};
  x.findings = {{Polarity::kWeakness, {"health_services"}, {0, 27}, "too long"}};
  x.deadlines = {{{45, 52}, "P70D", std::nullopt, false, std::nullopt}};
  return x;
}

TEST(ContractJson, FieldsInTheContractsOrder) {
  auto j = nlohmann::ordered_json::parse(ContractLine(Sample(), {"sendscan 0.1.0", "abc"}));
  std::vector<std::string> keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"schema", "source", "url", "sha256", "extractor",
                                            "kind", "title", "published", "local_areas",
                                            "inspectorates", "inspection", "text", "findings",
                                            "deadlines", "quotes"}));
  EXPECT_EQ(j["schema"], "sendscan.extract/1");
  EXPECT_TRUE(j["url"].is_null());
  EXPECT_TRUE(j["inspection"].is_null());
  EXPECT_EQ(j["local_areas"][0]["role"], "subject");
}

TEST(ContractJson, ItemTextIsTheSpanOfTheDocumentText) {
  auto j = nlohmann::json::parse(ContractLine(Sample(), {"v", "d"}));
  EXPECT_EQ(j["findings"][0]["text"], "Waiting times are too long.");
  EXPECT_EQ(j["deadlines"][0]["text"], "70 days");
  EXPECT_EQ(j["deadlines"][0]["duration"], "P70D");
  EXPECT_TRUE(j["deadlines"][0]["due"].is_null());
}

TEST(ContractJson, OneLineAndDeterministic) {
  std::string a = ContractLine(Sample(), {"v", "d"});
  EXPECT_EQ(a, ContractLine(Sample(), {"v", "d"}));
  EXPECT_EQ(a.find('\n'), std::string::npos);
}

TEST(ContractJson, ErrorLineNamesSourceAndReason) {
  auto j = nlohmann::json::parse(ContractErrorLine("x.pdf", "x.pdf: encrypted PDF"));
  EXPECT_EQ(j["schema"], "sendscan.extract/1");
  EXPECT_EQ(j["source"], "x.pdf");
  EXPECT_EQ(j["error"], "x.pdf: encrypted PDF");
}

TEST(ContractJson, InvalidUtf8NeverBreaksTheLine) {
  Extraction x = Sample();
  x.document.title = std::string("bad \xFF byte");
  EXPECT_NO_THROW(nlohmann::json::parse(ContractLine(x, {"v", "d"})));
}

}  // namespace
}  // namespace sendscan
