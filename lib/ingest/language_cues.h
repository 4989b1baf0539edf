// What the compendium parser recognises in each of the six languages: "Key topics"
// labels, section numbers ("I.", "一、", "أولا -") and the opening of a background paper's
// summary ("In 2018, for the fifth meeting ..."). Internal to lib/ingest.
//
// The tables hold the wording of the six language versions of UN compendia; labels of
// other editions are added through ParseOptions::key_topics_labels. Matching is on
// MatchKey forms, so case, Arabic diacritics and digit scripts do not matter.

#ifndef HEXAGLOT_INGEST_LANGUAGE_CUES_H_
#define HEXAGLOT_INGEST_LANGUAGE_CUES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hexaglot::ingest {

// True when `heading` (cleaned heading or line text) is a "Key topics" label in any of
// the six languages or one of `extra_labels`. A list written after a colon on the same
// line ("Key topics: a; b") is stored in *inline_list (empty when none).
bool MatchKeyTopicsLabel(std::string_view heading, const std::vector<std::string>& extra_labels,
                         std::string* inline_list);

// True when `heading` opens with a section number: a Roman numeral I-XXX ("II.",
// "IV -"), a Chinese numeral ("二、", "三．") or an Arabic ordinal adverb ("ثانيا -").
bool IsSectionHeading(std::string_view heading);

// Splits a "Key topics" list at its semicolons (";", "；", "؛") into trimmed items
// without a final full stop.
std::vector<std::string> SplitTopics(std::string_view list);

struct MeetingCue {
  int year = 0;
  std::optional<int> meeting;  // nullopt when no ordinal was recognised.
};

// Recognises the opening of a background paper's summary in `lead`, the text of a
// paragraph before its first cited symbol: a year (1945-2100) within its first 64
// characters and a meeting word ("meeting", "réunion", "reunión", "совещание",
// "اجتماع", "会议"); the meeting's ordinal ("fifth", "cinquième", "quinta", "пятом",
// "الخامس", "第五次", "5th") becomes `meeting`. nullopt when year or meeting word is absent.
std::optional<MeetingCue> FindMeetingCue(std::string_view lead);

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_INGEST_LANGUAGE_CUES_H_
