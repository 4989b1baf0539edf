// Crash safety: an indexing child process is killed with SIGKILL at random moments; every
// time, the index opens at the last committed generation with the right document count,
// and Check is clean.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <set>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "index/index_files.h"
#include "index/manifest.h"
#include "index_test_util.h"

namespace hexaglot {
namespace {

constexpr int kBatch = 20;
constexpr int kKills = 200;

// Live documents after the commit of generation g: batch b (committed as generation
// b + 1) adds kBatch documents of doc "b<b>" and deletes those of batch b - 2.
std::uint64_t ExpectedDocs(std::uint64_t generation) {
  const std::uint64_t batches = generation - 1;
  return std::min<std::uint64_t>(batches, 2) * kBatch;
}

// Indexes batches forever, reporting each committed generation on `report_fd`.
[[noreturn]] void RunIndexingChild(const std::string& path, int report_fd) {
  IndexWriterOptions options;
  options.threads = 1;
  options.memory_budget_bytes = 1 << 20;
  options.merge_policy.segments_per_tier = 3;
  options.merge_policy.max_merge_at_once = 3;
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(path, options);
  if (!writer.ok()) ::_exit(2);
  std::uint64_t batch = (*writer)->generation() - 1;
  for (int i = 0; i < 10000; ++i) {
    ++batch;
    const std::vector<Paragraph> docs =
        testing::GeneratedParagraphs("b" + std::to_string(batch), kBatch);
    if (!(*writer)->AddAll(docs).ok()) ::_exit(3);
    if (batch >= 3) {
      Result<std::uint64_t> deleted =
          (*writer)->DeleteByTerm("doc", "b" + std::to_string(batch - 2));
      if (!deleted.ok() || *deleted != kBatch) ::_exit(4);
    }
    if (!(*writer)->Commit().ok()) ::_exit(5);
    const std::uint64_t generation = (*writer)->generation();
    if (::write(report_fd, &generation, sizeof(generation)) != sizeof(generation)) ::_exit(6);
  }
  ::_exit(0);
}

// SIGKILL leaves the page cache intact, so fsync plays no part here: a tmpfs folder
// (/dev/shm) makes commits fast and the kills land among many more of them.
std::string CrashFolderBase() {
  std::error_code error;
  if (std::filesystem::is_directory("/dev/shm", error) && ::access("/dev/shm", W_OK) == 0) {
    return "/dev/shm";
  }
  return {};
}

TEST(CrashTest, KilledWriterLeavesTheLastCommit) {
  const std::string base = CrashFolderBase();
  testing::ScratchFolder folder("crash", base);
  // Random delays before the kill, up to a few commits' time.
  const unsigned max_delay_us = base.empty() ? 300000 : 60000;
  const std::string path = folder.path().string();
  ASSERT_TRUE(IndexWriter::Open(path).ok());  // Generation 1, empty.
  std::mt19937 rng(20240601);
  std::uint64_t committed = 1;
  int rounds_with_new_commits = 0;
  for (int round = 0; round < kKills; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      RunIndexingChild(path, fds[1]);
    }
    ::close(fds[1]);
    ::usleep(static_cast<useconds_t>(rng() % max_delay_us));
    ::kill(pid, SIGKILL);
    int wait_status = 0;
    ASSERT_EQ(::waitpid(pid, &wait_status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(wait_status))
        << "round " << round << ": the child exited with " << WEXITSTATUS(wait_status);
    std::uint64_t reported = 0;
    const std::uint64_t before = committed;
    while (::read(fds[0], &reported, sizeof(reported)) == sizeof(reported)) {
      committed = reported;
    }
    ::close(fds[0]);
    if (committed > before) ++rounds_with_new_commits;

    Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(path);
    ASSERT_TRUE(reader.ok()) << "round " << round << ": " << reader.status().ToString();
    const std::uint64_t generation = (*reader)->generation();
    // Killed after a commit's rename but before its report: one generation ahead.
    ASSERT_TRUE(generation == committed || generation == committed + 1)
        << "round " << round << ": generation " << generation << ", last reported " << committed;
    committed = generation;
    ASSERT_EQ((*reader)->doc_count(), ExpectedDocs(generation)) << "round " << round;
    Status check = (*reader)->Check();
    ASSERT_TRUE(check.ok()) << "round " << round << ": " << check.ToString();
  }
  RecordProperty("rounds_with_new_commits", rounds_with_new_commits);
  RecordProperty("final_generation", static_cast<int>(committed));
  EXPECT_GT(rounds_with_new_commits, kKills / 4) << "the kills should land mid-indexing";

  // The next writer removes what interrupted commits left behind.
  ASSERT_TRUE(IndexWriter::Open(path).ok());
  auto directory = NewDiskDirectory(path, false);
  ASSERT_TRUE(directory.ok());
  auto manifest = index::ReadLatestManifest(directory->get());
  ASSERT_TRUE(manifest.ok() && manifest->has_value());
  const std::vector<std::string> referenced = index::ReferencedFiles(**manifest);
  const std::set<std::string> expected(referenced.begin(), referenced.end());
  Result<std::vector<std::string>> files = (*directory)->ListFiles();
  ASSERT_TRUE(files.ok());
  const std::vector<std::string> names = std::move(*files);
  for (const std::string& file : names) {
    EXPECT_TRUE(expected.contains(file)) << "leftover file " << file;
  }
}

}  // namespace
}  // namespace hexaglot
