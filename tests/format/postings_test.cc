#include "format/postings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace hexaglot::format {
namespace {

// True when some pair of `frontier` has tf >= p.tf and length <= p.length.
bool Bounded(const std::vector<TfLength>& frontier, const TfLength& p) {
  return std::any_of(frontier.begin(), frontier.end(),
                     [&](const TfLength& q) { return q.tf >= p.tf && q.length <= p.length; });
}

TEST(ParetoFrontierTest, UncappedIsExactlyTheParetoSet) {
  std::mt19937 rng(1);
  for (int round = 0; round < 200; ++round) {
    // Small tfs (as most blocks have), then ones above 63, which ParetoFrontier sorts.
    const std::uint32_t tfs = round % 2 == 0 ? 20 : 200;
    std::vector<TfLength> pairs(1 + rng() % 300);
    for (TfLength& p : pairs) {
      p = {static_cast<std::uint32_t>(rng() % tfs), static_cast<std::uint32_t>(rng() % 50)};
    }
    const std::vector<TfLength> frontier = ParetoFrontier(pairs, pairs.size());
    // Brute force: the pairs no other pair dominates, deduplicated, by increasing tf.
    std::vector<TfLength> expected;
    for (const TfLength& p : pairs) {
      const bool dominated = std::any_of(pairs.begin(), pairs.end(), [&](const TfLength& q) {
        return q.tf >= p.tf && q.length <= p.length && !(q == p);
      });
      if (!dominated && std::find(expected.begin(), expected.end(), p) == expected.end()) {
        expected.push_back(p);
      }
    }
    std::sort(expected.begin(), expected.end(),
              [](const TfLength& a, const TfLength& b) { return a.tf < b.tf; });
    ASSERT_EQ(frontier, expected);
  }
}

TEST(ParetoFrontierTest, CappedFrontierStillBoundsEveryPair) {
  std::mt19937 rng(2);
  for (std::size_t cap : {1, 2, 4, 8}) {
    for (int round = 0; round < 200; ++round) {
      std::vector<TfLength> pairs(1 + rng() % 200);
      for (TfLength& p : pairs) {
        p = {static_cast<std::uint32_t>(1 + rng() % 1000),
             static_cast<std::uint32_t>(rng() % 100000)};
      }
      const std::vector<TfLength> frontier = ParetoFrontier(pairs, cap);
      ASSERT_LE(frontier.size(), cap);
      ASSERT_FALSE(frontier.empty());
      for (std::size_t i = 1; i < frontier.size(); ++i) {
        ASSERT_GT(frontier[i].tf, frontier[i - 1].tf);
        ASSERT_GT(frontier[i].length, frontier[i - 1].length);
      }
      for (const TfLength& p : pairs) ASSERT_TRUE(Bounded(frontier, p));
      // Capping never invents a bound above the best tf or below the shortest length.
      const auto max_tf = std::max_element(pairs.begin(), pairs.end(), [](auto& a, auto& b) {
                            return a.tf < b.tf;
                          })->tf;
      const auto min_length = std::min_element(pairs.begin(), pairs.end(), [](auto& a, auto& b) {
                                return a.length < b.length;
                              })->length;
      ASSERT_EQ(frontier.back().tf, max_tf);
      ASSERT_EQ(frontier.front().length, min_length);
    }
  }
}

struct ListCase {
  const char* name;
  std::uint32_t size;
  bool worst;         // Largest gaps, frequencies and lengths.
  bool unit = false;  // Every frequency 1: a unit list, which stores none.
};

class PostingListTest : public ::testing::TestWithParam<ListCase> {};

// Encodes a list directly (no segment) and reads it back through the cursor.
TEST_P(PostingListTest, RoundTrips) {
  const ListCase& c = GetParam();
  std::mt19937 rng(c.size * 31 + c.worst + 2 * c.unit);
  const std::uint32_t max_u32 = std::numeric_limits<std::uint32_t>::max();
  // Doc ids: worst case spreads them over the whole id space (32-bit gaps).
  std::vector<DocId> docs;
  std::vector<std::uint32_t> freqs;
  std::vector<std::uint32_t> lengths;
  DocId doc_count = 0;
  if (c.worst) {
    const std::uint64_t step = (std::uint64_t{max_u32} - 1) / std::max<std::uint32_t>(c.size, 1);
    for (std::uint32_t i = 0; i < c.size; ++i) docs.push_back(static_cast<DocId>(i * step));
    doc_count = max_u32 - 1;
  } else {
    DocId d = rng() % 3;
    for (std::uint32_t i = 0; i < c.size; ++i, d += 1 + rng() % 40) docs.push_back(d);
    doc_count = d + 1;
  }
  for (std::uint32_t i = 0; i < c.size; ++i) {
    freqs.push_back(c.unit ? 1 : c.worst ? max_u32 - rng() % 2 : 1 + rng() % 5);
    lengths.push_back(c.worst ? max_u32 - rng() % 3 : rng() % 300);
  }
  PostingListEncoder encoder;
  encoder.Reset(false);
  for (std::uint32_t i = 0; i < c.size; ++i) encoder.Add(docs[i], freqs[i], lengths[i], {});
  std::string postings = "prefix";  // The list need not start at offset 0.
  std::string positions;
  TermInfo info;
  info.doc_freq = encoder.doc_freq();
  info.total_freq = encoder.total_freq();
  info.postings_offset = postings.size();
  encoder.Finish(&postings, &positions);
  EXPECT_TRUE(positions.empty());

  PostingSource source{postings, positions, "p", "q", doc_count};
  Result<std::unique_ptr<PostingCursor>> cursor = OpenPostingCursor(source, info, false);
  ASSERT_TRUE(cursor.ok()) << cursor.status().ToString();
  for (std::uint32_t i = 0; i < c.size; ++i) {
    ASSERT_EQ((*cursor)->doc(), docs[i]) << i;
    ASSERT_EQ((*cursor)->freq(), freqs[i]);
    ASSERT_TRUE(Bounded(
        std::vector<TfLength>((*cursor)->BlockMaxPairs().begin(), (*cursor)->BlockMaxPairs().end()),
        {freqs[i], lengths[i]}));
    (*cursor)->Next();
  }
  EXPECT_EQ((*cursor)->doc(), kEndDoc);
  EXPECT_TRUE((*cursor)->status().ok());
  Result<PostingListExtent> extent = CheckPostingList(source, info, false, [&](DocId d) {
    return lengths[std::lower_bound(docs.begin(), docs.end(), d) - docs.begin()];
  });
  ASSERT_TRUE(extent.ok()) << extent.status().ToString();
  EXPECT_EQ(extent->postings_end, postings.size());
}

INSTANTIATE_TEST_SUITE_P(
    Lengths, PostingListTest,
    ::testing::Values(ListCase{"One", 1, false}, ListCase{"L127", 127, false},
                      ListCase{"L128", 128, false}, ListCase{"L129", 129, false},
                      ListCase{"L256", 256, false}, ListCase{"L1000", 1000, false},
                      ListCase{"L3333", 3333, false}, ListCase{"WorstOne", 1, true},
                      ListCase{"Worst127", 127, true}, ListCase{"Worst128", 128, true},
                      ListCase{"Worst129", 129, true}, ListCase{"Worst1000", 1000, true},
                      ListCase{"UnitOne", 1, false, true}, ListCase{"Unit127", 127, false, true},
                      ListCase{"Unit128", 128, false, true}, ListCase{"Unit129", 129, false, true},
                      ListCase{"Unit1000", 1000, false, true},
                      ListCase{"WorstUnitOne", 1, true, true},
                      ListCase{"WorstUnit129", 129, true, true}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

// A unit list (every frequency 1, so total_freq == doc_freq) stores no frequencies and its
// frontier as one length: a one-document list is its header and its doc id.
TEST(PostingListTest, UnitListStoresDocIdsOnly) {
  PostingListEncoder encoder;
  encoder.Reset(false);
  encoder.Add(70000, 1, 1, {});
  std::string postings;
  std::string positions;
  encoder.Finish(&postings, &positions);
  // Header 2 * 1 (length 1) + 0 (no positions), then varint32 70000 = F0 A2 04.
  EXPECT_EQ(postings, std::string("\x02\xF0\xA2\x04", 4));

  // The same document with frequency 2 stores its frontier (1 pair: tf 2, length 1) and
  // its frequency - 1.
  encoder.Reset(false);
  encoder.Add(70000, 2, 1, {});
  postings.clear();
  encoder.Finish(&postings, &positions);
  EXPECT_EQ(postings, std::string("\x02\x02\x01\xF0\xA2\x04\x01", 7));
}

// In a unit list with positions, skip entries leave out the frequency sum (128 each).
TEST(PostingListTest, UnitListWithPositionsRoundTrips) {
  PostingListEncoder encoder;
  encoder.Reset(true);
  std::vector<DocId> docs;
  for (DocId d = 0; d < 300; ++d) {
    docs.push_back(d * 3);
    const std::uint32_t position = d % 17;
    encoder.Add(d * 3, 1, 10 + d % 7, std::span<const std::uint32_t>(&position, 1));
  }
  std::string postings;
  std::string positions;
  TermInfo info{encoder.doc_freq(), encoder.total_freq(), 0, 0};
  encoder.Finish(&postings, &positions);
  PostingSource source{postings, positions, "p", "q", 900};
  Result<std::unique_ptr<PostingCursor>> cursor = OpenPostingCursor(source, info, true);
  ASSERT_TRUE(cursor.ok()) << cursor.status().ToString();
  EXPECT_EQ((*cursor)->ListMaxPairs().size(), 1u);
  EXPECT_EQ((*cursor)->ListMaxPairs()[0].tf, 1u);
  EXPECT_EQ((*cursor)->ListMaxPairs()[0].length, 10u);
  std::vector<std::uint32_t> got;
  EXPECT_EQ((*cursor)->Seek(3 * 200), 3u * 200);
  ASSERT_TRUE((*cursor)->Positions(&got).ok());
  EXPECT_EQ(got, std::vector<std::uint32_t>{200 % 17});
  EXPECT_EQ((*cursor)->freq(), 1u);
  Result<PostingListExtent> extent =
      CheckPostingList(source, info, true, [](DocId d) { return 10 + (d / 3) % 7; });
  ASSERT_TRUE(extent.ok()) << extent.status().ToString();
  EXPECT_EQ(extent->postings_end, postings.size());
  EXPECT_EQ(extent->positions_end, positions.size());
}

// Doc ids must increase strictly: a d-gap of 0 (which the codecs allow, positions need
// them) repeats a document. In a block's first posting (against the previous block's
// last doc id) and within a block, the cursor reports Corruption.
TEST(PostingListTest, RepeatedDocIdIsCorruption) {
  // Unit lists end with their tail's d-gaps, one byte each here: the last one is patched.
  const auto open_patched = [](DocId first, DocId count) {
    PostingListEncoder encoder;
    encoder.Reset(false);
    for (DocId d = first; d < first + count; ++d) encoder.Add(d, 1, 1, {});
    std::string postings;
    std::string positions;
    const TermInfo info{encoder.doc_freq(), encoder.total_freq(), 0, 0};
    encoder.Finish(&postings, &positions);
    EXPECT_EQ(postings.back(), '\x01');
    postings.back() = '\x00';
    const PostingSource source{postings, positions, "p", "q", 1000};
    Result<std::unique_ptr<PostingCursor>> cursor = OpenPostingCursor(source, info, false);
    Status status = cursor.status();
    if (cursor.ok()) {
      while ((*cursor)->Next() != kEndDoc) {
      }
      status = (*cursor)->status();
    }
    return status;
  };
  // Docs 5, 6, 7 in the tail; patched: 5, 6, 6.
  Status within = open_patched(5, 3);
  EXPECT_TRUE(within.IsCorruption()) << within.ToString();
  EXPECT_NE(within.message().find("doc ids do not increase"), std::string::npos);
  // Docs 1..128 in a full block, 129 alone in the tail; patched: the tail repeats 128.
  Status across = open_patched(1, 129);
  EXPECT_TRUE(across.IsCorruption()) << across.ToString();
  EXPECT_NE(across.message().find("doc ids do not increase"), std::string::npos);

  // Within a full block: its d-gaps, all 1 (a constant block), patched to 0.
  PostingListEncoder encoder;
  encoder.Reset(false);
  for (DocId d = 1; d <= 129; ++d) encoder.Add(d, 1, 1, {});
  std::string postings;
  std::string positions;
  const TermInfo info{encoder.doc_freq(), encoder.total_freq(), 0, 0};
  encoder.Finish(&postings, &positions);
  const std::size_t block = postings.find(std::string("\x40\x01", 2));
  ASSERT_NE(block, std::string::npos);
  postings[block + 1] = '\0';
  const PostingSource source{postings, positions, "p", "q", 1000};
  const Status inside = OpenPostingCursor(source, info, false).status();
  EXPECT_TRUE(inside.IsCorruption()) << inside.ToString();
  EXPECT_NE(inside.message().find("do not increase"), std::string::npos) << inside.ToString();
}

}  // namespace
}  // namespace hexaglot::format
