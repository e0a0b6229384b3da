#include "server/compression.hpp"

#include <strings.h>
#include <zlib.h>

namespace almere::server {
namespace {

constexpr size_t kMinBytes = 1024;

bool gzip(const std::string& in, std::string& out) {
    z_stream z{};
    // 15 + 16: a gzip wrapper around deflate; level 6: most of level 9's gain, less CPU.
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
    out.resize(deflateBound(&z, uLong(in.size())) + 32);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = uInt(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const bool done = deflate(&z, Z_FINISH) == Z_STREAM_END;
    out.resize(z.total_out);
    deflateEnd(&z);
    return done;
}

} // namespace

void gzipIfAccepted(const HttpRequest& req, HttpResponse& res) {
    if (res.body.size() < kMinBytes) return;
    for (const auto& [name, value] : res.headers)
        if (strcasecmp(name.c_str(), "Content-Encoding") == 0) return;
    if (req.header("accept-encoding").find("gzip") == std::string::npos) return;
    std::string packed;
    if (!gzip(res.body, packed) || packed.size() >= res.body.size()) return;
    res.body = std::move(packed);
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Vary", "Accept-Encoding");
}

} // namespace almere::server
