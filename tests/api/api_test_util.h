// Helpers shared by the searcher tests.

#ifndef HEXAGLOT_TESTS_API_API_TEST_UTIL_H_
#define HEXAGLOT_TESTS_API_API_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_storage.h"
#include "hexaglot/index_writer.h"
#include "hexaglot/ingest.h"

namespace hexaglot::testing {

// Indexes `paragraphs` into `storage` in one commit (one thread, so one segment) and
// returns a reader of it; null (after a test failure) when that fails.
inline std::shared_ptr<const IndexReader> BuildIndex(
    const std::shared_ptr<IndexStorage>& storage, const std::vector<Paragraph>& paragraphs,
    const std::optional<AnalyzerOptions>& analysis = std::nullopt) {
  IndexWriterOptions options;
  options.threads = 1;
  options.analyzer = analysis;
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  if (!writer.ok()) return nullptr;
  EXPECT_TRUE((*writer)->AddAll(paragraphs).ok());
  EXPECT_TRUE((*writer)->Commit().ok());
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(storage);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return nullptr;
  return std::shared_ptr<const IndexReader>(*std::move(reader));
}

}  // namespace hexaglot::testing

#endif  // HEXAGLOT_TESTS_API_API_TEST_UTIL_H_
