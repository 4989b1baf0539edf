#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hexaglot/ingest.h"

namespace hexaglot {
namespace {

using Symbols = std::vector<std::string>;

TEST(FindDocumentSymbolsTest, FindsSymbolsInParenthesesAndRunningText) {
  EXPECT_EQ(FindDocumentSymbols("a background paper (CTOC/COP/WG.7/2018/2)."),
            Symbols{"CTOC/COP/WG.7/2018/2"});
  EXPECT_EQ(FindDocumentSymbols("See A/RES/70/1, E/CN.15/2019/L.2/Add.1 and S/2020/123."),
            (Symbols{"A/RES/70/1", "E/CN.15/2019/L.2/Add.1", "S/2020/123"}));
  EXPECT_EQ(FindDocumentSymbols("文件（CTOC/COP/WG.7/2016/2）。"), Symbols{"CTOC/COP/WG.7/2016/2"});
}

TEST(FindDocumentSymbolsTest, KeepsFirstOccurrenceOrderWithoutDuplicates) {
  EXPECT_EQ(FindDocumentSymbols("A/75/1 then A/74/2 then A/75/1 again"),
            (Symbols{"A/75/1", "A/74/2"}));
}

TEST(FindDocumentSymbolsTest, IgnoresWhatOnlyLooksLikeASymbol) {
  EXPECT_TRUE(FindDocumentSymbols("resolution 6/3 and/or N/A, page 3/11").empty());
  EXPECT_TRUE(FindDocumentSymbols("the A//B split, a trailing A/ slash, xA/1").empty());
  EXPECT_TRUE(FindDocumentSymbols("LONGSERIES/2020/1 has a nine-letter series").empty());
  EXPECT_TRUE(FindDocumentSymbols("").empty());
}

}  // namespace
}  // namespace hexaglot
