// The real RE2, as Envoy links it, asked what meshc's RE2 code claims to know: does a pattern compile, how
// large is its program (RE2::ProgramSize, the number Envoy limits), and does it fully match each input.
// Protocol, one line per pattern: hex(pattern) [space hex(input)]...; answer: "ERR" or the size, then 0/1
// per input. RE2::Quiet is the option Envoy compiles safe_regex with (source/common/common/regex.cc).
#include <re2/re2.h>
#include <iostream>
#include <sstream>
#include <string>

static std::string unhex(const std::string& h) {
  std::string out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream fields(line);
    std::string field;
    fields >> field;
    RE2 re(unhex(field == "-" ? "" : field), RE2::Quiet);
    if (!re.ok()) {
      std::cout << "ERR\n";
      continue;
    }
    std::cout << re.ProgramSize();
    while (fields >> field) std::cout << ' ' << (RE2::FullMatch(unhex(field == "-" ? "" : field), re) ? 1 : 0);
    std::cout << '\n';
  }
}
