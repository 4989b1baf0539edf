// What the UN document parser recognises in each of the six languages: the heading
// block's lines, the line that opens the text, the closing meeting line, the annex
// heading, and the words around numbers that tell a footnote marker from a number of the
// text. Internal to lib/ingest.
//
// The wording is that of the six language versions of General Assembly resolutions.
// REQUIRES (all functions): valid UTF-8, cleaned by CleanInline, digits folded to ASCII
// by FoldDigits.

#ifndef HEXAGLOT_INGEST_UN_CUES_H_
#define HEXAGLOT_INGEST_UN_CUES_H_

#include <string>
#include <string_view>

namespace hexaglot::ingest {

// `text` with Arabic-Indic, Eastern Arabic-Indic and full-width digits made ASCII, so that
// "١٤ -" and "１４．" number a paragraph as "14." does.
std::string FoldDigits(std::string_view text);

// "United Nations", "Nations Unies", "Naciones Unidas", "Организация Объединенных Наций",
// "الأمم المتحدة", "联合国" at the start of a line.
bool StartsWithUnitedNations(std::string_view line);

// A heading line that names the General Assembly in any of the six languages.
bool NamesGeneralAssembly(std::string_view line);

// A heading line that carries the document's date: "Distr.: General 12 November 2025",
// "Distr. générale ...", or the adoption line ("Resolution adopted by ...", "Résolution
// adoptée ...", "Resolución aprobada ...", "Резолюция, принятая ...", "قرار اتخذته ...",
// "...大会决议").
bool IsDateLine(std::string_view line);

// The line that ends the heading block and opens the text: "The General Assembly,",
// "L’Assemblée générale,", "La Asamblea General,", "Генеральная Ассамблея,",
// "إن الجمعية العامة،", "大会，" (and the Security Council, the Economic and Social Council
// and the Human Rights Council). Other languages than English need the comma: without it
// the line is the heading's organ name.
bool IsOpeningLine(std::string_view line);

// The closing meeting line: "35th plenary meeting", "35e séance plénière", "35ª sesión
// plenaria", "35-е пленарное заседание", "الجلسة العامة 35", "第35次全体会议", each
// possibly followed by the date.
bool IsMeetingLine(std::string_view line);

// "Annex", "Annexe", "Anexo", "Приложение", "المرفق", "附件", alone or before the annex's
// number or title.
bool IsAnnexHeading(std::string_view line);

// A page footer or header that a conversion leaves between two blocks: the job number
// ("25-18560", "V.21-05340"), maybe with the page ("3/7") and the language mark ("(E)").
bool IsPageFooter(std::string_view line);

// A word after which a number is a reference, not a footnote marker: "article 19",
// "paragraph 3", "resolution 58" ("статья", "párrafo", "المادة", ...); any case.
bool NumberFollowsNoun(std::string_view word);

// A word that follows a footnote marker set after a word in lower case ("the agenda 5 and
// the timetable"): a conjunction or relative pronoun, in any of the six languages.
bool FollowsMarker(std::string_view word);

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_INGEST_UN_CUES_H_
