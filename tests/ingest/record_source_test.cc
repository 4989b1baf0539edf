// FileRecordSource: JSON Lines files read piece by piece on several threads give exactly
// the records and warnings of ParseJsonLines on the whole file; every input is read once
// (pipes work); bad inputs fail with their file, offset and line.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hexaglot/ingest.h"
#include "test_data.h"
#include "util/status_macros.h"

namespace hexaglot {
namespace {

class FileRecordSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("record_source_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  std::filesystem::path dir_;
};

// About 3 pieces of JSON Lines: records without "number" (numbered by ordinal), blank
// lines, lines that are not objects, bad fields and duplicate ids spread over the file.
std::string LargeJsonLines() {
  std::string text;
  for (int i = 1; text.size() < 3 * FileRecordSource::kPieceBytes; ++i) {
    if (i % 997 == 0) {
      text += "not json\n";
    } else if (i % 1499 == 0) {
      text +=
          "{\"id\": \"r" + std::to_string(i / 2) + "\", \"lang\": \"en\", \"text\": \"again\"}\n";
    } else if (i % 1999 == 0) {
      text += "{\"id\": \"bad\", \"lang\": \"en\", \"text\": 12}\n";
    } else if (i % 101 == 0) {
      text += "\r\n";
    } else {
      text += "{\"id\": \"r" + std::to_string(i) + "\", \"lang\": \"en\", \"text\": \"Paragraph " +
              std::to_string(i) + " of the border management test text.\"}\n";
    }
  }
  return text;
}

TEST_F(FileRecordSourceTest, PiecesOnTwoThreadsGiveTheWholeFileParse) {
  const std::string text = LargeJsonLines();
  const std::string path = Write("large.jsonl", text);
  Result<ParseResult> whole = ParseJsonLines(text, path);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  ASSERT_GT(whole->warnings.size(), 10u);

  std::vector<ParseWarning> warnings;
  Result<std::unique_ptr<FileRecordSource>> source = FileRecordSource::Open(
      {path}, {}, [&](const ParseWarning& warning) { warnings.push_back(warning); });
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ((*source)->total_bytes(), text.size());

  std::mutex mu;
  std::map<std::uint64_t, std::vector<Paragraph>> batches;  // By batch number.
  const auto read = [&] {
    std::vector<Paragraph> batch;
    for (;;) {
      std::uint64_t sequence = 0;
      ASSERT_TRUE((*source)->Next(&batch, &sequence).ok());
      if (batch.empty()) return;
      std::lock_guard lock(mu);
      EXPECT_TRUE(batches.emplace(sequence, batch).second) << "batch number " << sequence;
    }
  };
  std::thread other(read);
  read();
  other.join();
  EXPECT_GE(batches.size(), 3u) << "read in pieces";
  ASSERT_FALSE(batches.empty());
  EXPECT_EQ(batches.rbegin()->first, batches.size() - 1) << "batch numbers 0, 1, 2, ...";
  EXPECT_EQ(warnings, whole->warnings) << "the same warnings, in line order";
  EXPECT_EQ((*source)->records(), whole->paragraphs.size());
  EXPECT_EQ((*source)->bytes_read(), text.size());
  EXPECT_EQ((*source)->warnings(), whole->warnings.size());
  std::uint64_t text_bytes = 0;
  for (const Paragraph& p : whole->paragraphs) text_bytes += p.text.size();
  EXPECT_EQ((*source)->text_bytes(), text_bytes);
  // Batches arrive in any order across threads; in batch-number order, they are the whole
  // parse's records in order.
  std::vector<Paragraph> records;
  for (const auto& [sequence, batch] : batches) {
    records.insert(records.end(), batch.begin(), batch.end());
  }
  EXPECT_EQ(records, whole->paragraphs);
}

TEST_F(FileRecordSourceTest, MixesWholeParsedInputsAndEndsCleanly) {
  const std::string jsonl =
      Write("a.jsonl", "{\"id\": \"x\", \"lang\": \"fr\", \"text\": \"Un.\"}\n");
  const std::string plain = Write("b.txt", "First paragraph.\n\nSecond paragraph.\n");
  ParseOptions options;
  options.language = Language::kEnglish;
  Result<std::unique_ptr<FileRecordSource>> source =
      FileRecordSource::Open({jsonl, plain}, options);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  std::vector<Paragraph> batch;
  std::uint64_t sequence = 7;
  ASSERT_TRUE((*source)->Next(&batch, &sequence).ok());
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(sequence, 0u);
  EXPECT_EQ(batch[0].id, "x");
  EXPECT_EQ(batch[0].number, "1");
  EXPECT_EQ(batch[0].lang, Language::kFrench);
  ASSERT_TRUE((*source)->Next(&batch, &sequence).ok());
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(sequence, 1u) << "the end of a.jsonl takes no batch number";
  EXPECT_EQ(batch[1].text, "Second paragraph.");
  ASSERT_TRUE((*source)->Next(&batch, &sequence).ok());
  EXPECT_TRUE(batch.empty());
  ASSERT_TRUE((*source)->Next(&batch, &sequence).ok());
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ((*source)->records(), 3u);
  const std::vector<InputSummary> inputs = (*source)->inputs();
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].format, InputFormat::kJsonLines);
  EXPECT_EQ(inputs[0].records, 1u);
  EXPECT_EQ(inputs[1].format, InputFormat::kText);
  EXPECT_EQ(inputs[1].records, 2u);
  EXPECT_EQ(inputs[1].bytes, 36u);
  EXPECT_FALSE(inputs[1].blank);
}

// Every record of `source`, read on one thread; the first error stops it.
Result<std::vector<Paragraph>> ReadAll(FileRecordSource& source) {
  std::vector<Paragraph> records;
  std::vector<Paragraph> batch;
  for (;;) {
    std::uint64_t sequence = 0;
    HEXAGLOT_RETURN_IF_ERROR(source.Next(&batch, &sequence));
    if (batch.empty()) return records;
    records.insert(records.end(), batch.begin(), batch.end());
  }
}

TEST_F(FileRecordSourceTest, BadBytesFailNamingFileOffsetAndLine) {
  std::string text = LargeJsonLines();
  const std::size_t bad = text.size() - 100;
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
  text[bad] = '\xff';
  const std::string path = Write("bad.jsonl", text);
  Result<std::unique_ptr<FileRecordSource>> source = FileRecordSource::Open({path});
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  const Status status = ReadAll(**source).status();
  ASSERT_TRUE(status.IsInvalidArgument()) << status.ToString();
  EXPECT_EQ(status.message(), path + ": invalid UTF-8 at byte offset " + std::to_string(bad) +
                                  " (line " + std::to_string(line) + ")");
  EXPECT_EQ(status.message(), ParseJsonLines(text, path).status().message());

  source = FileRecordSource::Open({(dir_ / "missing.jsonl").string()});
  EXPECT_TRUE(source.status().IsNotFound()) << source.status().ToString();
  source = FileRecordSource::Open({dir_.string()});
  EXPECT_TRUE(source.status().IsInvalidArgument()) << source.status().ToString();
}

TEST_F(FileRecordSourceTest, StrictModeMakesAStreamedWarningTheError) {
  const std::string path =
      Write("w.jsonl", "{\"id\": \"a\", \"lang\": \"en\", \"text\": \"One.\"}\nnot json\n");
  ParseOptions options;
  options.strict = true;
  Result<std::unique_ptr<FileRecordSource>> source = FileRecordSource::Open({path}, options);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  std::vector<Paragraph> batch;
  std::uint64_t sequence = 0;
  Status status = (*source)->Next(&batch, &sequence);
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_NE(status.message().find(path + ":2: not a JSON object"), std::string::npos)
      << status.ToString();
  EXPECT_TRUE((*source)->Next(&batch, &sequence).IsInvalidArgument())
      << "the error ends the source";
}

// Issue 16, items 1 and 5: a pipe is read once, front to back: its records are all
// there (a second reading pass found it empty), and the counts are what was read.
TEST_F(FileRecordSourceTest, APipeIsReadOnce) {
  ::signal(SIGPIPE, SIG_IGN);
  for (const std::string& text :
       {LargeJsonLines(), std::string("First paragraph.\n\nSecond paragraph.\n")}) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    std::thread writer([&] {
      std::size_t written = 0;
      while (written < text.size()) {
        const ssize_t n = ::write(fds[1], text.data() + written, text.size() - written);
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
      }
      ::close(fds[1]);
    });
    ParseOptions options;
    options.language = Language::kEnglish;
    Result<std::unique_ptr<FileRecordSource>> source =
        FileRecordSource::Open({"/dev/fd/" + std::to_string(fds[0])}, options);
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    EXPECT_EQ((*source)->total_bytes(), 0u) << "a pipe's size is unknown";
    Result<std::vector<Paragraph>> records = ReadAll(**source);
    ::close(fds[0]);  // A writer still blocked (the read failed) gets EPIPE and ends.
    writer.join();
    ASSERT_TRUE(records.ok()) << records.status().ToString();
    Result<ParseResult> whole = ParseInput(text, "whole", options);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(records->size(), whole->paragraphs.size());
    EXPECT_EQ((*source)->records(), whole->paragraphs.size());
    EXPECT_EQ((*source)->bytes_read(), text.size());
    EXPECT_EQ((*source)->inputs()[0].bytes, text.size());
  }
}

// Issue 16, item 11: one rule for duplicate ids, within an input or across inputs: a
// warning, the first record kept; under strict, the error.
TEST_F(FileRecordSourceTest, DuplicateIdsAcrossInputsAreSkippedWithAWarning) {
  const std::string a = Write("a.jsonl", "{\"id\": \"x\", \"lang\": \"en\", \"text\": \"One.\"}\n");
  const std::string b = Write("b.jsonl",
                              "{\"id\": \"y\", \"lang\": \"en\", \"text\": \"Two.\"}\n"
                              "{\"id\": \"x\", \"lang\": \"en\", \"text\": \"Again.\"}\n");
  std::vector<ParseWarning> warnings;
  Result<std::unique_ptr<FileRecordSource>> source = FileRecordSource::Open(
      {a, b}, {}, [&](const ParseWarning& warning) { warnings.push_back(warning); });
  ASSERT_TRUE(source.ok());
  Result<std::vector<Paragraph>> records = ReadAll(**source);
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].id, "y");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].ToString(),
            b + ":2: duplicate id \"x\" (first at " + a + ":1; record ignored)");
  EXPECT_TRUE(warnings[0].skipped());
  EXPECT_EQ((*source)->skipped(), 1u);
  EXPECT_EQ((*source)->inputs()[1].skipped, 1u);

  ParseOptions strict;
  strict.strict = true;
  source = FileRecordSource::Open({a, b}, strict);
  ASSERT_TRUE(source.ok());
  EXPECT_TRUE(ReadAll(**source).status().IsInvalidArgument());
}

// Issue 16, items 6 and 11: a line longer than any record fails once the limit is
// buffered (not at the end of an endless input), and blank inputs give no records and no
// error whatever their format.
TEST_F(FileRecordSourceTest, OverlongLinesFailAndBlankInputsGiveNothing) {
  const std::string line = Write("line.txt", std::string(FileRecordSource::kMaxLineBytes + 1, 'a'));
  Result<std::unique_ptr<FileRecordSource>> source = FileRecordSource::Open({line});
  ASSERT_TRUE(source.ok());
  Status status = ReadAll(**source).status();
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.message(), line +
                                  ": line 1 is longer than 64 MiB, the most a record may hold "
                                  "(not a text input?)");
  std::filesystem::remove(line);

  const std::string md = Write("empty.md", "");
  const std::string jsonl = Write("empty.jsonl", "\n\n");
  const std::string txt = Write("blank.txt", " \n\t\n");
  source = FileRecordSource::Open({md, jsonl, txt});
  ASSERT_TRUE(source.ok());
  Result<std::vector<Paragraph>> records = ReadAll(**source);
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  EXPECT_TRUE(records->empty());
  for (const InputSummary& input : (*source)->inputs()) {
    EXPECT_TRUE(input.blank) << input.source;
    EXPECT_EQ(input.records, 0u) << input.source;
  }

  EXPECT_TRUE(FileRecordSource::Open({"/dev/null"}).ok()) << "a character device is read";
}

}  // namespace
}  // namespace hexaglot
