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
    const std::string& language() const { return language_; } // its name, in that language
    // Offered in the 3D interface's language choice (its letters are in the font subset).
    bool forInterface() const { return interface_; }
    // Not checked by a native speaker: this says so, in that language ("" when checked).
    const std::string& uncheckedNote() const { return uncheckedNote_; }
    // The text of `key`, or nullptr where this language has none (the text route falls back to
    // Dutch per key and marks that element's language).
    const std::string* find(const std::string& key) const;

  private:
    std::string language_;
    bool interface_ = false;
    std::string uncheckedNote_;
    std::map<std::string, std::string> text_;
};

} // namespace almere
