// Checksums of file footers and blocks: XXH3-64 (xxHash 0.8, seed 0), whose output is
// frozen by its authors, so stored checksums stay valid across library versions.
//
// XXH3 rather than CRC32C: it is as fast without a hardware CRC instruction (hexaglot is
// built for baseline x86-64 and other CPUs), and 64 bits make an accidental match of a
// corrupted file negligible.
//
// Specified in lib/codec/CODECS.md, "Checksum".
//
// Thread safety: Checksum64 is pure. A Checksum64Builder is a mutable object: use one per
// thread.

#ifndef HEXAGLOT_UTIL_CHECKSUM_H_
#define HEXAGLOT_UTIL_CHECKSUM_H_

#include <cstdint>
#include <memory>
#include <string_view>

namespace hexaglot {

// XXH3_64bits(data) with seed 0.
std::uint64_t Checksum64(std::string_view data);

// The checksum of data fed in pieces: Update(a); Update(b); Digest() equals
// Checksum64(a + b). For writers that checksum a file as they stream it out.
class Checksum64Builder {
 public:
  Checksum64Builder();
  ~Checksum64Builder();
  Checksum64Builder(const Checksum64Builder&) = delete;
  Checksum64Builder& operator=(const Checksum64Builder&) = delete;

  void Update(std::string_view data);

  // The checksum of everything passed to Update so far; more Updates may follow.
  std::uint64_t Digest() const;

  // Forgets everything passed to Update.
  void Reset();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace hexaglot

#endif  // HEXAGLOT_UTIL_CHECKSUM_H_
