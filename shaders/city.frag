#version 300 es
// Sun + sky lighting with distance haze; the selected wijk glows warm.
precision mediump float;

in vec3 v_normal;
in vec4 v_color;
in vec3 v_world;
in float v_selected;

uniform vec3 u_sunDir;   // towards the sun, normalised
uniform vec3 u_eye;
uniform vec3 u_skyColor;
uniform float u_hazeDistance;
uniform float u_lit;     // 0 for outlines: they keep their colour

out vec4 fragColor;

const vec3 kSkyLight = vec3(0.62, 0.70, 0.82);
const vec3 kGroundLight = vec3(0.42, 0.40, 0.34);
const vec3 kSunLight = vec3(1.0, 0.95, 0.85);
const vec3 kHighlight = vec3(1.0, 0.78, 0.25);

void main() {
    vec3 n = normalize(v_normal);
    vec3 base = v_color.rgb;
    base = mix(base, kHighlight, v_selected * 0.55);
    vec3 ambient = mix(kGroundLight, kSkyLight, n.y * 0.5 + 0.5);
    vec3 light = ambient * 0.75 + kSunLight * max(dot(n, u_sunDir), 0.0) * 0.55;
    vec3 color = mix(base, base * light, u_lit);
    float haze = clamp(length(v_world - u_eye) / u_hazeDistance, 0.0, 1.0);
    color = mix(color, u_skyColor, haze * haze * 0.65);
    fragColor = vec4(color, 1.0);
}
