#pragma once
// The outer layer of a .glb (header, JSON and BIN chunks, buffers), checked before tinygltf
// sees it. Debian's tinygltf 2.7 trusts parts of it: it takes a BIN chunk 8 bytes longer than
// the file holds and copies past the end, throws (and so aborts the app) on a zero-length
// buffer, and reads any file a buffer's "uri" names. What the baker writes passes.
#include <cstdint>
#include <string>
#include <vector>

namespace almere {

// Why the bytes are not a self-contained glTF 2.0 binary the loader may hand to tinygltf, or
// "" when they are.
std::string glbContainerProblem(const std::vector<uint8_t>& glb);

} // namespace almere
