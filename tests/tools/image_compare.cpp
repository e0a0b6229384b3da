// image_compare: compares a rendered image against a golden (expected) image.
//
//   image_compare ACTUAL.png EXPECTED.png [options]
//     --pixel-threshold T    a pixel "differs" when its largest channel difference (R, G, B or A,
//                            0..255) is greater than T (default 0)
//     --max-differing F      fail when the share of differing pixels is greater than F, a fraction
//                            of all pixels (0.001 = 0.1 %; default 0)
//     --max-mean M           fail when the mean absolute difference over all channels of all pixels
//                            (0..255) is greater than M (default 0)
//     --diff DIFF.png        on failure write a diff image there: the expected image dimmed, with
//     the
//                            differing pixels red and the pixels that differ within the threshold
//                            yellow
//
// Prints one line with the numbers either way. Exit status: 0 the images match within the limits,
// 1 they do not (size mismatch included), 2 usage error or an image that cannot be read or written.
// The golden runner (tests/golden/run_case.sh) relies on 1 versus 2 to tell "the comparison
// failed" from "the comparison could not run".

#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr int kPass = 0;
constexpr int kFail = 1;
constexpr int kError = 2;

struct Image {
    int width = 0;
    int height = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, stbi_image_free}; // RGBA8
};

bool load(const std::string& path, Image& image) {
    int channels = 0;
    unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 4);
    if (!data) {
        std::fprintf(stderr, "image_compare: %s: %s\n", path.c_str(), stbi_failure_reason());
        return false;
    }
    image.pixels.reset(data);
    return true;
}

bool parseNumber(const char* text, double& out) {
    char* end = nullptr;
    out = std::strtod(text, &end);
    return end != text && *end == '\0' && out >= 0.0;
}

int usage() {
    std::fprintf(stderr, "usage: image_compare ACTUAL.png EXPECTED.png [--pixel-threshold T] "
                         "[--max-differing FRACTION] [--max-mean M] [--diff DIFF.png]\n");
    return kError;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> files;
    double pixelThreshold = 0.0;
    double maxDiffering = 0.0;
    double maxMean = 0.0;
    std::string diffPath;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--pixel-threshold" || arg == "--max-differing" || arg == "--max-mean") {
            double value = 0.0;
            if (!hasValue || !parseNumber(argv[i + 1], value)) {
                std::fprintf(stderr, "image_compare: %s needs a number >= 0\n", arg.c_str());
                return kError;
            }
            ++i;
            if (arg == "--pixel-threshold")
                pixelThreshold = value;
            else if (arg == "--max-differing")
                maxDiffering = value;
            else
                maxMean = value;
        } else if (arg == "--diff") {
            if (!hasValue) return usage();
            diffPath = argv[++i];
        } else if (arg == "--help" || arg == "-h") {
            usage();
            return kPass;
        } else if (!arg.empty() && arg[0] == '-') {
            std::fprintf(stderr, "image_compare: unknown option '%s'\n", arg.c_str());
            return usage();
        } else {
            files.push_back(arg);
        }
    }
    if (files.size() != 2) return usage();

    Image actual;
    Image expected;
    if (!load(files[0], actual) || !load(files[1], expected)) return kError;
    if (actual.width != expected.width || actual.height != expected.height) {
        std::printf("FAIL size: actual %dx%d, expected %dx%d\n", actual.width, actual.height,
                    expected.width, expected.height);
        return kFail;
    }

    const size_t count = size_t(actual.width) * size_t(actual.height);
    const unsigned char* a = actual.pixels.get();
    const unsigned char* e = expected.pixels.get();
    std::vector<unsigned char> pixelDiff(count); // largest channel difference per pixel
    size_t differing = 0;
    int maxDiff = 0;
    double sumAbs = 0.0;
    for (size_t p = 0; p < count; ++p) {
        int largest = 0;
        for (size_t c = 0; c < 4; ++c) {
            const int d = std::abs(int(a[p * 4 + c]) - int(e[p * 4 + c]));
            sumAbs += d;
            if (d > largest) largest = d;
        }
        pixelDiff[p] = static_cast<unsigned char>(largest);
        if (largest > maxDiff) maxDiff = largest;
        if (double(largest) > pixelThreshold) ++differing;
    }
    const double share = count ? double(differing) / double(count) : 0.0;
    const double mean = count ? sumAbs / double(count * 4) : 0.0;
    const bool shareOk = share <= maxDiffering;
    const bool meanOk = mean <= maxMean;
    const bool pass = shareOk && meanOk;

    std::printf("%s %dx%d: max pixel difference %d; %zu pixels differ by more than %g "
                "(%.4f %% of %zu, limit %.4f %%)%s; mean absolute difference %.4f (limit %.4f)%s\n",
                pass ? "PASS" : "FAIL", actual.width, actual.height, maxDiff, differing,
                pixelThreshold, share * 100.0, count, maxDiffering * 100.0,
                shareOk ? "" : " EXCEEDED", mean, maxMean, meanOk ? "" : " EXCEEDED");

    if (!pass && !diffPath.empty()) {
        std::vector<unsigned char> out(count * 4);
        for (size_t p = 0; p < count; ++p) {
            unsigned char* o = &out[p * 4];
            if (double(pixelDiff[p]) > pixelThreshold) {
                o[0] = 255, o[1] = 0, o[2] = 0;
            } else if (pixelDiff[p] > 0) {
                o[0] = 255, o[1] = 200, o[2] = 0;
            } else {
                // Dimmed expected (40 % brightness): context for where the red pixels are.
                for (size_t c = 0; c < 3; ++c)
                    o[c] = static_cast<unsigned char>(e[p * 4 + c] * 2 / 5);
            }
            o[3] = 255;
        }
        if (!stbi_write_png(diffPath.c_str(), actual.width, actual.height, 4, out.data(),
                            actual.width * 4)) {
            std::fprintf(stderr, "image_compare: %s: cannot write the diff image\n",
                         diffPath.c_str());
            return kError;
        }
        std::printf("diff image: %s\n", diffPath.c_str());
    }
    return pass ? kPass : kFail;
}
