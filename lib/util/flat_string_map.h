// FlatStringMap: a map from strings to values for many short keys (record ids), stored
// flat: the keys end to end in one string, the values in one vector, and an
// open-addressing table (linear probing, at most half full) of (hash tag, entry + 1)
// slots. A std::unordered_map<std::string, V> allocated a node per key and chased
// pointers at every lookup: the id tables of `hexaglot index` (the JSON Lines duplicate
// check and Update's comparison, both in serial steps) took 3-4% of its CPU so.
//
// Entries keep their insertion order (ForEach); there is no erase.
//
// Thread safety: none; a const map may be read from several threads.

#ifndef HEXAGLOT_UTIL_FLAT_STRING_MAP_H_
#define HEXAGLOT_UTIL_FLAT_STRING_MAP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/checksum.h"

namespace hexaglot {

template <typename Value>
class FlatStringMap {
 public:
  FlatStringMap() = default;

  // Sizes the table for `count` keys (more still fit: the table grows).
  void Reserve(std::size_t count) {
    entries_.reserve(count);
    values_.reserve(count);
    if (count * 2 > slots_.size()) Rehash(SlotsFor(count));
  }

  std::size_t size() const { return entries_.size(); }

  // The value of `key`, or null. The pointer is valid until the next insertion.
  Value* Find(std::string_view key) {
    if (slots_.empty()) return nullptr;
    const std::uint64_t hash = Checksum64(key);
    const std::uint64_t slot = slots_[FindSlot(key, hash)];
    return slot == 0 ? nullptr : &values_[static_cast<std::uint32_t>(slot) - 1];
  }

  // The value of `key`, value-initialised and inserted when absent, and whether it was
  // inserted. The pointer is valid until the next insertion.
  // REQUIRES: fewer than 2^32 - 1 keys.
  std::pair<Value*, bool> TryEmplace(std::string_view key) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Rehash(SlotsFor(entries_.size() + 1));
    const std::uint64_t hash = Checksum64(key);
    const std::size_t slot = FindSlot(key, hash);
    if (slots_[slot] != 0) return {&values_[static_cast<std::uint32_t>(slots_[slot]) - 1], false};
    entries_.push_back({keys_.size(), static_cast<std::uint32_t>(key.size())});
    keys_.append(key);
    values_.emplace_back();
    slots_[slot] = (hash & kTagMask) | entries_.size();
    return {&values_.back(), true};
  }

  // Calls visit(key, value) for every entry, in insertion order.
  template <typename Visit>
  void ForEach(Visit visit) const {
    for (std::size_t i = 0; i < entries_.size(); ++i) visit(KeyAt(i), values_[i]);
  }

 private:
  struct Entry {
    std::size_t offset;  // In keys_.
    std::uint32_t size;
  };
  // A slot: the hash's high half, then the entry's index + 1 (0: empty).
  static constexpr std::uint64_t kTagMask = ~std::uint64_t{0xFFFFFFFF};
  static constexpr std::size_t kMinSlots = 64;

  static std::size_t SlotsFor(std::size_t count) {
    std::size_t slots = kMinSlots;
    while (slots < count * 2) slots *= 2;
    return slots;
  }

  std::string_view KeyAt(std::size_t i) const {
    return std::string_view(keys_).substr(entries_[i].offset, entries_[i].size);
  }

  // The slot holding `key`, or the empty slot where it would go.
  std::size_t FindSlot(std::string_view key, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return i;
      if ((slot & kTagMask) == (hash & kTagMask) &&
          KeyAt(static_cast<std::uint32_t>(slot) - 1) == key) {
        return i;
      }
    }
  }

  void Rehash(std::size_t slot_count) {
    std::vector<std::uint64_t> slots(slot_count, 0);
    const std::size_t mask = slot_count - 1;
    for (std::size_t e = 0; e < entries_.size(); ++e) {
      const std::uint64_t hash = Checksum64(KeyAt(e));
      std::size_t i = static_cast<std::size_t>(hash) & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = (hash & kTagMask) | (e + 1);
    }
    slots_ = std::move(slots);
  }

  std::string keys_;
  std::vector<Entry> entries_;
  std::vector<Value> values_;
  std::vector<std::uint64_t> slots_;  // Size a power of two, or empty.
};

}  // namespace hexaglot

#endif  // HEXAGLOT_UTIL_FLAT_STRING_MAP_H_
