#include "normalise/metadata.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sendscan {
namespace {

using testing::NormaliseBytes;

TEST(Metadata, InspectorateLetterIsALetter) {
  Document d = NormaliseBytes(
      "Ofsted\nPiccadilly Gate\nManchester\n\n3 December 2019\n\nDear Mr Crocker\n\n"
      "Joint local area SEND inspection in Northshire\n\nThis letter outlines our findings from "
      "the inspection.\n\nMain findings\n\nLeaders are ambitious.\n\nYours sincerely\n\nA. Smith");
  EXPECT_EQ(d.kind, Kind::kLetter);
  EXPECT_EQ(d.published, "2019-12-03");
}

TEST(Metadata, MinutesAndDecisionRecordsAreOther) {
  EXPECT_EQ(NormaliseBytes("Agenda item\nSEND inspection update\n\nMinutes:\n\nMembers noted the "
                           "report.\n\nRESOLVED: that the report be noted.")
                .kind,
            Kind::kOther);
  EXPECT_EQ(NormaliseBytes("Decision details\n\nDecision Maker: Cabinet\n\nDecision status: "
                           "Approved\n\nPurpose:\n\nTo note the SEND action plan.")
                .kind,
            Kind::kOther);
}

TEST(Metadata, NewsStoryQuotingALetterIsStillNews) {
  Document d = NormaliseBytes(
      "Council told to improve SEND services\n\nInspectors found significant weaknesses, "
      "according to a letter sent to council chiefs.\n\nThe council leader said: \"We accept "
      "the findings.\"\n\nThe letter said the main findings were worrying.");
  EXPECT_EQ(d.kind, Kind::kNews);
}

TEST(Metadata, DatelineNearTheTopIsThePublicationDate) {
  EXPECT_EQ(NormaliseBytes("Headline here\n\nPublished Wednesday, 16th May 2018\n\nBody text "
                           "about the inspection in 2017.")
                .published,
            "2018-05-16");
  EXPECT_EQ(NormaliseBytes("William Eichler 06 April 2016\n\nA council's services...").published,
            "2016-04-06");
}

TEST(Metadata, AnUpdateDateGivesWayToThePublicationDate) {
  EXPECT_EQ(NormaliseBytes("Headline here\n\nLast updated 17 May 2018\n\nPublished 16 May 2018\n\n"
                           "Body text about the inspection.")
                .published,
            "2018-05-16");
  EXPECT_EQ(NormaliseBytes("Headline here\n\nLast updated 17 May 2018\n\nBody text.").published,
            "2018-05-17");
}

TEST(Metadata, DateInsideASentenceIsNotAPublicationDate) {
  EXPECT_EQ(NormaliseBytes("The inspection took place between 2 October 2017 and 6 October "
                           "2017 and evaluated how effectively services worked.")
                .published,
            std::nullopt);
}

TEST(Metadata, CrawlPrefixDateIsUsed) {
  EXPECT_EQ(NormaliseBytes(" date 2020-01-16 A new report was published.").published,
            "2020-01-16");
}

TEST(Metadata, InspectoratesInFirstSeenOrderIncludingMisspellings) {
  EXPECT_EQ(NormaliseBytes("A joint inspection by the Cre Quality Commission and Ofstead.")
                .inspectorates,
            (std::vector<std::string>{"CQC", "Ofsted"}));
}

TEST(Metadata, TitleIsTheShortFirstLine) {
  EXPECT_EQ(NormaliseBytes("Children with SEND let down, report says\n\nURGENT action is "
                           "needed.")
                .title,
            "Children with SEND let down, report says");
  EXPECT_EQ(NormaliseBytes("One paragraph only.").title, std::nullopt);
}

}  // namespace
}  // namespace sendscan
