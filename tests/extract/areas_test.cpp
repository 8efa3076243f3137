#include <gtest/gtest.h>

#include "sendscan/extract.hpp"
#include "test_support.hpp"

namespace sendscan {
namespace {

using testing::SourceLexicons;

// "Name/s" for the subject, "Name/m" for a mention, in output order.
std::vector<std::string> Areas(const std::string& text,
                               std::optional<std::string> published = std::nullopt) {
  Document doc = testing::NormaliseBytes(text);
  if (published) doc.published = published;
  std::vector<std::string> out;
  for (const LocalArea& a : ExtractLocalAreas(doc, SourceLexicons())) {
    out.push_back(a.name + (a.role == AreaRole::kSubject ? "/s" : "/m"));
  }
  return out;
}

TEST(Areas, TheMostNamedCouncilIsTheSubjectOthersAreMentioned) {
  EXPECT_EQ(Areas("Inspectors criticised Wandsworth Council. Wandsworth must improve, unlike "
                  "neighbouring Merton Council."),
            (std::vector<std::string>{"Wandsworth/s", "Merton/m"}));
}

TEST(Areas, ShortCommonNameAndGssCode) {
  Document doc = testing::NormaliseBytes("South Gloucestershire Council was told to improve.");
  std::vector<LocalArea> areas = ExtractLocalAreas(doc, SourceLexicons());
  ASSERT_EQ(areas.size(), 1u);
  EXPECT_EQ(areas[0].name, "South Gloucestershire");
  EXPECT_EQ(areas[0].gss, "E06000025");
}

TEST(Areas, ADistrictCountsTowardItsCounty) {
  EXPECT_EQ(Areas("SEND provision in the Maldon area faces a tight timescale."),
            (std::vector<std::string>{"Essex/s"}));
}

TEST(Areas, AnAbolishedDistrictGoesToItsSuccessorAfterItsEnd) {
  EXPECT_EQ(Areas("Parents in Northampton spoke out.", "2024-05-01"),
            (std::vector<std::string>{"West Northamptonshire/s"}));
  EXPECT_EQ(Areas("Parents in Northampton spoke out.", "2018-05-01"),
            (std::vector<std::string>{"Northamptonshire/s"}));
}

TEST(Areas, ACommonWordNeedsACouncilCue) {
  EXPECT_TRUE(Areas("They wanted to bury the report. Reading it was hard.").empty());
  EXPECT_EQ(Areas("Bury Council was praised. Families in Bury agreed."),
            (std::vector<std::string>{"Bury/s"}));
}

TEST(Areas, StreetsAndPlacesNamedAfterAnAreaAreNotTheArea) {
  EXPECT_EQ(Areas("Ofsted, Cumberland Place. Kent County Council must act. Families in "
                  "Sutton Coldfield waited."),
            (std::vector<std::string>{"Kent/s"}));
}

TEST(Areas, AbbreviationCountsOnlyWithTheFullName) {
  EXPECT_TRUE(Areas("ECC said it would respond.").empty());
  EXPECT_EQ(Areas("Essex County Council (ECC) said ECC would respond."),
            (std::vector<std::string>{"Essex/s"}));
}

TEST(Areas, NhsPartnerNamesCountLessThanTheCouncil) {
  EXPECT_EQ(Areas("Torbay Council and NHS Devon Clinical Commissioning Group must improve."),
            (std::vector<std::string>{"Torbay/s", "Devon/m"}));
  EXPECT_EQ(Areas("A designated clinical officer (NHS Shropshire, Telford & Wrekin) spoke."),
            (std::vector<std::string>{"Shropshire/s", "Telford and Wrekin/m"}));
}

TEST(Areas, LowercaseWordsAreNotPlaceNames) {
  EXPECT_TRUE(Areas("the kent of the matter").empty());
}

TEST(Areas, WhenTheTextNamesNoAreaTheAddressMay) {
  Document doc = testing::NormaliseBytes("The council's cabinet noted the written statement.");
  doc.url = "https://democracy.slough.gov.uk/ieDecisionDetails.aspx?AIId=1";
  std::vector<LocalArea> areas = ExtractLocalAreas(doc, SourceLexicons());
  ASSERT_EQ(areas.size(), 1u);
  EXPECT_EQ(areas[0].name, "Slough");
  doc.url = "https://northyorkshireparentcarers.org/news";
  EXPECT_EQ(ExtractLocalAreas(doc, SourceLexicons()).at(0).name, "North Yorkshire");
  doc.url = "https://www.example.org/reading-list";
  EXPECT_TRUE(ExtractLocalAreas(doc, SourceLexicons()).empty());
}

TEST(Areas, GazetteerListsUpperTierAreasWithTheirHistory) {
  std::vector<AreaRecord> areas = AreaGazetteer(SourceLexicons());
  auto find = [&](const std::string& name) {
    return std::find_if(areas.begin(), areas.end(), [&](auto& a) { return a.name == name; });
  };
  ASSERT_NE(find("Northamptonshire"), areas.end());
  EXPECT_EQ(find("Northamptonshire")->end_date, "2021-03-31");
  EXPECT_EQ(find("Northamptonshire")->successors,
            (std::vector<std::string>{"North Northamptonshire", "West Northamptonshire"}));
  EXPECT_EQ(find("Maldon"), areas.end());  // a district
  EXPECT_EQ(find("Wandsworth")->region, "London");
}

TEST(Areas, NoAreaNamedGivesNoAreas) {
  EXPECT_TRUE(Areas("The local area is required to produce a written statement of action.")
                  .empty());
}

}  // namespace
}  // namespace sendscan
