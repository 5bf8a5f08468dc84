const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * WebGL unless the browser would emulate it on the CPU (no GPU, or GPU disabled as in headless
 * test runs): there Pixi's Canvas 2D renderer is faster, and it avoids the read-back stalls that
 * software-composited WebGL reports on the console.
 */
export function preferredRenderer(): 'webgl' | 'canvas' {
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (gl === null) return 'canvas';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE_GL.test(renderer) ? 'canvas' : 'webgl';
  } catch {
    return 'webgl';
  }
}
