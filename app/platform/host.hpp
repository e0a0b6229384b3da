#pragma once
// What differs between the kiosk and the browser around the frame loop: how the loop runs and
// how the page around the canvas is told about progress. One implementation per target
// (host_native.cpp, host_web.cpp), chosen by CMake.
#include <cstddef>
#include <functional>
#include <string>

namespace almere::platform {

// Calls frame() until it returns false (natively) or forever (browser: the page owns the loop).
void runMainLoop(std::function<bool()> frame);

// Nothing to redraw: natively, sleep until input arrives (at most `ms`); in the browser the
// page's animation frames pace the loop, so return at once.
void idleUntilInput(int ms);

// The first frame with the city in it is on screen (the web page hides its progress bar).
void notifyFirstFrame();

// A problem the resident should see even if the canvas cannot show it.
void notifyError(const std::string& message);

// The GL implementation's name (natively GL_RENDERER; in the browser the unmasked WebGL
// renderer where the browser tells it).
std::string rendererName();

// Links that open a view (issue 10). The view shown now, as view-link text (core/view_link):
// the browser page puts it in its address with history.replaceState (no history entry); the
// kiosk has no address bar and ignores it. The app calls it at most twice a second.
void publishViewLink(const std::string& text);

// "Deel deze weergave": the browser copies `url` (or shows it to select) and says `copied`
// politely, returning true; the kiosk returns false and the app shows a QR code instead.
bool shareInPage(const std::string& url, const std::string& copied);

// A status message for screen readers (the page's polite live region); natively a log line.
void announce(const std::string& sentence);

// Esc on the map: the keyboard goes back to the page around the canvas (no keyboard trap).
// Natively nothing: the kiosk's window is the whole screen.
void releaseKeyboard();

// The browser's own text field for the comment, over the drawn comment box (rect: x, y, w, h
// in logical pixels), so a phone's keyboard, dictation and autocorrect work. What is typed
// reaches the app through almere_comment_input (viewer/main_web.cpp); the field shows `text`,
// the comment as the app accepted it. open = false removes it. Natively there is none.
bool hasOwnTextField();
void showCommentField(bool open, const float rect[4], const std::string& text,
                      const std::string& label);

// Folder that holds assets/ (next to the executable natively, "/" in the browser).
std::string assetRoot();

// Fetches an asset that is not in the first download (`relativePath` under the page's folder,
// e.g. "lang/pl.json") into assetRoot(), then calls `done` with whether it arrived. Natively
// every asset is already local, so `done(false)` runs at once.
void fetchAsset(const std::string& relativePath, std::function<void(bool arrived)> done);
// True where fetchAsset costs nothing (natively: the files are on disk), so the viewer may load
// all of a large optional asset, such as every tile of real buildings, instead of what the view
// needs.
bool assetsAreLocal();
// Whether the site offers the optional tiles of real buildings (the web page says so in
// Module.buildingTiles, so that a site without them makes no request that fails); natively
// true: the viewer looks for the files on disk.
bool offersBuildingTiles();
// GPU memory (bytes) that loaded tiles of real buildings may keep once the view no longer needs
// them (core's tilesToDrop): on the web what the page says in Module.buildingTileMiB, else
// kDefaultTileBudgetBytes; natively no limit (a kiosk loads every tile: assetsAreLocal).
size_t buildingTileBudget();

} // namespace almere::platform
