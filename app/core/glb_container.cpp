#include "core/glb_container.hpp"

#include <cstddef>
#include <cstring>
#include <nlohmann/json.hpp>

namespace almere {
namespace {

constexpr uint32_t kMagic = 0x46546C67;     // "glTF"
constexpr uint32_t kJsonChunk = 0x4E4F534A; // "JSON"
constexpr uint32_t kBinChunk = 0x004E4942;  // "BIN\0"

// Both targets (x86-64, WebAssembly) are little-endian, as the format is.
uint32_t u32(const std::vector<uint8_t>& bytes, uint64_t at) {
    uint32_t v;
    std::memcpy(&v, bytes.data() + at, 4);
    return v;
}

} // namespace

std::string glbContainerProblem(const std::vector<uint8_t>& glb) {
    const uint64_t size = glb.size();
    if (size < 20) return "file is empty or truncated";
    if (u32(glb, 0) != kMagic) return "not a glTF binary (no glTF header)";
    if (u32(glb, 4) != 2) return "not a glTF 2.0 binary";
    if (u32(glb, 8) != size) return "the header's length does not match the file's size";
    const uint64_t jsonEnd = 20 + uint64_t(u32(glb, 12));
    if (u32(glb, 16) != kJsonChunk || jsonEnd > size) return "the JSON chunk is damaged";
    uint64_t binSize = 0;
    if (jsonEnd < size) {
        // The chunk's length counts its data, not its 8-byte header.
        if (jsonEnd + 8 > size || u32(glb, jsonEnd + 4) != kBinChunk)
            return "the BIN chunk is damaged";
        binSize = u32(glb, jsonEnd);
        if (jsonEnd + 8 + binSize > size) return "the BIN chunk runs past the end of the file";
    }
    const nlohmann::json doc = nlohmann::json::parse(
        glb.begin() + 20, glb.begin() + std::ptrdiff_t(jsonEnd), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return "the JSON chunk is not a JSON object";
    const auto buffers = doc.find("buffers");
    if (buffers == doc.end()) return "";
    if (!buffers->is_array()) return "buffers: expected an array";
    for (const nlohmann::json& buffer : *buffers) {
        // Everything lives in the BIN chunk: a uri would make tinygltf read another file.
        if (!buffer.is_object() || buffer.contains("uri"))
            return "buffers: expected only the file's own BIN chunk";
        const auto length = buffer.find("byteLength");
        if (length == buffer.end() || !length->is_number_unsigned() ||
            length->get<uint64_t>() == 0 || length->get<uint64_t>() > binSize)
            return "buffers: byteLength must be 1 to the BIN chunk's size";
    }
    return "";
}

} // namespace almere
