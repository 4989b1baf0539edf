#include "format/segment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "format/file_format.h"
#include "format/segment_test_util.h"
#include "util/checksum.h"
#include "util/coding.h"

namespace hexaglot::format {
namespace {

using testing::Bm25;
using testing::ModelPosting;
using testing::RandomSegment;
using testing::ScratchFolder;
using testing::SegmentModel;
using testing::WriteSegment;

struct DirectoryKind {
  std::string name;
  bool on_disk;
};

class SegmentTest : public ::testing::TestWithParam<DirectoryKind> {
 protected:
  void SetUp() override {
    if (GetParam().on_disk) {
      folder_ = std::make_unique<ScratchFolder>("segment");
      Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(folder_->path(), true);
      ASSERT_TRUE(dir.ok()) << dir.status().ToString();
      directory_ = std::move(*dir);
    } else {
      directory_ = NewMemoryDirectory();
    }
  }

  std::unique_ptr<SegmentReader> WriteAndOpen(const SegmentModel& model,
                                              const SegmentWriterOptions& options = {}) {
    Result<SegmentInfo> info = WriteSegment(directory_.get(), "seg", model, options);
    EXPECT_TRUE(info.ok()) << info.status().ToString();
    if (!info.ok()) return nullptr;
    EXPECT_EQ(info->doc_count, model.documents.size());
    EXPECT_EQ(info->stats, model.Stats());
    EXPECT_EQ(info->files.size(), 5u);
    std::uint64_t postings = 0;
    for (const auto& [key, list] : model.terms) postings += list.size();
    EXPECT_EQ(info->posting_count, postings);
    Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(directory_.get(), "seg");
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return nullptr;
    EXPECT_EQ((*reader)->files().size(), info->files.size());
    for (std::size_t i = 0; i < info->files.size(); ++i) {
      EXPECT_EQ((*reader)->files()[i].name, info->files[i].name);
      EXPECT_EQ((*reader)->files()[i].kind, info->files[i].kind);
      EXPECT_EQ((*reader)->files()[i].bytes, info->files[i].bytes);
    }
    return std::move(*reader);
  }

  std::unique_ptr<ScratchFolder> folder_;
  std::unique_ptr<Directory> directory_;
};

// Every doc of `list` is bounded by `pairs` for several (k1, b).
void ExpectBounds(std::span<const TfLength> pairs, const SegmentModel& model, std::string_view key,
                  const ModelPosting& posting, const char* what) {
  ASSERT_FALSE(pairs.empty());
  const std::uint32_t length = model.LengthFor(key, posting.doc);
  for (auto [k1, b] : {std::pair{0.9, 0.4}, {1.2, 0.75}, {2.0, 1.0}, {0.5, 0.0}, {3.0, 0.9}}) {
    for (double avg : {1.0, 37.5, 200.0}) {
      double best = 0;
      for (const TfLength& p : pairs) best = std::max(best, Bm25(p.tf, p.length, k1, b, avg));
      ASSERT_GE(best + 1e-12, Bm25(posting.freq, length, k1, b, avg))
          << what << " doc " << posting.doc << " tf " << posting.freq << " len " << length;
    }
  }
}

void VerifySegment(const SegmentReader& reader, const SegmentModel& model, std::uint32_t seed) {
  std::mt19937 rng(seed);
  ASSERT_EQ(reader.doc_count(), model.documents.size());
  EXPECT_EQ(reader.stats(), model.Stats());
  for (DocId d = 0; d < reader.doc_count(); ++d) {
    const SegmentDocument& doc = model.documents[d];
    ASSERT_EQ(reader.language(d), doc.language) << d;
    for (int f = 0; f < kScoredFieldCount; ++f) ASSERT_EQ(reader.length(f, d), doc.lengths[f]);
    Result<std::string> stored = reader.Stored(d);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    ASSERT_EQ(*stored, doc.stored) << d;
  }
  EXPECT_TRUE(reader.Stored(reader.doc_count()).status().IsInvalidArgument());

  std::vector<std::uint32_t> positions;
  for (const auto& [key, list] : model.terms) {
    SCOPED_TRACE("term of df " + std::to_string(list.size()));
    Result<std::optional<TermInfo>> found = reader.FindTerm(key);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    ASSERT_TRUE(found->has_value());
    const TermInfo info = **found;
    ASSERT_EQ(info.doc_freq, list.size());
    std::uint64_t total = 0;
    for (const ModelPosting& p : list) total += p.freq;
    ASSERT_EQ(info.total_freq, total);
    const bool has_positions = testing::HasPositions(static_cast<FieldId>(key[0]));

    // Next over the whole list.
    Result<std::unique_ptr<PostingCursor>> opened = reader.OpenCursor(info, has_positions);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    PostingCursor& cursor = **opened;
    ASSERT_EQ(cursor.size(), list.size());
    if (!has_positions) {
      // Asking for positions where the list has none means the list is damaged.
      EXPECT_EQ(reader.OpenCursor(info, true).status().code(), StatusCode::kCorruption);
    }
    for (const ModelPosting& p : list) ExpectBounds(cursor.ListMaxPairs(), model, key, p, "list");
    for (std::size_t i = 0; i < list.size(); ++i) {
      ASSERT_EQ(cursor.doc(), list[i].doc) << i;
      ASSERT_EQ(cursor.freq(), list[i].freq);
      ASSERT_GE(cursor.BlockLastDoc(), list[i].doc);
      ExpectBounds(cursor.BlockMaxPairs(), model, key, list[i], "block");
      if (has_positions) {
        ASSERT_TRUE(cursor.Positions(&positions).ok());
        ASSERT_EQ(positions, list[i].positions);
      } else {
        EXPECT_TRUE(cursor.Positions(&positions).code() == StatusCode::kFailedPrecondition);
      }
      cursor.Next();
    }
    ASSERT_EQ(cursor.doc(), kEndDoc);
    ASSERT_EQ(cursor.Next(), kEndDoc);
    ASSERT_TRUE(cursor.status().ok()) << cursor.status().ToString();

    // Seek to random increasing targets equals a linear scan; interleaved ShallowSeeks
    // bound the documents of the block they name.
    for (int round = 0; round < 3; ++round) {
      opened = reader.OpenCursor(info, has_positions && round == 1);
      ASSERT_TRUE(opened.ok());
      PostingCursor& seeker = **opened;
      if (round == 2) {
        ASSERT_TRUE(seeker.Positions(&positions).code() == StatusCode::kFailedPrecondition);
      }
      DocId target = 0;
      std::size_t expected = 0;
      while (true) {
        const DocId step =
            1 + rng() % (round == 0 ? 3
                                    : std::max<std::size_t>(
                                          1, 3 * model.documents.size() / (list.size() + 1)));
        target += step;
        const DocId shallow_target = target + rng() % 600;
        const DocId before = seeker.doc();
        const DocId last = seeker.ShallowSeek(shallow_target);
        ASSERT_EQ(seeker.doc(), before);
        for (const ModelPosting& p : list) {
          if (p.doc >= shallow_target && p.doc <= last && p.doc >= before) {
            ExpectBounds(seeker.BlockMaxPairs(), model, key, p, "shallow");
            if (last == kEndDoc) break;  // The tail: one check is enough.
          }
        }
        if (last != kEndDoc) {
          ASSERT_EQ(seeker.BlockLastDoc(), last);
        }
        while (expected < list.size() && list[expected].doc < target) ++expected;
        const DocId got = seeker.Seek(target);
        if (expected == list.size()) {
          ASSERT_EQ(got, kEndDoc);
          break;
        }
        ASSERT_EQ(got, list[expected].doc) << "target " << target;
        ASSERT_EQ(seeker.freq(), list[expected].freq);
        if (round == 1 && has_positions) {
          ASSERT_TRUE(seeker.Positions(&positions).ok());
          ASSERT_EQ(positions, list[expected].positions);
        }
        // A target at or below doc() leaves the cursor where it is.
        ASSERT_EQ(seeker.Seek(target > 3 ? target - 3 : 0), got);
        if (rng() % 4 == 0 && expected + 1 < list.size()) {
          ASSERT_EQ(seeker.Next(), list[++expected].doc);
          target = list[expected].doc;
        }
      }
      ASSERT_TRUE(seeker.status().ok());
    }

    // NextUpTo over random limits reads the list as Next does, a block at most at a
    // time, and leaves the cursor on the first document it did not return (positions
    // included).
    opened = reader.OpenCursor(info, has_positions);
    ASSERT_TRUE(opened.ok());
    PostingCursor& reader_cursor = **opened;
    std::size_t next = 0;
    DocId limit = 0;
    while (next < list.size()) {
      limit += static_cast<DocId>(rng() % 400);
      const PostingRun run = reader_cursor.NextUpTo(limit);
      ASSERT_EQ(run.docs.size(), run.freqs.size());
      ASSERT_LE(run.docs.size(), kMaxPostingRun);
      for (std::size_t c = 0; c < run.docs.size(); ++c, ++next) {
        ASSERT_LT(next, list.size());
        ASSERT_EQ(run.docs[c], list[next].doc);
        ASSERT_LE(run.docs[c], limit);
        ASSERT_EQ(run.freqs[c], list[next].freq);
      }
      if (next == list.size()) break;
      ASSERT_EQ(reader_cursor.doc(), list[next].doc);
      // It stops at the limit or at the end of a block.
      ASSERT_TRUE(list[next].doc > limit || next % kMaxPostingRun == 0);
      if (has_positions && rng() % 3 == 0) {
        ASSERT_TRUE(reader_cursor.Positions(&positions).ok());
        ASSERT_EQ(positions, list[next].positions);
      }
    }
    ASSERT_EQ(reader_cursor.doc(), kEndDoc);
    ASSERT_TRUE(reader_cursor.NextUpTo(kEndDoc).docs.empty());
  }

  // Absent keys.
  for (const std::string& absent : {std::string(), std::string("\x00", 1), std::string("\xFF\xFF"),
                                    TermKey(FieldId::kText, Language::kEnglish, "zzzz-absent")}) {
    Result<std::optional<TermInfo>> found = reader.FindTerm(absent);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(model.terms.count(absent) != 0, found->has_value());
  }
  for (const auto& [key, list] : model.terms) {
    std::string between = key + std::string("\x00", 1);
    if (model.terms.count(between) != 0) continue;
    Result<std::optional<TermInfo>> found = reader.FindTerm(between);
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(found->has_value());
  }

  // Terms(from) from every key, from between keys, before all and after all.
  std::vector<std::string> starts = {std::string(), std::string("\xFF\xFF\xFF")};
  for (const auto& [key, list] : model.terms) {
    starts.push_back(key);
    starts.push_back(key + "!");
    starts.push_back(key.substr(0, key.size() - 1));
  }
  for (const std::string& from : starts) {
    std::unique_ptr<TermIterator> it = reader.Terms(from);
    auto expected = model.terms.lower_bound(from);
    for (; expected != model.terms.end(); ++expected, it->Next()) {
      ASSERT_TRUE(it->Valid());
      ASSERT_EQ(it->key(), expected->first);
      ASSERT_EQ(it->info().doc_freq, expected->second.size());
      if (rng() % 8 == 0) break;  // Partial scans too.
    }
    if (expected == model.terms.end()) {
      EXPECT_FALSE(it->Valid());
    }
    EXPECT_TRUE(it->status().ok());
  }

  EXPECT_TRUE(reader.Check().ok()) << reader.Check().ToString();
}

TEST_P(SegmentTest, RoundTripsRandomSegments) {
  for (std::uint32_t doc_count : {1u, 127u, 128u, 129u, 1000u, 5000u}) {
    SCOPED_TRACE("documents: " + std::to_string(doc_count));
    directory_ =
        GetParam().on_disk
            ? std::move(*NewDiskDirectory(folder_->path() + "/" + std::to_string(doc_count), true))
            : NewMemoryDirectory();
    const SegmentModel model = RandomSegment(doc_count, doc_count * 7 + 1);
    SegmentWriterOptions options;
    options.stored_block_bytes = doc_count % 2 == 0 ? 1024 : 16 * 1024;
    std::unique_ptr<SegmentReader> reader = WriteAndOpen(model, options);
    ASSERT_NE(reader, nullptr);
    VerifySegment(*reader, model, doc_count);
  }
}

TEST_P(SegmentTest, EmptySegment) {
  std::unique_ptr<SegmentReader> reader = WriteAndOpen(SegmentModel{});
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->doc_count(), 0u);
  EXPECT_EQ(reader->stats(), SegmentStats{});
  Result<std::optional<TermInfo>> found =
      reader->FindTerm(TermKey(FieldId::kText, Language::kEnglish, "x"));
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  EXPECT_FALSE(reader->Terms()->Valid());
  EXPECT_TRUE(reader->Terms()->status().ok());
  EXPECT_TRUE(reader->Stored(0).status().IsInvalidArgument());
  EXPECT_TRUE(reader->Check().ok());
}

TEST_P(SegmentTest, DocumentsWithoutTerms) {
  SegmentModel model = RandomSegment(300, 5, 0);
  std::unique_ptr<SegmentReader> reader = WriteAndOpen(model);
  ASSERT_NE(reader, nullptr);
  VerifySegment(*reader, model, 5);
}

TEST_P(SegmentTest, ExistingSegmentIsAlreadyExists) {
  ASSERT_TRUE(WriteSegment(directory_.get(), "seg", RandomSegment(10, 1)).ok());
  Result<std::unique_ptr<SegmentWriter>> again = SegmentWriter::Create(directory_.get(), "seg");
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

TEST_P(SegmentTest, MissingFileIsNotFound) {
  ASSERT_TRUE(WriteSegment(directory_.get(), "seg", RandomSegment(10, 1)).ok());
  for (const std::string& name : SegmentFileNames("seg")) {
    std::unique_ptr<Directory> copy = NewMemoryDirectory();
    for (const std::string& other : SegmentFileNames("seg")) {
      if (other == name) continue;
      auto file = copy->NewWritableFile(other, WriteMode::kCreateNew);
      ASSERT_TRUE((*file)->Append(directory_->OpenReadableFile(other)->data()).ok());
      ASSERT_TRUE((*file)->Close().ok());
    }
    EXPECT_TRUE(SegmentReader::Open(copy.get(), "seg").status().IsNotFound()) << name;
  }
}

// One reader, several threads: each with its own cursors, all sharing the dictionary, the
// mapped files and the stored-block decompression (a zstd context per thread).
TEST_P(SegmentTest, ReaderIsSharedByThreads) {
  const SegmentModel model = RandomSegment(3000, 77, 30);
  SegmentWriterOptions options;
  options.stored_block_bytes = 2048;
  std::unique_ptr<SegmentReader> reader = WriteAndOpen(model, options);
  ASSERT_NE(reader, nullptr);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::uint32_t> positions;
      for (DocId d = static_cast<DocId>(t); d < reader->doc_count(); d += 3) {
        Result<std::string> stored = reader->Stored(d);
        if (!stored.ok() || *stored != model.documents[d].stored) ++mismatches;
      }
      for (const auto& [key, list] : model.terms) {
        Result<std::optional<TermInfo>> info = reader->FindTerm(key);
        if (!info.ok() || !info->has_value()) {
          ++mismatches;
          continue;
        }
        auto cursor =
            reader->OpenCursor(**info, testing::HasPositions(static_cast<FieldId>(key[0])));
        if (!cursor.ok()) {
          ++mismatches;
          continue;
        }
        for (const ModelPosting& p : list) {
          if ((*cursor)->doc() != p.doc || (*cursor)->freq() != p.freq) ++mismatches;
          if (!p.positions.empty() &&
              (!(*cursor)->Positions(&positions).ok() || positions != p.positions)) {
            ++mismatches;
          }
          (*cursor)->Next();
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Directories, SegmentTest,
                         ::testing::Values(DirectoryKind{"Memory", false},
                                           DirectoryKind{"Disk", true}),
                         [](const auto& param_info) { return param_info.param.name; });

// Call order and argument checks.
class SegmentWriterTest : public ::testing::Test {
 protected:
  std::unique_ptr<SegmentWriter> NewWriter() {
    Result<std::unique_ptr<SegmentWriter>> writer =
        SegmentWriter::Create(directory_.get(), "w" + std::to_string(next_++));
    EXPECT_TRUE(writer.ok());
    for (int i = 0; i < 3; ++i) {
      SegmentDocument doc;
      doc.stored = "record " + std::to_string(i);
      doc.lengths = {5, 1, 1};
      EXPECT_TRUE((*writer)->AddDocument(doc).ok());
    }
    return std::move(*writer);
  }
  static std::string Text(std::string_view term) {
    return TermKey(FieldId::kText, Language::kFrench, term);
  }

  std::unique_ptr<Directory> directory_ = NewMemoryDirectory();
  int next_ = 0;
};

TEST_F(SegmentWriterTest, CallOrderViolationsAreFailedPrecondition) {
  const std::uint32_t pos[] = {1};
  {
    auto writer = NewWriter();
    EXPECT_EQ(writer->AddPosting(0, 1, pos).code(), StatusCode::kFailedPrecondition);
    // The writer is unusable after an error.
    EXPECT_EQ(writer->StartTerm(Text("a")).code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(writer->Finish().status().code(), StatusCode::kFailedPrecondition);
  }
  {
    auto writer = NewWriter();
    EXPECT_EQ(writer->FinishTerm().code(), StatusCode::kFailedPrecondition);
  }
  {
    auto writer = NewWriter();
    ASSERT_TRUE(writer->StartTerm(Text("b")).ok());
    EXPECT_EQ(writer->AddDocument({}).code(), StatusCode::kFailedPrecondition);
  }
  {
    auto writer = NewWriter();
    ASSERT_TRUE(writer->StartTerm(Text("b")).ok());
    EXPECT_EQ(writer->FinishTerm().code(), StatusCode::kFailedPrecondition);  // No postings.
  }
  {
    auto writer = NewWriter();
    ASSERT_TRUE(writer->StartTerm(Text("b")).ok());
    ASSERT_TRUE(writer->AddPosting(1, 1, pos).ok());
    EXPECT_EQ(writer->AddPosting(1, 1, pos).code(), StatusCode::kFailedPrecondition);
  }
  {
    auto writer = NewWriter();
    ASSERT_TRUE(writer->StartTerm(Text("b")).ok());
    ASSERT_TRUE(writer->AddPosting(1, 1, pos).ok());
    ASSERT_TRUE(writer->FinishTerm().ok());
    EXPECT_EQ(writer->StartTerm(Text("b")).code(), StatusCode::kFailedPrecondition);
  }
  {
    auto writer = NewWriter();
    ASSERT_TRUE(writer->StartTerm(Text("b")).ok());
    ASSERT_TRUE(writer->AddPosting(1, 1, pos).ok());
    ASSERT_TRUE(writer->FinishTerm().ok());
    EXPECT_EQ(writer->StartTerm(Text("a")).code(), StatusCode::kFailedPrecondition);
  }
  {
    auto writer = NewWriter();
    ASSERT_TRUE(writer->StartTerm(Text("b")).ok());
    EXPECT_EQ(writer->Finish().status().code(), StatusCode::kFailedPrecondition);
  }
  {
    auto writer = NewWriter();
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(writer->Finish().status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(writer->AddDocument({}).code(), StatusCode::kFailedPrecondition);
  }
}

TEST_F(SegmentWriterTest, BadArgumentsAreInvalidArgument) {
  const std::uint32_t two[] = {4, 9};
  const std::uint32_t unordered[] = {9, 4};
  auto expect_invalid = [&](auto&& call) {
    auto writer = NewWriter();
    EXPECT_EQ(call(*writer).code(), StatusCode::kInvalidArgument);
  };
  expect_invalid([&](SegmentWriter& w) { return w.StartTerm("\x40"); });  // Too short.
  expect_invalid([&](SegmentWriter& w) { return w.StartTerm(std::string("\x40\x00x", 3)); });
  expect_invalid([&](SegmentWriter& w) {
    EXPECT_TRUE(w.StartTerm(Text("a")).ok());
    return w.AddPosting(3, 2, two);  // Only 3 documents.
  });
  expect_invalid([&](SegmentWriter& w) {
    EXPECT_TRUE(w.StartTerm(Text("a")).ok());
    return w.AddPosting(0, 0, {});
  });
  expect_invalid([&](SegmentWriter& w) {
    EXPECT_TRUE(w.StartTerm(Text("a")).ok());
    return w.AddPosting(0, 1, two);  // Two positions for frequency 1.
  });
  expect_invalid([&](SegmentWriter& w) {
    EXPECT_TRUE(w.StartTerm(Text("a")).ok());
    return w.AddPosting(0, 2, unordered);
  });
  expect_invalid([&](SegmentWriter& w) {
    EXPECT_TRUE(w.StartTerm(TermKey(FieldId::kId, std::nullopt, "x")).ok());
    return w.AddPosting(0, 2, two);  // Exact fields have no positions.
  });
  expect_invalid([&](SegmentWriter& w) {
    SegmentDocument doc;
    doc.language = static_cast<Language>(9);
    return w.AddDocument(doc);
  });
}

TEST(SegmentFileNamesTest, NamesTheFiveFiles) {
  EXPECT_EQ(SegmentFileNames("s_1"), (std::vector<std::string>{"s_1.meta", "s_1.terms", "s_1.post",
                                                               "s_1.pos", "s_1.stored"}));
}

}  // namespace
}  // namespace hexaglot::format

namespace hexaglot::format {
namespace {

// Seek and ShallowSeek go through skip entries, never through the blocks they pass: with
// a broken block in the middle of a list, a cursor that jumps over it reads on, one that
// walks through it stops with Corruption.
TEST(SegmentSkipTest, SeekDoesNotDecodeSkippedBlocks) {
  constexpr DocId kDocs = 128 * 10;
  SegmentModel model;
  model.documents.resize(kDocs);
  std::vector<ModelPosting>& list = model.terms[TermKey(FieldId::kId, std::nullopt, "all")];
  for (DocId d = 0; d < kDocs; ++d) list.push_back({d, 1, {}});
  std::unique_ptr<Directory> directory = NewMemoryDirectory();
  ASSERT_TRUE(WriteSegment(directory.get(), "seg", model).ok());

  // Doc ids 0, 1, 2, ...: after the first, every block is a constant delta block of gap 1
  // (40 01); every frequency is 1, so a unit list stores none; the list ends the body.
  std::string post(directory->OpenReadableFile("seg.post")->data());
  const std::size_t body_end = post.size() - kFileFooterSize;
  const std::size_t block3 = body_end - std::size_t{2} * (10 - 3);
  ASSERT_EQ(post.substr(block3, 2), std::string("\x40\x01", 2));
  post[block3] = '\x41';  // Not a valid block header.
  const std::size_t footer = post.size() - kFileFooterSize;
  EncodeFixed64(post.data() + footer + 8, Checksum64(post.substr(0, footer + 8)));
  ASSERT_TRUE(directory->Remove("seg.post").ok());
  auto file = directory->NewWritableFile("seg.post", WriteMode::kCreateNew);
  ASSERT_TRUE((*file)->Append(post).ok());
  ASSERT_TRUE((*file)->Close().ok());

  auto reader = SegmentReader::Open(directory.get(), "seg");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const TermInfo info = **(*reader)->FindTerm(TermKey(FieldId::kId, std::nullopt, "all"));

  auto jumper = *(*reader)->OpenCursor(info, false);
  EXPECT_EQ(jumper->ShallowSeek(128 * 5), 128 * 6 - 1);
  EXPECT_EQ(jumper->Seek(128 * 6 + 5), 128 * 6 + 5);
  EXPECT_EQ(jumper->Next(), 128 * 6 + 6);
  EXPECT_TRUE(jumper->status().ok()) << jumper->status().ToString();

  auto walker = *(*reader)->OpenCursor(info, false);
  DocId last = 0;
  for (DocId d = walker->doc(); d != kEndDoc; d = walker->Next()) last = d;
  EXPECT_EQ(last, 128 * 3 - 1);
  EXPECT_TRUE(walker->status().IsCorruption());
  EXPECT_NE(walker->status().message().find("seg.post"), std::string::npos);
  EXPECT_TRUE((*reader)->Check().IsCorruption());
}

TEST(LengthColumnTest, ReadsLittleEndianIntegersOfEachWidth) {
  const char bytes[] = "\x01\x02\x03\x04\x05\x06\x07\x08";
  EXPECT_EQ(LengthColumn(bytes, 0)[3], 0u);
  EXPECT_EQ(LengthColumn(bytes, 1)[2], 0x03u);
  EXPECT_EQ(LengthColumn(bytes, 2)[1], 0x0403u);
  EXPECT_EQ(LengthColumn(bytes, 4)[1], 0x08070605u);
  const char high[] = "\xFF\xFF\xFF\xFF";
  EXPECT_EQ(LengthColumn(high, 4)[0], 0xFFFFFFFFu);
  EXPECT_EQ(LengthColumn(high, 2)[1], 0xFFFFu);
}

TEST(LengthColumnTest, GatherReadsWhatIndexingReadsForEachWidth) {
  const char bytes[] = "\x01\x02\x03\x04\x05\x06\x07\x08\xFF\xFF\xFF\xFF";
  const std::vector<DocId> docs = {2, 0, 1};
  for (const std::size_t width : {0, 1, 2, 4}) {
    const LengthColumn column(bytes, width);
    std::vector<std::uint32_t> out(docs.size() + 1, 7);
    column.Gather(docs, out);
    for (std::size_t k = 0; k < docs.size(); ++k) {
      EXPECT_EQ(out[k], column[docs[k]]) << "width " << width << ", doc " << docs[k];
    }
    EXPECT_EQ(out.back(), 7u) << "width " << width;  // Nothing past docs.size().
  }
  std::vector<std::uint32_t> out(1);
  LengthColumn(bytes, 2).Gather(std::vector<DocId>{5}, out);
  EXPECT_EQ(out[0], 0xFFFFu);
}

}  // namespace
}  // namespace hexaglot::format
