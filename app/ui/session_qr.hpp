#pragma once
// The join URL as a QR code (issue 9), encoded by Nayuki's qrcodegen (the C library, the same
// source on both targets) and drawn by the app as filled squares: dark modules on white with a
// quiet zone of 4 modules, as phone cameras expect.
#include <cstdint>
#include <imgui.h>
#include <string>
#include <vector>

namespace almere::ui {

struct QrModules {
    int size = 0;              // modules per side, without the quiet zone; 0 = could not encode
    std::vector<uint8_t> dark; // size * size, row by row, 1 = dark
    bool at(int x, int y) const { return dark[size_t(y * size + x)] != 0; }
};

constexpr int kQrQuietZone = 4;

// Medium error correction (a projected code, partly hidden by a head, still reads).
QrModules encodeQr(const std::string& text);

// The side length drawQr draws for `module` pixels per module (rounded down to whole pixels),
// quiet zone included: for centring the code before drawing it.
float qrSide(const QrModules& qr, float module);

// Draws the code with its top-left corner at `pos`, `module` pixels per module (at least 6 is
// asked for a projector); returns the side length drawn, quiet zone included.
float drawQr(ImDrawList* list, const QrModules& qr, ImVec2 pos, float module);

} // namespace almere::ui
