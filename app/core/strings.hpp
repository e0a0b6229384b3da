#pragma once
// Interface texts, one JSON file per language (assets/lang/<code>.json), so translations are
// data, not code. A missing key shows the key itself: visible, never a crash.
#include "core/city_source.hpp"
#include "core/result.hpp"

#include <map>
#include <string>

namespace almere {

class Strings {
  public:
    static Result<Strings> parse(const SourceFile& file);
    const char* operator()(const char* key) const;
    // The text of `key`, or nullptr where this language has none (the text route falls back to
    // Dutch per key and marks that element's language).
    const std::string* find(const std::string& key) const;
    const std::string& language() const { return language_; }

  private:
    std::string language_;
    std::map<std::string, std::string> text_;
};

} // namespace almere
