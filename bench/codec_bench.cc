// Throughput of the integer codecs (lib/codec): packing and unpacking per bit width, the
// checked block decoders on realistic d-gap and term-frequency distributions, the varint
// tail, and a memcpy of the decoded integers as the memory-bandwidth bound.
//
// Every benchmark first checks that it decodes what was encoded; a mismatch marks the
// benchmark as failed and makes the binary exit non-zero, so the CTest smoke run catches
// it. Inputs are seeded: runs are comparable.
//
//   build/dev/bench/codec_bench --benchmark_filter=Unpack
//
// items_per_second is decoded (or encoded) integers per second; bits_per_int is the
// encoded size including block headers.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "codec/bit_packing.h"
#include "codec/block_codec.h"

namespace hexaglot::codec {
namespace {

bool g_failed = false;

void Fail(benchmark::State& state, const std::string& message) {
  g_failed = true;
  state.SkipWithError(message.c_str());
}

// Enough blocks that a run is not dominated by call overhead, few enough that the packed
// input stays in L2 (at 32 bits: 256 * 512 bytes).
constexpr std::size_t kBlocks = 256;
constexpr std::size_t kInts = kBlocks * kBlockSize;

std::vector<std::uint32_t> RandomValues(int bit_width, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const std::uint32_t max = static_cast<std::uint32_t>((std::uint64_t{1} << bit_width) - 1);
  std::vector<std::uint32_t> values(kInts);
  for (auto& v : values) v = static_cast<std::uint32_t>(rng()) & max;
  return values;
}

std::string PackAll(const std::vector<std::uint32_t>& values, int bit_width) {
  std::string packed(kBlocks * PackedBytes(bit_width), '\0');
  for (std::size_t b = 0; b < kBlocks; ++b) {
    Pack128(values.data() + b * kBlockSize, bit_width, packed.data() + b * PackedBytes(bit_width));
  }
  return packed;
}

void SetCounters(benchmark::State& state, std::size_t ints, std::size_t encoded_bytes) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * ints));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * encoded_bytes));
  state.counters["bits_per_int"] =
      static_cast<double>(encoded_bytes * 8) / static_cast<double>(ints);
}

// Raw kernels, per bit width.

template <void (*kUnpack)(const char*, int, std::uint32_t*)>
void BM_Unpack(benchmark::State& state) {
  const int width = static_cast<int>(state.range(0));
  const std::vector<std::uint32_t> values = RandomValues(width, 1);
  const std::string packed = PackAll(values, width);
  std::uint32_t out[kBlockSize];
  for (std::size_t b = 0; b < kBlocks; ++b) {
    kUnpack(packed.data() + b * PackedBytes(width), width, out);
    if (!std::equal(out, out + kBlockSize, values.begin() + b * kBlockSize)) {
      return Fail(state, "unpacked values differ from the packed ones");
    }
  }
  for (auto _ : state) {
    const char* in = packed.data();
    for (std::size_t b = 0; b < kBlocks; ++b) {
      kUnpack(in, width, out);
      in += PackedBytes(width);
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
  }
  SetCounters(state, kInts, packed.size());
}
BENCHMARK(BM_Unpack<Unpack128>)->Name("BM_Unpack")->DenseRange(0, kMaxBitWidth);
BENCHMARK(BM_Unpack<internal::Unpack128Scalar>)
    ->Name("BM_UnpackScalar")
    ->DenseRange(0, kMaxBitWidth, 4);

void BM_UnpackDelta(benchmark::State& state) {
  const int width = static_cast<int>(state.range(0));
  const std::vector<std::uint32_t> gaps = RandomValues(width, 2);
  const std::string packed = PackAll(gaps, width);
  std::uint32_t out[kBlockSize];
  Unpack128Delta(packed.data(), width, 7, out);
  std::uint32_t sum = 7;
  for (std::size_t i = 0; i < kBlockSize; ++i) {
    sum += gaps[i];
    if (out[i] != sum) return Fail(state, "delta unpacking is not the prefix sum of the gaps");
  }
  for (auto _ : state) {
    const char* in = packed.data();
    std::uint32_t base = 0;
    for (std::size_t b = 0; b < kBlocks; ++b) {
      Unpack128Delta(in, width, base, out);
      in += PackedBytes(width);
      base = out[kBlockSize - 1];
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
  }
  SetCounters(state, kInts, packed.size());
}
BENCHMARK(BM_UnpackDelta)->DenseRange(0, kMaxBitWidth);

// The unfused alternative to Unpack128Delta: unpack, then a separate prefix-sum pass.
// Kept to show what fusing buys.
void BM_UnpackThenPrefixSum(benchmark::State& state) {
  const int width = static_cast<int>(state.range(0));
  const std::vector<std::uint32_t> gaps = RandomValues(width, 2);
  const std::string packed = PackAll(gaps, width);
  std::uint32_t out[kBlockSize];
  std::uint32_t fused[kBlockSize];
  for (auto _ : state) {
    const char* in = packed.data();
    std::uint32_t base = 0;
    for (std::size_t b = 0; b < kBlocks; ++b) {
      Unpack128(in, width, out);
      for (std::uint32_t& v : out) v = base += v;
      in += PackedBytes(width);
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
  }
  Unpack128Delta(packed.data() + (kBlocks - 1) * PackedBytes(width), width,
                 out[0] - gaps[(kBlocks - 1) * kBlockSize], fused);
  if (!std::equal(out, out + kBlockSize, fused)) {
    return Fail(state, "unfused and fused delta decoding disagree");
  }
  SetCounters(state, kInts, packed.size());
}
BENCHMARK(BM_UnpackThenPrefixSum)->Arg(1)->Arg(8)->Arg(16)->Arg(32);

void BM_Pack(benchmark::State& state) {
  const int width = static_cast<int>(state.range(0));
  const std::vector<std::uint32_t> values = RandomValues(width, 3);
  std::string packed(kBlocks * PackedBytes(width), '\0');
  if (PackAll(values, width) != [&] {
        std::string scalar(packed.size(), '\0');
        for (std::size_t b = 0; b < kBlocks; ++b) {
          internal::Pack128Scalar(values.data() + b * kBlockSize, width,
                                  scalar.data() + b * PackedBytes(width));
        }
        return scalar;
      }()) {
    return Fail(state, "SIMD and scalar packing disagree");
  }
  for (auto _ : state) {
    for (std::size_t b = 0; b < kBlocks; ++b) {
      Pack128(values.data() + b * kBlockSize, width, packed.data() + b * PackedBytes(width));
    }
    benchmark::DoNotOptimize(packed.data());
    benchmark::ClobberMemory();
  }
  SetCounters(state, kInts, packed.size());
}
BENCHMARK(BM_Pack)->DenseRange(0, kMaxBitWidth);

// The bandwidth bound: copying the decoded integers, block by block, as a decoder writes
// them.
void BM_MemcpyDecoded(benchmark::State& state) {
  const std::vector<std::uint32_t> values = RandomValues(32, 4);
  std::uint32_t out[kBlockSize];
  for (auto _ : state) {
    for (std::size_t b = 0; b < kBlocks; ++b) {
      std::memcpy(out, values.data() + b * kBlockSize, sizeof(out));
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
  }
  if (!std::equal(out, out + kBlockSize, values.end() - kBlockSize)) {
    return Fail(state, "memcpy lost bytes");
  }
  SetCounters(state, kInts, kInts * sizeof(std::uint32_t));
}
BENCHMARK(BM_MemcpyDecoded);

// Realistic postings: doc ids of a term in a collection of 10 million documents, at a
// document frequency of 1/range(0) (geometric d-gaps), and its term frequencies
// (mostly 1, a Zipf-like tail), encoded with the checked block format as the postings
// file stores them (frequencies minus one) and decoded as its reader does (strict delta
// blocks, frequency blocks plus one).
struct Postings {
  std::vector<std::uint32_t> docs;
  std::vector<std::uint32_t> freqs;
  std::string encoded_docs;
  std::string encoded_freqs;
};

Postings MakePostings(std::int64_t inverse_density) {
  std::mt19937 rng(static_cast<std::uint32_t>(inverse_density));
  std::geometric_distribution<std::uint32_t> gap(1.0 / static_cast<double>(inverse_density));
  std::geometric_distribution<std::uint32_t> extra_freq(0.6);
  Postings p;
  std::uint32_t doc = 0;
  for (std::size_t i = 0; i < kInts; ++i) {
    doc += 1 + gap(rng);
    p.docs.push_back(doc);
    p.freqs.push_back(1 + extra_freq(rng));
  }
  EncodeDeltaSequence(0, p.docs, &p.encoded_docs);
  std::vector<std::uint32_t> stored_freqs = p.freqs;
  for (std::uint32_t& f : stored_freqs) --f;
  EncodeSequence(stored_freqs, &p.encoded_freqs);
  return p;
}

void BM_DecodeDocIds(benchmark::State& state) {
  const Postings p = MakePostings(state.range(0));
  std::vector<std::uint32_t> check(kInts);
  std::string_view all = p.encoded_docs;
  if (!DecodeDeltaSequence(&all, 0, check).ok() || check != p.docs || !all.empty()) {
    return Fail(state, "doc ids do not round-trip");
  }
  std::uint32_t out[kBlockSize];
  for (auto _ : state) {
    std::string_view in = p.encoded_docs;
    std::uint32_t base = 0;
    for (std::size_t b = 0; b < kBlocks; ++b) {
      if (!DecodeStrictDeltaBlock(&in, base, out).ok()) return Fail(state, "corruption");
      base = out[kBlockSize - 1];
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
  }
  SetCounters(state, kInts, p.encoded_docs.size());
}
BENCHMARK(BM_DecodeDocIds)->Arg(2)->Arg(16)->Arg(256)->Arg(4096);

void BM_DecodeFreqs(benchmark::State& state) {
  const Postings p = MakePostings(16);
  std::string_view all = p.encoded_freqs;
  std::uint32_t out[kBlockSize];
  for (std::size_t b = 0; b < kBlocks; ++b) {
    if (!DecodeBlockPlus(&all, 1, out).ok() ||
        !std::equal(out, out + kBlockSize, p.freqs.begin() + b * kBlockSize)) {
      return Fail(state, "term frequencies do not round-trip");
    }
  }
  for (auto _ : state) {
    std::string_view in = p.encoded_freqs;
    for (std::size_t b = 0; b < kBlocks; ++b) {
      if (!DecodeBlockPlus(&in, 1, out).ok()) return Fail(state, "corruption");
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
  }
  SetCounters(state, kInts, p.encoded_freqs.size());
}
BENCHMARK(BM_DecodeFreqs);

void BM_EncodeDocIds(benchmark::State& state) {
  const Postings p = MakePostings(state.range(0));
  std::string out;
  for (auto _ : state) {
    out.clear();
    EncodeDeltaSequence(0, p.docs, &out);
    benchmark::DoNotOptimize(out.data());
  }
  if (out != p.encoded_docs) return Fail(state, "encoding is not deterministic");
  SetCounters(state, kInts, out.size());
}
BENCHMARK(BM_EncodeDocIds)->Arg(16)->Arg(4096);

// The varint tail on the same doc-id gaps, as if every value were in a tail.
void BM_DecodeDeltaVarintTail(benchmark::State& state) {
  const Postings p = MakePostings(state.range(0));
  std::string encoded;
  EncodeDeltaVarintTail(0, p.docs, &encoded);
  std::vector<std::uint32_t> out(kInts);
  for (auto _ : state) {
    std::string_view in = encoded;
    if (!DecodeDeltaVarintTail(&in, 0, out).ok()) return Fail(state, "corruption");
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  if (out != p.docs) return Fail(state, "varint tail does not round-trip");
  SetCounters(state, kInts, encoded.size());
}
BENCHMARK(BM_DecodeDeltaVarintTail)->Arg(16)->Arg(4096);

}  // namespace
}  // namespace hexaglot::codec

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return hexaglot::codec::g_failed ? 1 : 0;
}
