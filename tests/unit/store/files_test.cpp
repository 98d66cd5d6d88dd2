#include "partyline/store/csv.hpp"
#include "partyline/store/files.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../../test_support.hpp"
#include "partyline/error.hpp"
#include "partyline/store/sha256.hpp"

using namespace partyline;

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Csv, FieldsWithCommasOrQuotesAreQuoted) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
}

TEST(OutputDir, NonEmptyDirectoryIsRefusedWithoutForce) {
  const auto dir = partyline::testing::fresh_dir("outdir");
  EXPECT_NO_THROW(prepare_output_dir(dir, false));  // empty: fine
  write_file_atomically(dir / "runs.csv", "x\n");
  EXPECT_THROW(prepare_output_dir(dir, false), usage_error);
  EXPECT_NO_THROW(prepare_output_dir(dir, true));
  EXPECT_FALSE(std::filesystem::exists(dir / "runs.csv.partial"));
  std::filesystem::remove_all(dir);
}

TEST(OutputDir, AFileInTheWayIsRefused) {
  const auto dir = partyline::testing::fresh_dir("outfile");
  write_file_atomically(dir / "f", "x");
  EXPECT_THROW(prepare_output_dir(dir / "f", true), usage_error);
  std::filesystem::remove_all(dir);
}

TEST(Json, ManifestsKeepKeyOrderEscapeAndReadBack) {
  // Manifests are nlohmann::ordered_json dumped with an indent of 2 (what `run` writes).
  const nlohmann::ordered_json m{{"command", "partyline run \"odd\npath\""}, {"o", {{"n", 3}}}, {"complete", true}};
  const std::string text = m.dump(2);
  EXPECT_EQ(text, "{\n  \"command\": \"partyline run \\\"odd\\npath\\\"\",\n  \"o\": {\n    \"n\": 3\n  },\n  \"complete\": true\n}");
  EXPECT_EQ(nlohmann::ordered_json::parse(text), m);
}

TEST(Csv, ReaderUnderstandsQuotesCommasLineBreaksAndCrlf) {
  const std::string text = "a,\"b,c\",d\r\n1,\"say \"\"no\"\"\",\"two\nlines\"\r\n2,,x\n";
  const table_data t = read_csv(text, "t.csv");
  ASSERT_EQ(t.columns, (std::vector<std::string>{"a", "b,c", "d"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"1", "say \"no\"", "two\nlines"}));
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"2", "", "x"}));
  EXPECT_EQ(t.numbers("a"), (std::vector<double>{1, 2}));
}

TEST(Csv, WriterAndReaderRoundTripAndHeadersAreQuotedLikeCells) {
  table_data t;
  t.columns = {"run", "odd, header"};
  t.rows = {{"0", "plain"}, {"1", "with \"quotes\", commas\nand lines"}};
  const std::string text = to_csv(t);
  EXPECT_EQ(text.substr(0, text.find('\n')), "run,\"odd, header\"");
  const table_data back = read_csv(text, "t.csv");
  EXPECT_EQ(back.columns, t.columns);
  EXPECT_EQ(back.rows, t.rows);
}

TEST(Csv, AnUnterminatedQuoteOrAnOverlongRowIsAnError) {
  EXPECT_THROW((void)read_csv("a,b\n1,\"never closed\n", "t.csv"), usage_error);
  EXPECT_THROW((void)read_csv("a,b\n1,2,3\n", "t.csv"), usage_error);
}

TEST(ResultSet, RowsCountRecordsNotLineBreaksInsideQuotes) {
  EXPECT_EQ(csv_rows("a,b\n1,2\n3,4\n"), 2);
  EXPECT_EQ(csv_rows("a,b\n1,\"two\nlines\"\n"), 1);
  EXPECT_EQ(csv_rows("a,b\n1,2"), 1);  // no final line break
  EXPECT_EQ(csv_rows("a,b\n"), 0);
}

TEST(ResultSet, AnUncommittedSetLeavesThePreviousSetWholeAndNothingStaged) {
  const auto dir = partyline::testing::fresh_dir("resultset-uncommitted");
  {
    result_set_writer old_set(dir);
    old_set.add("runs.csv", "run\n0\n");
    old_set.add("events.csv", "run,event\n0,x\n");
    old_set.commit("manifest.json", "{\"old\": true}\n", {});
  }
  {
    result_set_writer dropped(dir);  // e.g. the disk filled while staging: never committed
    dropped.add("runs.csv", "run\n0\n1\n");
  }
  EXPECT_EQ(partyline::testing::slurp(dir / "runs.csv"), "run\n0\n");
  EXPECT_EQ(partyline::testing::slurp(dir / "manifest.json"), "{\"old\": true}\n");
  EXPECT_TRUE(holds_no_results(dir) == false);
  for (const auto& e : std::filesystem::directory_iterator(dir))
    EXPECT_NE(e.path().filename().string().rfind(staging_prefix, 0), 0u) << e.path();
  std::filesystem::remove_all(dir);
}

TEST(ResultSet, ACommittedSetReplacesThePreviousSetWhole) {
  const auto dir = partyline::testing::fresh_dir("resultset-replace");
  {
    result_set_writer first(dir);
    first.add("runs.csv", "run\n0\n");
    first.add("events.csv", "run,event\n0,x\n");
    first.commit("manifest.json", "{\"first\": true}\n", {});
  }
  result_set_writer second(dir);
  second.add("runs.csv", "run\n0\n1\n");
  ASSERT_EQ(second.tables().size(), 1u);
  EXPECT_EQ(second.tables()[0].rows, 2);
  EXPECT_EQ(second.tables()[0].sha256, sha256_hex("run\n0\n1\n"));
  second.commit("manifest.json", "{\"second\": true}\n", {"runs.csv", "events.csv"});
  EXPECT_EQ(partyline::testing::slurp(dir / "runs.csv"), "run\n0\n1\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "events.csv"));  // the first set's table it does not replace goes
  EXPECT_EQ(partyline::testing::slurp(dir / "manifest.json"), "{\"second\": true}\n");
  std::filesystem::remove_all(dir);
}
