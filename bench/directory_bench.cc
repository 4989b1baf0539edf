// Directory throughput: appending a segment-sized file (memory vs disk, small vs large
// appends) and mapping one for reading.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "util/directory.h"

namespace hexaglot {
namespace {

constexpr std::size_t kFileSize = 8 << 20;

std::unique_ptr<Directory> OpenDirectory(bool on_disk, std::filesystem::path* folder) {
  if (!on_disk) return NewMemoryDirectory();
  *folder = std::filesystem::temp_directory_path() /
            ("hexaglot_directory_benchmark_" + std::to_string(::getpid()));
  Result<std::unique_ptr<Directory>> dir = NewDiskDirectory(folder->string(), true);
  return dir.ok() ? std::move(*dir) : nullptr;
}

// Arguments: on disk (0/1), bytes per Append. Each iteration writes, syncs and closes an
// 8 MiB file, then removes it.
void BM_WriteFile(benchmark::State& state) {
  const bool on_disk = state.range(0) != 0;
  const auto chunk_size = static_cast<std::size_t>(state.range(1));
  std::filesystem::path folder;
  std::unique_ptr<Directory> dir = OpenDirectory(on_disk, &folder);
  if (dir == nullptr) {
    state.SkipWithError("cannot open the benchmark folder");
    return;
  }
  const std::string chunk(chunk_size, 'p');
  for (auto _ : state) {
    Result<std::unique_ptr<WritableFile>> file = dir->NewWritableFile("seg", WriteMode::kCreateNew);
    if (!file.ok()) {
      state.SkipWithError(file.status().ToString().c_str());
      break;
    }
    for (std::size_t written = 0; written < kFileSize; written += chunk_size) {
      if (!(*file)->Append(chunk).ok()) state.SkipWithError("Append failed");
    }
    if (!(*file)->Sync().ok() || !(*file)->Close().ok()) state.SkipWithError("Sync failed");
    Result<std::uint64_t> size = dir->FileSize("seg");
    if (!size.ok() || *size != kFileSize) state.SkipWithError("wrong file size");
    if (!dir->Remove("seg").ok()) state.SkipWithError("Remove failed");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kFileSize));
  dir.reset();
  std::error_code error;
  if (on_disk) std::filesystem::remove_all(folder, error);
}
BENCHMARK(BM_WriteFile)
    ->ArgNames({"disk", "append"})
    ->ArgsProduct({{0, 1}, {64, 4096, 1 << 20}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Arguments: on disk (0/1). Each iteration opens an 8 MiB file and reads one byte per
// 4 KiB page, which on disk faults in every page of the mapping.
void BM_OpenAndTouchFile(benchmark::State& state) {
  const bool on_disk = state.range(0) != 0;
  std::filesystem::path folder;
  std::unique_ptr<Directory> dir = OpenDirectory(on_disk, &folder);
  if (dir == nullptr) {
    state.SkipWithError("cannot open the benchmark folder");
    return;
  }
  std::string contents(kFileSize, '\0');
  for (std::size_t i = 0; i < contents.size(); i += 4096) contents[i] = 1;
  {
    Result<std::unique_ptr<WritableFile>> file = dir->NewWritableFile("seg", WriteMode::kCreateNew);
    if (!file.ok() || !(*file)->Append(contents).ok() || !(*file)->Close().ok()) {
      state.SkipWithError("cannot write the file");
      return;
    }
  }
  for (auto _ : state) {
    Result<ReadableFile> file = dir->OpenReadableFile("seg");
    if (!file.ok()) {
      state.SkipWithError(file.status().ToString().c_str());
      break;
    }
    std::uint64_t sum = 0;
    const std::string_view data = file->data();
    for (std::size_t i = 0; i < data.size(); i += 4096) sum += static_cast<std::uint8_t>(data[i]);
    if (sum != kFileSize / 4096) state.SkipWithError("read the wrong bytes");
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kFileSize));
  dir.reset();
  std::error_code error;
  if (on_disk) std::filesystem::remove_all(folder, error);
}
BENCHMARK(BM_OpenAndTouchFile)->ArgNames({"disk"})->Arg(0)->Arg(1);

}  // namespace
}  // namespace hexaglot

BENCHMARK_MAIN();
