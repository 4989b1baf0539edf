#include "ingest/language_cues.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace hexaglot::ingest {
namespace {

TEST(LanguageCuesTest, KeyTopicsLabelsOfEveryLanguage) {
  std::string list;
  for (const char* label : {"Key topics", "KEY TOPICS", "Thèmes clefs", "Temas clave",
                            "Ключевые темы", "المواضيع الرئيسية", "关键主题"}) {
    EXPECT_TRUE(MatchKeyTopicsLabel(label, {}, &list)) << label;
    EXPECT_TRUE(list.empty());
  }
  EXPECT_FALSE(MatchKeyTopicsLabel("Key topics of the paper", {}, &list));
  EXPECT_FALSE(MatchKeyTopicsLabel("", {}, &list));
  EXPECT_TRUE(MatchKeyTopicsLabel("Subjects", {"subjects"}, &list));
}

TEST(LanguageCuesTest, KeyTopicsListOnTheLabelsLine) {
  std::string list;
  ASSERT_TRUE(MatchKeyTopicsLabel("Key topics: routes; fees", {}, &list));
  EXPECT_EQ(list, "routes; fees");
  ASSERT_TRUE(MatchKeyTopicsLabel("关键主题：路线；费用", {}, &list));
  EXPECT_EQ(list, "路线；费用");
}

TEST(LanguageCuesTest, SectionNumbersOfEveryScript) {
  for (const char* heading : {"I. Introduction", "II. Compendium", "XIV - Annex", "III.",
                              "一. 导言", "二、背景文件汇编", "أولا - مقدمة", "ثانياً - الخلاصة"}) {
    EXPECT_TRUE(IsSectionHeading(heading)) << heading;
  }
  for (const char* heading : {"Impact of crises", "Civil - society", "IIII. Not roman",
                              "I am a theme", "Prevention", "导言", "مقدمة", ""}) {
    EXPECT_FALSE(IsSectionHeading(heading)) << heading;
  }
}

TEST(LanguageCuesTest, SplitsTopicsAtSemicolonsOfEveryScript) {
  EXPECT_EQ(SplitTopics("Routes; border control;  fees."),
            (std::vector<std::string>{"Routes", "border control", "fees"}));
  EXPECT_EQ(SplitTopics("路线；边境管制。"), (std::vector<std::string>{"路线", "边境管制"}));
  EXPECT_EQ(SplitTopics("الطرق؛ التعاون."), (std::vector<std::string>{"الطرق", "التعاون"}));
  EXPECT_TRUE(SplitTopics(" ; . ").empty());
}

TEST(LanguageCuesTest, MeetingCuesGiveYearAndOrdinal) {
  struct Case {
    const char* lead;
    int year;
    std::optional<int> meeting;
  };
  const Case cases[] = {
      {"In 2018, for the fifth meeting of the Working Group, the Secretariat drafted a paper (",
       2018, 5},
      {"Also in 2013, for the second meeting of the Working Group", 2013, 2},
      {"En 2016, pour la troisième réunion du Groupe de travail", 2016, 3},
      {"En 2020, para la séptima reunión del Grupo de Trabajo", 2020, 7},
      {"В 2019 году для шестого совещания Рабочей группы", 2019, 6},
      {"Также в 2012 году на первом совещании", 2012, 1},
      {"في عام ٢٠١٧، وفي إطار الاجتماع الرابع للفريق العامل", 2017, 4},
      {"2015年，秘书处为工作组第三次会议编写了", 2015, 3},
      {"In 2021, for the 8th meeting", 2021, 8},
      {"In 2021, for a meeting", 2021, std::nullopt},
  };
  for (const Case& c : cases) {
    const std::optional<MeetingCue> cue = FindMeetingCue(c.lead);
    ASSERT_TRUE(cue.has_value()) << c.lead;
    EXPECT_EQ(cue->year, c.year) << c.lead;
    EXPECT_EQ(cue->meeting, c.meeting) << c.lead;
  }
}

TEST(LanguageCuesTest, NoCueWithoutYearOrMeeting) {
  EXPECT_FALSE(FindMeetingCue("The paper examines the fifth meeting's outcome").has_value());
  EXPECT_FALSE(FindMeetingCue("In 2018, the Secretariat drafted a paper").has_value());
  EXPECT_FALSE(FindMeetingCue("A fifth meeting took place in 1850").has_value());
  std::string late(80, 'x');
  EXPECT_FALSE(FindMeetingCue(late + " in 2018, for the fifth meeting").has_value());
}

}  // namespace
}  // namespace hexaglot::ingest
