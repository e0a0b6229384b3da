#pragma once
// Little-endian writing and checked reading of the baked binary files (building_file,
// building_tiles): every read checked against the bytes left, the first failure kept with its
// byte offset and the file's name, and nothing read after it. Every supported target (x86-64,
// ARM64, WebAssembly) is little-endian, so values are copied as they are.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace almere {

class ByteWriter {
  public:
    void u8(uint8_t v) { bytes_.push_back(v); }
    void u16(uint16_t v) { raw(&v, 2); }
    void u32(uint32_t v) { raw(&v, 4); }
    void u64(uint64_t v) { raw(&v, 8); }
    void i32(int32_t v) { raw(&v, 4); }
    void f32(float v) { raw(&v, 4); }
    void str(const std::string& s) {
        u32(uint32_t(s.size()));
        bytes_.insert(bytes_.end(), s.begin(), s.end());
    }
    // A file's first bytes: its four-letter magic and its format version.
    void header(const char (&magic)[4], uint32_t version) {
        raw(magic, 4);
        u32(version);
    }
    std::vector<uint8_t> take() { return std::move(bytes_); }

  private:
    void raw(const void* v, size_t n) {
        const auto* p = static_cast<const uint8_t*>(v);
        bytes_.insert(bytes_.end(), p, p + n);
    }
    std::vector<uint8_t> bytes_;
};

class ByteReader {
  public:
    ByteReader(const std::vector<uint8_t>& bytes, const std::string& name)
        : bytes_(bytes), name_(name) {}
    bool u8(uint8_t& v) { return raw(&v, 1); }
    bool u16(uint16_t& v) { return raw(&v, 2); }
    bool u32(uint32_t& v) { return raw(&v, 4); }
    bool u64(uint64_t& v) { return raw(&v, 8); }
    bool i32(int32_t& v) { return raw(&v, 4); }
    bool f32(float& v) { return raw(&v, 4) && (std::isfinite(v) || fail("not a finite number")); }
    bool str(std::string& s, uint32_t maxBytes) {
        uint32_t n = 0;
        if (!u32(n)) return false;
        if (n > maxBytes || n > left()) return fail("text longer than the file allows");
        s.assign(bytes_.begin() + long(at_), bytes_.begin() + long(at_ + n));
        at_ += n;
        return true;
    }
    // Checks the header ByteWriter::header wrote: `what` names the kind of file that was expected.
    bool header(const char (&magic)[4], uint32_t version, const std::string& what) {
        uint8_t found[4] = {};
        uint32_t v = 0;
        for (uint8_t& c : found) // byte by byte: a file that ends inside says where
            if (!u8(c)) return false;
        if (std::memcmp(found, magic, 4) != 0) return fail("not a " + what);
        if (!u32(v)) return false;
        if (v != version)
            return fail("version " + std::to_string(v) + ", expected " + std::to_string(version));
        return true;
    }
    size_t left() const { return bytes_.size() - at_; }
    bool ok() const { return error_.empty(); }
    bool fail(const std::string& why) {
        if (error_.empty()) error_ = name_ + ": byte " + std::to_string(at_) + ": " + why;
        return false;
    }
    const std::string& error() const { return error_; }

  private:
    bool raw(void* v, size_t n) {
        if (!ok()) return false;
        if (left() < n) return fail("file ends early");
        std::memcpy(v, bytes_.data() + at_, n);
        at_ += n;
        return true;
    }
    const std::vector<uint8_t>& bytes_;
    const std::string& name_;
    size_t at_ = 0;
    std::string error_;
};

} // namespace almere
