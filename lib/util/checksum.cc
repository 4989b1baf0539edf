#include "util/checksum.h"

#include <xxhash.h>

#include <new>

namespace hexaglot {

std::uint64_t Checksum64(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

// The state comes from XXH3_createState rather than being embedded: its layout is private
// to the libxxhash version loaded at run time.
struct Checksum64Builder::State {
  State() : xxh3(XXH3_createState()) {
    if (xxh3 == nullptr) throw std::bad_alloc();  // As a failed operator new would.
  }
  ~State() { XXH3_freeState(xxh3); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  XXH3_state_t* xxh3;
};

Checksum64Builder::Checksum64Builder() : state_(std::make_unique<State>()) { Reset(); }

Checksum64Builder::~Checksum64Builder() = default;

// XXH3_64bits_update and _reset fail only on a null state, which State rules out.
void Checksum64Builder::Update(std::string_view data) {
  (void)XXH3_64bits_update(state_->xxh3, data.data(), data.size());
}

std::uint64_t Checksum64Builder::Digest() const { return XXH3_64bits_digest(state_->xxh3); }

void Checksum64Builder::Reset() { (void)XXH3_64bits_reset(state_->xxh3); }

}  // namespace hexaglot
