#pragma once
// The one GL dialect of both targets: OpenGL ES 3.0 (= WebGL2).
#include <GLES3/gl3.h>
