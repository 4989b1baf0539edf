// The inverter's field mapping, positions, lengths and buffered deletes, read back through
// the segment it writes.

#include "index/inverter.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "analysis/memo_analyzer.h"
#include "format/fields.h"
#include "format/segment.h"
#include "index/record_codec.h"
#include "index_test_util.h"

namespace hexaglot::index {
namespace {

using format::FieldId;
using format::TermKey;

using PostingList = std::vector<std::pair<DocId, std::vector<std::uint32_t>>>;

class InverterTest : public ::testing::Test {
 protected:
  // Adds `paragraphs`, flushes segment "seg-0" and opens it.
  void Invert(const std::vector<Paragraph>& paragraphs) {
    Inverter inverter(directory_.get(), AnalyzerOptions{}, format::SegmentWriterOptions{});
    for (const Paragraph& p : paragraphs) {
      ASSERT_TRUE(ValidateParagraph(p).ok());
      ASSERT_TRUE(inverter.Add(p, [] { return std::string("seg-0"); }).ok());
    }
    EXPECT_GT(inverter.accounted_bytes(), 0u);
    deleted_ = inverter.DeleteTerm(TermKey(FieldId::kId, std::nullopt, paragraphs.back().id));
    Result<FlushedSegment> flushed = inverter.Flush();
    ASSERT_TRUE(flushed.ok()) << flushed.status().ToString();
    EXPECT_FALSE(inverter.has_segment());
    EXPECT_EQ(inverter.accounted_bytes(), 0u);
    deletions_ = flushed->deletions;
    EXPECT_EQ(flushed->info.doc_count, paragraphs.size());
    auto reader = format::SegmentReader::Open(directory_.get(), "seg-0");
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    reader_ = std::move(*reader);
  }

  // (doc, positions) of every posting of `key`; empty when the term is absent.
  PostingList Postings(const std::string& key) {
    PostingList out;
    auto info = reader_->FindTerm(key);
    EXPECT_TRUE(info.ok());
    if (!info.ok() || !info->has_value()) return out;
    const auto decoded = format::DecodeTermKey(key);
    const bool positions = FieldHasPositions(decoded->field);
    auto cursor = reader_->OpenCursor(**info, positions);
    EXPECT_TRUE(cursor.ok());
    for (DocId doc = (*cursor)->doc(); doc != kEndDoc; doc = (*cursor)->Next()) {
      std::vector<std::uint32_t> p;
      if (positions) {
        EXPECT_TRUE((*cursor)->Positions(&p).ok());
      }
      EXPECT_EQ((*cursor)->freq(), positions ? p.size() : 1u);
      out.emplace_back(doc, std::move(p));
    }
    return out;
  }

  std::shared_ptr<Directory> directory_ = NewMemoryDirectory();
  std::unique_ptr<format::SegmentReader> reader_;
  DeletionBitset deletions_;
  DocId deleted_ = 0;
};

TEST_F(InverterTest, MapsEveryFieldOntoItsTerms) {
  Paragraph en = testing::MakeParagraph(
      "DOC/A", Language::kEnglish, 7, "The boats reached the coast.", "Maritime Rescue",
      {"Search at sea", "Coast guards"}, {"A/RES/70/1", "CTOC/COP/WG.7/2019/2"}, 2019);
  Paragraph fr = testing::MakeParagraph("DOC/A", Language::kFrench, 7, "Les bateaux.");
  Invert({en, fr});
  const auto en_lang = Language::kEnglish;
  // Body text: stemmed, stop words indexed by default ("the" at 0 and 3).
  EXPECT_EQ(Postings(TermKey(FieldId::kText, en_lang, "boat")), (PostingList{{0, {1}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kText, en_lang, "coast")), (PostingList{{0, {4}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kText, en_lang, "the")), (PostingList{{0, {0, 3}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kText, Language::kFrench, "bateau")),
            (PostingList{{1, {1}}}));
  // Theme: analysed and exact (case-folded whole string), keyed by language.
  EXPECT_EQ(Postings(TermKey(FieldId::kTheme, en_lang, "rescu")), (PostingList{{0, {1}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kThemeExact, en_lang, "maritime rescue")),
            (PostingList{{0, {}}}));
  // Topics: item positions follow each other with a gap of one.
  // "Search at sea" -> search 0, sea 2; "Coast guards" -> coast 4, guard 5.
  EXPECT_EQ(Postings(TermKey(FieldId::kTopic, en_lang, "search")), (PostingList{{0, {0}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kTopic, en_lang, "coast")), (PostingList{{0, {4}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kTopic, en_lang, "guard")), (PostingList{{0, {5}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kTopicExact, en_lang, "coast guards")),
            (PostingList{{0, {}}}));
  // Exact language-neutral fields.
  EXPECT_EQ(Postings(TermKey(FieldId::kSymbol, std::nullopt, "A/RES/70/1")),
            (PostingList{{0, {}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kPaper, std::nullopt, "TEST/PAPER/2019")),
            (PostingList{{0, {}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kDoc, std::nullopt, "DOC/A")),
            (PostingList{{0, {}}, {1, {}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kLang, std::nullopt, "fr")), (PostingList{{1, {}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kYear, std::nullopt, "2019")), (PostingList{{0, {}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kId, std::nullopt, "DOC/A/fr/7")), (PostingList{{1, {}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kParallel, std::nullopt, "DOC/A/7")),
            (PostingList{{0, {}}, {1, {}}}));

  // Lengths: text 5 positions ("the boats reached the coast"), theme 2, topics 3 + 2.
  EXPECT_EQ(reader_->length(0, 0), 5u);
  EXPECT_EQ(reader_->length(1, 0), 2u);
  EXPECT_EQ(reader_->length(2, 0), 5u);
  EXPECT_EQ(reader_->length(1, 1), 0u);
  EXPECT_EQ(reader_->language(1), Language::kFrench);
  EXPECT_EQ(reader_->stats().doc_count[static_cast<std::size_t>(Language::kEnglish)], 1u);

  // Stored records are the paragraphs.
  EXPECT_EQ(*DecodeRecord(*reader_->Stored(0), "t"), en);
  EXPECT_EQ(*DecodeRecord(*reader_->Stored(1), "t"), fr);
  // The buffered delete of the last paragraph became the segment's deletions.
  EXPECT_EQ(deleted_, 1u);
  EXPECT_EQ(deletions_.deleted_count(), 1u);
  EXPECT_TRUE(deletions_.IsDeleted(1));
  EXPECT_TRUE(reader_->Check().ok()) << reader_->Check().ToString();
}

// Term ids are kept per analyzer memo entry: they must follow the memo when it starts
// over (more distinct words than it holds) and the term table when a flush empties it.
TEST_F(InverterTest, TermIdsFollowTheMemoStartingOver) {
  std::string many;
  for (std::size_t n = 0; n < analysis::MemoAnalyzer::kMaxMemoEntries + 10; ++n) {
    many += "w" + std::to_string(n) + " ";
  }
  Invert({testing::MakeParagraph("D", Language::kEnglish, 1, "migrants cross borders"),
          testing::MakeParagraph("D", Language::kEnglish, 2, many),
          testing::MakeParagraph("D", Language::kEnglish, 3, "borders stop migrants")});
  EXPECT_EQ(Postings(TermKey(FieldId::kText, Language::kEnglish, "migrant")),
            (PostingList{{0, {0}}, {2, {2}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kText, Language::kEnglish, "border")),
            (PostingList{{0, {2}}, {2, {0}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kText, Language::kEnglish, "stop")), (PostingList{{2, {1}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kText, Language::kEnglish, "w0")), (PostingList{{1, {0}}}));
}

TEST_F(InverterTest, TermIdsStartOverAtEachFlush) {
  Inverter inverter(directory_.get(), AnalyzerOptions{}, format::SegmentWriterOptions{});
  const auto add_and_flush = [&](const Paragraph& p, const std::string& segment) {
    ASSERT_TRUE(inverter.Add(p, [&] { return segment; }).ok());
    ASSERT_TRUE(inverter.Flush().ok());
  };
  add_and_flush(testing::MakeParagraph("D", Language::kEnglish, 1, "migrants cross borders"),
                "seg-0");
  add_and_flush(testing::MakeParagraph("D", Language::kEnglish, 2, "borders and boats"), "seg-1");
  auto reader = format::SegmentReader::Open(directory_.get(), "seg-1");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  reader_ = std::move(*reader);
  EXPECT_EQ(Postings(TermKey(FieldId::kText, Language::kEnglish, "border")),
            (PostingList{{0, {0}}}));
  EXPECT_EQ(Postings(TermKey(FieldId::kText, Language::kEnglish, "boat")), (PostingList{{0, {2}}}));
  EXPECT_TRUE(Postings(TermKey(FieldId::kText, Language::kEnglish, "migrant")).empty());
}

TEST_F(InverterTest, RepeatedTermsGatherTheirPositions) {
  Invert({testing::MakeParagraph("D", Language::kEnglish, 1, "migrants help migrants and migrants"),
          testing::MakeParagraph("D", Language::kEnglish, 2, "no match here")});
  EXPECT_EQ(Postings(TermKey(FieldId::kText, Language::kEnglish, "migrant")),
            (PostingList{{0, {0, 2, 4}}}));
}

TEST(ExactTermTest, NormalisesWhatFiltersCompare) {
  EXPECT_EQ(*ExactTerm(FieldId::kThemeExact, "Smuggling OF Migrants"), "smuggling of migrants");
  EXPECT_EQ(*ExactTerm(FieldId::kLang, "ES"), "es");
  EXPECT_TRUE(ExactTerm(FieldId::kLang, "xx").status().IsInvalidArgument());
  EXPECT_EQ(*ExactTerm(FieldId::kSymbol, "A/RES/70/1"), "A/RES/70/1");
  EXPECT_TRUE(ExactTerm(FieldId::kDoc, "bad\xc3").status().IsInvalidArgument());
}

// Several MiB of text: several of the inverter's 1 MiB analysis windows.
std::string HugeEnglishText() {
  std::string text;
  for (std::uint32_t i = 0; text.size() < (std::size_t{3} << 20) + 12345; ++i) {
    std::string word = "w";
    for (std::uint32_t n = i * 7919 % 997; n > 0; n /= 26) word += static_cast<char>('a' + n % 26);
    text += word + (i % 3 == 0 ? " the " : i % 5 == 0 ? " of the\n" : " ");
  }
  return text;
}

// Han runs of one to 600,000 characters (a run longer than a window), cut by U+3002 and
// spaces.
std::string HugeChineseText() {
  std::string text;
  std::uint32_t i = 0;
  for (const std::size_t run : {600000, 1, 2, 70000, 3, 200000, 5}) {
    for (std::size_t c = 0; c < run; ++c, ++i) {
      const char32_t cp = 0x4E00 + (i * 31 + i / 53) % 211;
      text += static_cast<char>(0xE0 | (cp >> 12));
      text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      text += static_cast<char>(0x80 | (cp & 0x3F));
    }
    text += i % 2 == 0 ? "\xE3\x80\x82" : " ab ";
  }
  return text;
}

// A paragraph analysed in windows indexes as its whole-text analysis: every term at the
// positions the analyzer gives the whole text, and the same length.
TEST_F(InverterTest, HugeParagraphsIndexAsTheirWholeTextAnalysis) {
  const std::vector<Paragraph> paragraphs = {
      testing::MakeParagraph("DOC/BIG", Language::kEnglish, 1, HugeEnglishText()),
      testing::MakeParagraph("DOC/BIG", Language::kChinese, 1, HugeChineseText())};
  ASSERT_NO_FATAL_FAILURE(Invert(paragraphs));
  for (DocId doc = 0; doc < paragraphs.size(); ++doc) {
    const Paragraph& p = paragraphs[doc];
    auto analyzer = analysis::CreateMemoAnalyzer(p.lang, AnalyzerOptions{});
    ASSERT_TRUE(analyzer.ok());
    auto tokens = (*analyzer)->Analyze(p.text);
    ASSERT_TRUE(tokens.ok());
    std::map<std::string, std::vector<std::uint32_t>> expected;
    for (const Token& token : *tokens) expected[token.term].push_back(token.position);
    ASSERT_GT(expected.size(), 100u);
    for (const auto& [term, positions] : expected) {
      ASSERT_EQ(Postings(TermKey(FieldId::kText, p.lang, term)), (PostingList{{doc, positions}}))
          << "doc " << doc << ", term " << term;
    }
    // (field, doc): every position, stop words after the last token included.
    EXPECT_EQ(reader_->length(0, doc), (*analyzer)->positions_used());
  }
}

// A huge paragraph between small ones: its occurrences spill into open postings, which
// close with the right document and frequency next to the small ones' postings of the same
// terms; its record is stored from its text where it is and reads back whole.
TEST_F(InverterTest, HugeParagraphSpillsBetweenSmallOnes) {
  const std::string huge = HugeEnglishText();
  const std::vector<Paragraph> paragraphs = {
      testing::MakeParagraph("DOC/A", Language::kEnglish, 1, huge.substr(0, 200)),
      testing::MakeParagraph("DOC/BIG", Language::kEnglish, 1, huge),
      testing::MakeParagraph("DOC/C", Language::kEnglish, 1, huge.substr(1000, 300))};
  ASSERT_NO_FATAL_FAILURE(Invert(paragraphs));
  auto analyzer = Analyzer::Create(Language::kEnglish, AnalyzerOptions{});
  ASSERT_TRUE(analyzer.ok());
  std::map<std::string, PostingList> expected;
  for (DocId doc = 0; doc < paragraphs.size(); ++doc) {
    auto tokens = (*analyzer)->Analyze(paragraphs[doc].text);
    ASSERT_TRUE(tokens.ok());
    for (const Token& token : *tokens) {
      PostingList& list = expected[token.term];
      if (list.empty() || list.back().first != doc)
        list.emplace_back(doc, std::vector<std::uint32_t>{});
      list.back().second.push_back(token.position);
    }
  }
  for (const auto& [term, list] : expected) {
    ASSERT_EQ(Postings(TermKey(FieldId::kText, Language::kEnglish, term)), list) << term;
  }
  for (DocId doc = 0; doc < paragraphs.size(); ++doc) {
    Result<std::string> stored = reader_->Stored(doc);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    std::string encoded;
    EncodeRecord(paragraphs[doc], &encoded);
    EXPECT_EQ(*stored, encoded) << doc;
    Result<Paragraph> decoded = DecodeRecord(*stored, "test");
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->text, paragraphs[doc].text);
  }
}

}  // namespace
}  // namespace hexaglot::index
