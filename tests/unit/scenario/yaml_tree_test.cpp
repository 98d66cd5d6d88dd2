#include "partyline/scenario/yaml_tree.hpp"
#include "partyline/scenario/yaml_edit.hpp"

#include <gtest/gtest.h>

#include "../../test_support.hpp"

using namespace partyline;

TEST(YamlTree, RemembersLineAndColumnOfNodesAndKeys) {
  const yaml_node root = parse_yaml_text("name: x\ncouncils:\n  - id: a\n    seats: {lab: 3}\n", "f.yaml");
  ASSERT_EQ(root.kind, yaml_kind::map);
  const yaml_node* councils = root.find("councils");
  ASSERT_NE(councils, nullptr);
  ASSERT_EQ(councils->children.size(), 1u);
  const yaml_node& c0 = councils->children[0];
  EXPECT_EQ(c0.key_marks[1].line, 4);
  EXPECT_EQ(c0.key_marks[1].column, 5);
  EXPECT_EQ(c0.find("seats")->find("lab")->value, "3");
  EXPECT_EQ(c0.find("seats")->find("lab")->mark.line, 4);
  EXPECT_EQ(*root.mark.file, "f.yaml");
}

TEST(YamlTree, QuotedScalarsAreMarked) {
  const yaml_node root = parse_yaml_text("a: \"1\"\nb: 1\n", "f");
  EXPECT_TRUE(root.find("a")->quoted);
  EXPECT_FALSE(root.find("b")->quoted);
}

TEST(YamlTree, DuplicateKeysAreRefusedWithBothLines) {
  try {
    (void)parse_yaml_text("a: 1\nb:\n  c: 1\n  c: 2\n", "dup.yaml");
    FAIL() << "duplicate key accepted";
  } catch (const scenario_error& e) {
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().column, 3);
    EXPECT_NE(std::string(e.what()).find("duplicate key (first given at line 3)"), std::string::npos) << e.what();
  }
}

TEST(YamlTree, SmallAliasesAreExpanded) {
  const yaml_node root = parse_yaml_text("base: &b {x: 1}\ncopy: *b\n", "f");
  EXPECT_EQ(root.find("copy")->find("x")->value, "1");
}

TEST(YamlTree, AliasBombIsRefusedBeforeExpansion) {
  // Nine levels of nine aliases would expand to 9^9 (387 million) scalars.
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    std::string prev = "*l" + std::to_string(i - 1);
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) text += (k ? ", " : "") + prev;
    text += "]\n";
  }
  try {
    (void)parse_yaml_text(text, "bomb.yaml");
    FAIL() << "alias bomb accepted";
  } catch (const scenario_error& e) {
    EXPECT_NE(std::string(e.what()).find("alias bomb"), std::string::npos) << e.what();
  }
}

TEST(YamlTree, EmptyAndCommentOnlyFilesAreErrors) {
  EXPECT_THROW((void)parse_yaml_text("", "e"), scenario_error);
  EXPECT_THROW((void)parse_yaml_text("# nothing\n", "e"), scenario_error);
  EXPECT_THROW((void)parse_yaml_text("~\n", "e"), scenario_error);
}

TEST(YamlTree, MalformedYamlNamesThePosition) {
  try {
    (void)parse_yaml_text("a: [1, 2\nb: 3\n", "bad.yaml");
    FAIL();
  } catch (const scenario_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.yaml:"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("malformed YAML"), std::string::npos);
    EXPECT_GT(e.where().line, 0);
  }
}

TEST(YamlTree, SeveralDocumentsAreRefused) {
  EXPECT_THROW((void)parse_yaml_text("a: 1\n---\nb: 2\n", "two"), scenario_error);
}

TEST(YamlTree, ComplexKeysAreRefused) {
  EXPECT_THROW((void)parse_yaml_text("? [a, b]\n: 1\n", "k"), scenario_error);
}

TEST(YamlTree, MissingFileAndDirectoryAreUsageErrors) {
  EXPECT_THROW((void)parse_yaml_file("/nonexistent/partyline.yaml"), usage_error);
  EXPECT_THROW((void)parse_yaml_file(partyline::testing::data_dir()), usage_error);
}

TEST(YamlTree, OversizedInputIsRefused) {
  yaml_limits small;
  small.max_bytes = 10;
  EXPECT_THROW((void)parse_yaml_text("name: a long enough document\n", "big", small), scenario_error);
}

TEST(SetPath, CreatesKeysForTheLoaderToCheckAndRefusesBadPaths) {
  yaml_node root = parse_yaml_text("a: {b: 1}\nlist: [{id: x, v: 1}, {id: y, v: 2}]\n", "t");
  yaml_node value;
  value.kind = yaml_kind::scalar;
  value.value = "5";
  set_path(root, "a.c", value, {});
  EXPECT_EQ(root.find("a")->find("c")->value, "5");
  set_path(root, "list.y.v", value, {});
  EXPECT_EQ(root.find("list")->children[1].find("v")->value, "5");
  set_path(root, "list[0].v", value, {});
  EXPECT_EQ(root.find("list")->children[0].find("v")->value, "5");
  EXPECT_THROW(set_path(root, "list[7].v", value, {}), scenario_error);
  EXPECT_THROW(set_path(root, "list.z.v", value, {}), scenario_error);
  EXPECT_THROW(set_path(root, "a", value, {}), scenario_error);  // a mapping, not a value
}
