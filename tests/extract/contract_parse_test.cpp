// Reading contract lines back (ParseContractLine): the round trip of every field and of the
// sample corpus's lines, and the reasons a line is refused.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "sendscan/contract.hpp"
#include "sendscan/extract.hpp"
#include "sendscan/ingest.hpp"
#include "sendscan/normalise.hpp"
#include "test_support.hpp"

namespace sendscan {
namespace {

using Json = nlohmann::ordered_json;

const ExtractorInfo kInfo{"sendscan 0.1.0", std::string(64, 'd')};

// Every field of the contract set, including non-ASCII text and a quote.
Extraction Rich() {
  Extraction x;
  x.document.source = "docs/wandsworth–letter.txt";
  x.document.sha256 = std::string(64, 'a');
  x.document.url = "https://example.org/a";
  x.document.title = "Wandsworth’s SEND services";
  x.document.published = "2020-01-16";
  x.document.kind = Kind::kLetter;
  x.document.inspectorates = {"Ofsted", "CQC"};
  x.document.text =
      "Waiting times are too long.\n\nPlans are due in 70 days.\n\n"
      "“We will act,” said Ana Popovici, director of children’s services.";
  x.local_areas = {{"Wandsworth", "E09000032", AreaRole::kSubject},
                   {"Merton", std::nullopt, AreaRole::kMentioned}};
  x.findings = {{Polarity::kWeakness, {"health_services", "workforce"}, {0, 27}, "too long"},
                {Polarity::kStrength, {}, {29, 54}, "due"}};
  x.deadlines = {{{46, 53}, "P70D", "2020-03-26", true, "a written statement"}};
  const std::size_t q = x.document.text.find("We will");
  x.quotes = {{{q, q + 11},
               "We will act",
               {"Ana Popovici", "director of children’s services", std::nullopt,
                SpeakerCategory::kOfficial}}};
  x.inspection = Inspection{"2019-11", false, "wsoa_required", 3, std::nullopt};
  return x;
}

std::string RichLine() { return ContractLine(Rich(), kInfo); }

// The rich line with one change made to its JSON.
template <typename Change>
std::string Changed(Change change) {
  Json j = Json::parse(RichLine());
  change(j);
  return j.dump();
}

void ExpectFailure(const std::string& line, StatusCode code, const std::string& message_part) {
  Result<ParsedLine> parsed = ParseContractLine(line);
  ASSERT_FALSE(parsed.ok()) << line.substr(0, 200);
  EXPECT_EQ(parsed.status().code(), code) << parsed.status().message();
  EXPECT_NE(parsed.status().message().find(message_part), std::string::npos)
      << parsed.status().message();
}

TEST(ContractParse, RoundTripOfEveryField) {
  const std::string line = RichLine();
  Result<ParsedLine> parsed = ParseContractLine(line);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(ContractLine(parsed->extraction, parsed->extractor), line);
  EXPECT_EQ(parsed->extractor.version, kInfo.version);
  EXPECT_EQ(parsed->extractor.lexicons_digest, kInfo.lexicons_digest);
  const Extraction& x = parsed->extraction;
  EXPECT_EQ(x.document.source, "docs/wandsworth–letter.txt");
  EXPECT_EQ(x.document.kind, Kind::kLetter);
  ASSERT_EQ(x.quotes.size(), 1u);
  EXPECT_EQ(x.quotes[0].speaker.category, SpeakerCategory::kOfficial);
  EXPECT_FALSE(x.quotes[0].speaker.organisation.has_value());
  ASSERT_TRUE(x.inspection.has_value());
  EXPECT_EQ(x.inspection->weakness_areas, 3);
  EXPECT_FALSE(x.inspection->weakness_areas_improved.has_value());
  EXPECT_TRUE(x.deadlines[0].working_days);
  EXPECT_EQ(x.local_areas[1].role, AreaRole::kMentioned);
}

TEST(ContractParse, ParagraphsAreRebuiltFromBlankLines) {
  Result<ParsedLine> parsed = ParseContractLine(RichLine());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const Document& doc = parsed->extraction.document;
  ASSERT_EQ(doc.paragraphs.size(), 3u);
  EXPECT_EQ(doc.Slice(doc.paragraphs[0].span), "Waiting times are too long.");
  EXPECT_EQ(doc.Slice(doc.paragraphs[1].span), "Plans are due in 70 days.");
  EXPECT_EQ(doc.format, Format::kText);  // not in the contract
  EXPECT_TRUE(doc.sentences.empty());
}

TEST(ContractParse, RoundTripOfTheSampleCorpus) {
  const std::string dir = std::string(SENDSCAN_SOURCE_DIR) + "/corpus/docs";
  const ExtractorInfo info{"sendscan 0.1.0", LexiconDigest(testing::SourceLexicons())};
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  ASSERT_FALSE(paths.empty());
  for (const std::string& path : paths) {
    Result<RawDocument> raw = ReadFile(path);
    ASSERT_TRUE(raw.ok()) << raw.status().message();
    Result<Document> doc = Normalise(*raw, testing::SourceLexicons());
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    const std::string line =
        ContractLine(Extract(std::move(doc).value(), testing::SourceLexicons()), info);
    Result<ParsedLine> parsed = ParseContractLine(line);
    ASSERT_TRUE(parsed.ok()) << path << ": " << parsed.status().message();
    EXPECT_EQ(ContractLine(parsed->extraction, parsed->extractor), line) << path;
  }
}

TEST(ContractParse, UnknownFieldsAreIgnored) {
  std::string line = Changed([](Json& j) { j["comment"] = {1, 2}; });
  Result<ParsedLine> parsed = ParseContractLine(line);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(ContractLine(parsed->extraction, parsed->extractor), RichLine());
}

TEST(ContractParse, AnotherSchemaVersionIsInvalidArgument) {
  ExpectFailure(Changed([](Json& j) { j["schema"] = "sendscan.extract/2"; }),
                StatusCode::kInvalidArgument,
                "schema sendscan.extract/2 is not sendscan.extract/1");
}

TEST(ContractParse, AnErrorLineIsInvalidArgumentWithItsReason) {
  ExpectFailure(ContractErrorLine("x.pdf", "x.pdf: encrypted PDF"), StatusCode::kInvalidArgument,
                "an error line: x.pdf: encrypted PDF");
}

TEST(ContractParse, BrokenJsonIsCorruption) {
  ExpectFailure("{\"schema\": \"sendscan.extract/1\", ", StatusCode::kCorruption, "not JSON");
  ExpectFailure(RichLine().substr(0, 100), StatusCode::kCorruption, "not JSON");
  ExpectFailure("", StatusCode::kCorruption, "empty line");
  ExpectFailure("[1, 2]", StatusCode::kCorruption, "not a JSON object");
  ExpectFailure("{\"schema\": \"sendscan.extract/1\", \"title\": \"\xFF\"}",
                StatusCode::kCorruption, "not JSON");
}

TEST(ContractParse, LongSyntaxErrorsAreShortened) {
  std::string line = "{\"schema\": \"" + std::string(100000, 'x') + "\n";
  Result<ParsedLine> parsed = ParseContractLine(line);
  ASSERT_FALSE(parsed.ok());
  EXPECT_LT(parsed.status().message().size(), 400u);
}

TEST(ContractParse, MissingFieldsAreNamed) {
  ExpectFailure(Changed([](Json& j) { j.erase("schema"); }), StatusCode::kCorruption,
                "schema: missing");
  ExpectFailure(Changed([](Json& j) { j.erase("text"); }), StatusCode::kCorruption,
                "text: missing");
  ExpectFailure(Changed([](Json& j) { j.erase("url"); }), StatusCode::kCorruption, "url: missing");
  ExpectFailure(Changed([](Json& j) { j["extractor"].erase("lexicons"); }), StatusCode::kCorruption,
                "extractor.lexicons: missing");
  ExpectFailure(Changed([](Json& j) { j["quotes"][0]["speaker"].erase("category"); }),
                StatusCode::kCorruption, "quotes[0].speaker.category: missing");
}

TEST(ContractParse, IllTypedFieldsAreNamed) {
  ExpectFailure(Changed([](Json& j) { j["title"] = 5; }), StatusCode::kCorruption,
                "title: expected a string or null");
  ExpectFailure(Changed([](Json& j) { j["source"] = nullptr; }), StatusCode::kCorruption,
                "source: expected a string");
  ExpectFailure(Changed([](Json& j) { j["findings"][1]["start"] = -1; }), StatusCode::kCorruption,
                "findings[1].start: expected a non-negative integer");
  ExpectFailure(Changed([](Json& j) { j["findings"][0]["end"] = 27.0; }), StatusCode::kCorruption,
                "findings[0].end: expected a non-negative integer");
  ExpectFailure(Changed([](Json& j) { j["findings"][0]["themes"][1] = 3; }),
                StatusCode::kCorruption, "findings[0].themes[1]: expected a string");
  ExpectFailure(Changed([](Json& j) { j["inspection"]["weakness_areas"] = 2.5; }),
                StatusCode::kCorruption, "inspection.weakness_areas: expected an integer or null");
  ExpectFailure(Changed([](Json& j) { j["inspection"]["weakness_areas"] = 1e12; }),
                StatusCode::kCorruption, "inspection.weakness_areas");
  ExpectFailure(Changed([](Json& j) { j["inspection"]["weakness_areas"] = std::int64_t{1} << 40; }),
                StatusCode::kCorruption, "inspection.weakness_areas: expected an integer in range");
  ExpectFailure(Changed([](Json& j) { j["inspection"]["revisit"] = "no"; }),
                StatusCode::kCorruption, "inspection.revisit: expected true or false");
  ExpectFailure(Changed([](Json& j) { j["inspection"] = "none"; }), StatusCode::kCorruption,
                "inspection: expected an object or null");
  ExpectFailure(Changed([](Json& j) { j["deadlines"] = Json::object(); }), StatusCode::kCorruption,
                "deadlines: expected an array");
  ExpectFailure(Changed([](Json& j) { j["local_areas"][0] = "Wandsworth"; }),
                StatusCode::kCorruption, "local_areas[0]: expected an object");
  ExpectFailure(Changed([](Json& j) { j["inspectorates"] = "Ofsted"; }), StatusCode::kCorruption,
                "inspectorates: expected an array");
}

TEST(ContractParse, ValuesOutsideTheContractsListsAreCorruption) {
  ExpectFailure(Changed([](Json& j) { j["kind"] = "blog"; }), StatusCode::kCorruption,
                "kind: \"blog\" is not one of news, letter, other");
  ExpectFailure(Changed([](Json& j) { j["local_areas"][0]["role"] = "main"; }),
                StatusCode::kCorruption, "local_areas[0].role");
  ExpectFailure(Changed([](Json& j) { j["findings"][0]["polarity"] = "neutral"; }),
                StatusCode::kCorruption, "findings[0].polarity");
  ExpectFailure(Changed([](Json& j) { j["quotes"][0]["speaker"]["category"] = "pundit"; }),
                StatusCode::kCorruption, "quotes[0].speaker.category");
  ExpectFailure(Changed([](Json& j) { j["sha256"] = std::string(64, 'A'); }),
                StatusCode::kCorruption, "sha256: expected 64 lowercase hex digits");
  ExpectFailure(Changed([](Json& j) { j["sha256"] = "abc"; }), StatusCode::kCorruption, "sha256");
}

TEST(ContractParse, SpansMustLieInsideTheText) {
  const std::size_t size = Rich().document.text.size();
  ExpectFailure(Changed([&](Json& j) { j["quotes"][0]["end"] = size + 1; }),
                StatusCode::kCorruption, "quotes[0]: span");
  ExpectFailure(Changed([](Json& j) { j["findings"][0]["start"] = 28; }), StatusCode::kCorruption,
                "findings[0]: span [28, 27) is outside the text");
  ExpectFailure(Changed([&](Json& j) {
                  j["deadlines"][0]["start"] = size;
                  j["deadlines"][0]["end"] = size + 7;
                }),
                StatusCode::kCorruption, "deadlines[0]: span");
  // A span at the very end is fine (empty quote at the end of the text).
  std::string line = Changed([&](Json& j) {
    j["quotes"][0]["start"] = size;
    j["quotes"][0]["end"] = size;
  });
  EXPECT_TRUE(ParseContractLine(line).ok());
}

TEST(ContractParse, ItemTextMustBeItsSpan) {
  ExpectFailure(Changed([](Json& j) { j["findings"][0]["text"] = "Waiting times are short."; }),
                StatusCode::kCorruption, "findings[0].text: differs from the text at its span");
  ExpectFailure(Changed([](Json& j) { j["deadlines"][0]["start"] = 45; }), StatusCode::kCorruption,
                "deadlines[0].text: differs");
}

}  // namespace
}  // namespace sendscan
