// CSV (RFC 4180): one writer, one reader.
#include "partyline/store/csv.hpp"

#include <charconv>

#include "partyline/error.hpp"

namespace partyline {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

csv_writer::csv_writer(const std::vector<std::string>& header) {
  for (const auto& h : header) cell(h);
  end_row();
}

void csv_writer::separator() {
  if (row_started_) out_ += ',';
  row_started_ = true;
}

csv_writer& csv_writer::cell(std::string_view text) {
  separator();
  out_ += csv_field(text);
  return *this;
}

csv_writer& csv_writer::cell(std::int64_t n) {
  separator();
  out_ += std::to_string(n);
  return *this;
}

csv_writer& csv_writer::cell(std::uint64_t n) {
  separator();
  out_ += std::to_string(n);
  return *this;
}

csv_writer& csv_writer::cell(double x) {
  separator();
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  out_.append(buf, r.ptr);
  return *this;
}

void csv_writer::end_row() {
  out_ += '\n';
  row_started_ = false;
}

std::string to_csv(const table_data& t) {
  csv_writer w(t.columns);
  for (const auto& row : t.rows) {
    for (const auto& c : row) w.cell(c);
    w.end_row();
  }
  return w.text();
}

std::string to_csv(const result_table& t) {
  std::vector<std::string> header;
  for (const auto& c : t.columns) header.push_back(c.name);
  csv_writer w(header);
  const std::size_t rows = t.rows();
  for (std::size_t r = 0; r < rows; ++r) {
    for (const auto& c : t.columns) {
      switch (c.kind) {
        case result_column::type::integer: w.cell(c.integers[r]); break;
        case result_column::type::real: w.cell(c.reals[r]); break;
        case result_column::type::text: w.cell(std::string_view(c.text(r))); break;
      }
    }
    w.end_row();
  }
  return w.text();
}

table_data read_csv(std::string_view text, const std::string& label) {
  table_data t;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  int line = 1, row_line = 1;
  auto end_cell = [&] {
    row.push_back(std::move(cell));
    cell.clear();
  };
  auto end_row = [&] {
    end_cell();
    if (t.columns.empty()) {
      t.columns = std::move(row);
    } else {
      if (row.size() > t.columns.size())
        throw usage_error(label + ":" + std::to_string(row_line) + ": a row of " + std::to_string(row.size()) +
                          " cells under a header of " + std::to_string(t.columns.size()));
      row.resize(t.columns.size());
      t.rows.push_back(std::move(row));
    }
    row.clear();
    any = false;
    row_line = line;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        if (ch == '\n') ++line;
        cell += ch;
      }
      continue;
    }
    any = true;
    if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      end_cell();
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // CRLF: the \n ends the row
    } else if (ch == '\n') {
      ++line;
      end_row();
    } else {
      cell += ch;
    }
  }
  if (quoted) throw usage_error(label + ":" + std::to_string(row_line) + ": a quoted cell is never closed");
  if (any || !cell.empty() || !row.empty()) end_row();  // a last row without a line break
  return t;
}

}  // namespace partyline
