#include "ui/session_qr.hpp"

#include <cmath>

#include <qrcodegen.h>

namespace almere::ui {

QrModules encodeQr(const std::string& text) {
    QrModules out;
    std::vector<uint8_t> code(qrcodegen_BUFFER_LEN_MAX), temp(qrcodegen_BUFFER_LEN_MAX);
    if (!qrcodegen_encodeText(text.c_str(), temp.data(), code.data(), qrcodegen_Ecc_MEDIUM,
                              qrcodegen_VERSION_MIN, qrcodegen_VERSION_MAX, qrcodegen_Mask_AUTO,
                              true))
        return out;
    out.size = qrcodegen_getSize(code.data());
    out.dark.resize(size_t(out.size * out.size));
    for (int y = 0; y < out.size; ++y)
        for (int x = 0; x < out.size; ++x)
            out.dark[size_t(y * out.size + x)] = qrcodegen_getModule(code.data(), x, y) ? 1 : 0;
    return out;
}

float qrSide(const QrModules& qr, float module) {
    // Whole pixels per module: edges that fall between pixels blur and slow the camera down.
    return float(qr.size + 2 * kQrQuietZone) * std::floor(module);
}

float drawQr(ImDrawList* list, const QrModules& qr, ImVec2 pos, float module) {
    module = std::floor(module);
    pos = ImVec2(std::floor(pos.x), std::floor(pos.y));
    const float side = qrSide(qr, module);
    list->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), IM_COL32(255, 255, 255, 255));
    const float origin = float(kQrQuietZone) * module;
    for (int y = 0; y < qr.size; ++y) {
        // Runs of dark modules as one rectangle each: fewer vertices, no seams between them.
        for (int x = 0; x < qr.size;) {
            if (!qr.at(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < qr.size && qr.at(end, y))
                ++end;
            const ImVec2 a(pos.x + origin + float(x) * module, pos.y + origin + float(y) * module);
            list->AddRectFilled(a, ImVec2(a.x + float(end - x) * module, a.y + module),
                                IM_COL32(0, 0, 0, 255));
            x = end;
        }
    }
    return side;
}

} // namespace almere::ui
