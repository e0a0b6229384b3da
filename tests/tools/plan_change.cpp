// plan_change: how much of the map a plan visibly changes, and where.
//
//   plan_change TODAY.png PLANS.png MASK.png [options]
//     --ignore X0,Y0,X1,Y1   a screen rectangle that is not map (a panel); repeatable
//     --threshold T          a pixel "clearly changed" when its largest RGB difference between
//                            TODAY and PLANS is above T (default 40 of 255)
//     --dilate D             grow the mask by D pixels: blocks stand up out of their area, and
//                            outline bands straddle its edge (default 6)
//     --min-changed F        fail when fewer than F of the map pixels clearly changed (fraction)
//     --min-inside F         fail when fewer than F of the changed pixels lie in the mask
//
// MASK is the viewer's --plan-mask render of the same view: black, with the plan areas lit.
// Prints one line with the numbers. Exit status: 0 pass, 1 a limit failed, 2 usage or read error.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;
    const unsigned char* at(int x, int y) const { return &rgba[(size_t(y) * width + x) * 4]; }
};

bool load(const char* path, Image& image) {
    int channels = 0;
    unsigned char* data = stbi_load(path, &image.width, &image.height, &channels, 4);
    if (!data) {
        std::fprintf(stderr, "plan_change: %s: %s\n", path, stbi_failure_reason());
        return false;
    }
    image.rgba.assign(data, data + size_t(image.width) * image.height * 4);
    stbi_image_free(data);
    return true;
}

struct Rect {
    int x0, y0, x1, y1;
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: plan_change TODAY.png PLANS.png MASK.png [options]\n");
        return 2;
    }
    std::vector<Rect> ignore;
    int threshold = 40, dilate = 6;
    double minChanged = 0, minInside = 0;
    for (int i = 4; i < argc; ++i) {
        const std::string arg = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (!value) {
            std::fprintf(stderr, "plan_change: %s needs a value\n", arg.c_str());
            return 2;
        }
        ++i;
        Rect r{};
        if (arg == "--ignore" && std::sscanf(value, "%d,%d,%d,%d", &r.x0, &r.y0, &r.x1, &r.y1) == 4)
            ignore.push_back(r);
        else if (arg == "--threshold")
            threshold = std::atoi(value);
        else if (arg == "--dilate")
            dilate = std::atoi(value);
        else if (arg == "--min-changed")
            minChanged = std::atof(value);
        else if (arg == "--min-inside")
            minInside = std::atof(value);
        else {
            std::fprintf(stderr, "plan_change: bad option %s %s\n", arg.c_str(), value);
            return 2;
        }
    }
    Image today, plans, mask;
    if (!load(argv[1], today) || !load(argv[2], plans) || !load(argv[3], mask)) return 2;
    const int w = today.width, h = today.height;
    if (plans.width != w || plans.height != h || mask.width != w || mask.height != h) {
        std::fprintf(stderr, "plan_change: the three images differ in size\n");
        return 2;
    }

    // The mask, grown by `dilate` pixels (a square neighbourhood: cheap, and generous enough).
    std::vector<unsigned char> area(size_t(w) * h, 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const unsigned char* m = mask.at(x, y);
            if (std::max({m[0], m[1], m[2]}) <= 16) continue;
            for (int yy = std::max(0, y - dilate); yy <= std::min(h - 1, y + dilate); ++yy)
                std::fill_n(&area[size_t(yy) * w + std::max(0, x - dilate)],
                            std::min(w - 1, x + dilate) - std::max(0, x - dilate) + 1, 1);
        }

    long mapPixels = 0, changed = 0, inside = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            bool isMap = true;
            for (const Rect& r : ignore)
                if (x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1) isMap = false;
            if (!isMap) continue;
            ++mapPixels;
            const unsigned char *a = today.at(x, y), *b = plans.at(x, y);
            int diff = 0;
            for (int c = 0; c < 3; ++c)
                diff = std::max(diff, std::abs(int(a[c]) - int(b[c])));
            if (diff <= threshold) continue;
            ++changed;
            if (area[size_t(y) * w + x]) ++inside;
        }
    const double changedShare = mapPixels ? double(changed) / double(mapPixels) : 0.0;
    const double insideShare = changed ? double(inside) / double(changed) : 0.0;
    const bool pass = changedShare >= minChanged && insideShare >= minInside;
    std::printf("%s changed %.2f %% of %ld map pixels (min %.2f %%), %.1f %% of them in the plan "
                "areas (min %.1f %%)\n",
                pass ? "PASS" : "FAIL", changedShare * 100.0, mapPixels, minChanged * 100.0,
                insideShare * 100.0, minInside * 100.0);
    return pass ? 0 : 1;
}
