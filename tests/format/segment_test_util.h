// Random segments for the format tests: a model (what was written) and a writer of it.

#ifndef HEXAGLOT_TESTS_FORMAT_SEGMENT_TEST_UTIL_H_
#define HEXAGLOT_TESTS_FORMAT_SEGMENT_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "format/fields.h"
#include "format/segment.h"
#include "util/directory.h"

namespace hexaglot::format::testing {

struct ModelPosting {
  DocId doc;
  std::uint32_t freq;
  std::vector<std::uint32_t> positions;
};

struct SegmentModel {
  std::vector<SegmentDocument> documents;
  std::map<std::string, std::vector<ModelPosting>> terms;  // Sorted by key, bytewise.

  SegmentStats Stats() const {
    SegmentStats stats;
    for (const SegmentDocument& d : documents) {
      const auto l = static_cast<std::size_t>(d.language);
      ++stats.doc_count[l];
      for (int f = 0; f < kScoredFieldCount; ++f) stats.total_length[l][f] += d.lengths[f];
    }
    return stats;
  }

  // The document length a term's frontier uses: its scored field's, 1 for exact fields.
  std::uint32_t LengthFor(std::string_view key, DocId doc) const {
    const FieldId field = static_cast<FieldId>(key[0]);
    for (int f = 0; f < kScoredFieldCount; ++f) {
      if (kScoredFields[f] == field) return documents[doc].lengths[f];
    }
    return 1;
  }
};

inline bool HasPositions(FieldId field) {
  return field == FieldId::kText || field == FieldId::kTheme || field == FieldId::kTopic;
}

// A seeded random segment of `doc_count` documents: terms with document frequencies from 1
// to all documents, in several fields and languages, with random frequencies (some large)
// and positions.
inline SegmentModel RandomSegment(std::uint32_t doc_count, std::uint32_t seed,
                                  int term_count = 60) {
  std::mt19937 rng(seed);
  SegmentModel model;
  for (std::uint32_t d = 0; d < doc_count; ++d) {
    SegmentDocument doc;
    doc.language = static_cast<Language>(rng() % kLanguageCount);
    doc.lengths = {1 + static_cast<std::uint32_t>(rng() % 400),
                   static_cast<std::uint32_t>(rng() % 12), static_cast<std::uint32_t>(rng() % 30)};
    if (rng() % 50 == 0) doc.lengths[0] = 70000 + rng() % 1000;  // Beyond 16 bits.
    const std::size_t stored_size = rng() % 3 == 0 ? rng() % 3000 : rng() % 200;
    doc.stored.resize(stored_size);
    for (std::size_t i = 0; i < stored_size; ++i) {
      doc.stored[i] = static_cast<char>(i % 7 == 0 ? rng() : 'a' + (i * 31 + d) % 26);
    }
    model.documents.push_back(std::move(doc));
  }
  if (doc_count == 0) return model;
  const FieldId fields[] = {FieldId::kText,  FieldId::kText,   FieldId::kTheme,
                            FieldId::kTopic, FieldId::kSymbol, FieldId::kId};
  for (int t = 0; t < term_count; ++t) {
    const FieldId field = fields[rng() % std::size(fields)];
    const bool neutral = !HasPositions(field);
    std::string term = "t" + std::to_string(rng() % 100000);
    if (t % 7 == 0) term.append(std::string(1 + rng() % 40, 'x'));  // Long shared prefixes.
    const std::string key = TermKey(
        field, neutral ? std::nullopt : std::optional<Language>(static_cast<Language>(rng() % 6)),
        term);
    if (model.terms.count(key) != 0) continue;
    // Document frequency: all, one, or spread between.
    std::uint32_t df = 0;
    switch (t % 5) {
      case 0:
        df = doc_count;
        break;
      case 1:
        df = 1;
        break;
      case 2:
        df = std::min<std::uint32_t>(doc_count, 127 + rng() % 4);
        break;
      default:
        df = 1 + rng() % doc_count;
    }
    std::vector<DocId> docs(doc_count);
    for (std::uint32_t d = 0; d < doc_count; ++d) docs[d] = d;
    std::shuffle(docs.begin(), docs.end(), rng);
    docs.resize(df);
    std::sort(docs.begin(), docs.end());
    std::vector<ModelPosting> postings;
    for (DocId doc : docs) {
      std::uint32_t freq = 1 + (rng() % 4 == 0 ? rng() % 20 : 0);
      if (rng() % 500 == 0) freq = 300 + rng() % 300;
      ModelPosting posting{doc, freq, {}};
      if (HasPositions(field)) {
        std::set<std::uint32_t> positions;
        while (positions.size() < freq) {
          positions.insert(rng() % 8 == 0 ? rng() % 5000000 : rng() % (4 * freq + 10));
        }
        posting.positions.assign(positions.begin(), positions.end());
      }
      postings.push_back(std::move(posting));
    }
    model.terms.emplace(key, std::move(postings));
  }
  return model;
}

inline Result<SegmentInfo> WriteSegment(Directory* directory, const std::string& name,
                                        const SegmentModel& model,
                                        const SegmentWriterOptions& options = {}) {
  Result<std::unique_ptr<SegmentWriter>> writer = SegmentWriter::Create(directory, name, options);
  if (!writer.ok()) return writer.status();
  for (const SegmentDocument& doc : model.documents) {
    if (Status s = (*writer)->AddDocument(doc); !s.ok()) return s;
  }
  for (const auto& [key, postings] : model.terms) {
    if (Status s = (*writer)->StartTerm(key); !s.ok()) return s;
    for (const ModelPosting& p : postings) {
      if (Status s = (*writer)->AddPosting(p.doc, p.freq, p.positions); !s.ok()) return s;
    }
    if (Status s = (*writer)->FinishTerm(); !s.ok()) return s;
  }
  return (*writer)->Finish();
}

// BM25's term weight without idf, which the frontier must bound.
inline double Bm25(std::uint32_t tf, std::uint32_t length, double k1, double b, double avg) {
  return tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg));
}

// A fresh folder under the test temp dir, removed at the end.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& tag) {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("format_test_") + info->test_suite_name() + "_" + info->name() +
                       "_" + tag + "_" + std::to_string(::getpid());
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = std::filesystem::path(::testing::TempDir()) / name;
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  ~ScratchFolder() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace hexaglot::format::testing

#endif  // HEXAGLOT_TESTS_FORMAT_SEGMENT_TEST_UTIL_H_
