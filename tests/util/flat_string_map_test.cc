#include "util/flat_string_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hexaglot {
namespace {

TEST(FlatStringMapTest, InsertsOnceAndFinds) {
  FlatStringMap<int> map;
  EXPECT_EQ(map.Find("a"), nullptr);
  auto [value, inserted] = map.TryEmplace("a");
  EXPECT_TRUE(inserted);
  EXPECT_EQ(*value, 0);  // Value-initialised.
  *value = 7;
  auto [again, inserted_again] = map.TryEmplace("a");
  EXPECT_FALSE(inserted_again);
  EXPECT_EQ(*again, 7);
  // The empty key and keys that are prefixes of each other are distinct.
  *map.TryEmplace("").first = 1;
  *map.TryEmplace("ab").first = 2;
  EXPECT_EQ(map.size(), 3u);
  ASSERT_NE(map.Find(""), nullptr);
  EXPECT_EQ(*map.Find(""), 1);
  EXPECT_EQ(*map.Find("ab"), 2);
  EXPECT_EQ(*map.Find("a"), 7);
  EXPECT_EQ(map.Find("b"), nullptr);
}

// Many keys through several table growths, with repeats: the same contents as a
// std::map, and ForEach visits them in insertion order.
TEST(FlatStringMapTest, AgreesWithStdMapThroughGrowth) {
  for (std::size_t reserve : {std::size_t{0}, std::size_t{50000}}) {
    FlatStringMap<std::uint32_t> map;
    map.Reserve(reserve);
    std::map<std::string, std::uint32_t> expected;
    std::vector<std::string> order;
    std::mt19937 rng(11);
    for (std::uint32_t i = 0; i < 50000; ++i) {
      const std::string key = "doc-" + std::to_string(rng() % 20000);
      auto [value, inserted] = map.TryEmplace(key);
      const auto [it, expected_inserted] = expected.emplace(key, i);
      ASSERT_EQ(inserted, expected_inserted) << key;
      if (inserted) {
        *value = i;
        order.push_back(key);
      }
      ASSERT_EQ(*value, it->second) << key;
    }
    EXPECT_EQ(map.size(), expected.size());
    for (const auto& [key, value] : expected) {
      const std::uint32_t* found = map.Find(key);
      ASSERT_NE(found, nullptr) << key;
      EXPECT_EQ(*found, value) << key;
    }
    EXPECT_EQ(map.Find("doc-20000"), nullptr);
    std::vector<std::string> visited;
    map.ForEach([&](std::string_view key, std::uint32_t value) {
      visited.emplace_back(key);
      EXPECT_EQ(value, expected.at(std::string(key)));
    });
    EXPECT_EQ(visited, order);
  }
}

}  // namespace
}  // namespace hexaglot
