#version 300 es
// Colours are computed per vertex (see city.vert): the per-pixel cost is one interpolation.
precision mediump float;

in vec3 v_color;
out vec4 fragColor;

void main() { fragColor = vec4(v_color, 1.0); }
