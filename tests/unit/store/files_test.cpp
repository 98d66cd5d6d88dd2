#include "partyline/store/files.hpp"

#include <gtest/gtest.h>

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

TEST(Json, EscapesAndNests) {
  json_writer j;
  j.begin().field("a", "q\"uote\n").object("o").field("n", 3).end().field("b", true).end();
  EXPECT_EQ(j.str(), "{\n  \"a\": \"q\\\"uote\\n\",\n  \"o\": {\n    \"n\": 3\n  },\n  \"b\": true\n}\n");
}
