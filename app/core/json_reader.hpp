#pragma once
// Validating access to content JSON. Every failure names the file and the field path
// ("assets/city/wijken.geojson: features[3].properties.code: expected a string"), so that a
// broken content pack tells municipality staff exactly what to fix. Never throws.
#include <nlohmann/json.hpp>
#include <string>

namespace almere {

class JsonReader {
  public:
    explicit JsonReader(std::string file) : file_(std::move(file)) {}

    // Parses text; on failure records an error and returns a null json.
    nlohmann::json parse(const std::string& text);

    const nlohmann::json* object(const nlohmann::json& parent, const char* key,
                                 const std::string& path);
    const nlohmann::json* array(const nlohmann::json& parent, const char* key,
                                const std::string& path);
    bool string(const nlohmann::json& parent, const char* key, const std::string& path,
                std::string& out);
    bool number(const nlohmann::json& parent, const char* key, const std::string& path,
                double& out);
    bool optionalBool(const nlohmann::json& parent, const char* key, const std::string& path,
                      bool& out);

    // Records the first error only: later ones are usually consequences of it.
    bool fail(const std::string& path, const std::string& message);
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    const std::string& file() const { return file_; }

  private:
    const nlohmann::json* member(const nlohmann::json& parent, const char* key,
                                 const std::string& path);
    std::string file_;
    std::string error_;
};

std::string joinPath(const std::string& path, const char* key);
std::string indexPath(const std::string& path, size_t index);

} // namespace almere
