/**
 * `msez build` and `msez verify` (issue 3): module outputs with overlays (jsdiff) and rendered
 * placeholders, written to the CAS and `dist/zones/<zone_id>/` with a build manifest; re-hashing of dist/.
 */
export { buildModule, writeBuild, OUTPUT_ARTIFACT_TYPE, MANIFEST_ARTIFACT_TYPE, BUILD_MANIFEST_VERSION } from './build.js';
export type { BuildOptions, BuildResult, ModuleBuild, OutputFile, BuildOutputEntry } from './build.js';
export { renderTemplate, parameterContext, moduleDefaults, isRenderable } from './render.js';
export { applyUnifiedDiff } from './overlay.js';
export { verifyDist } from './verify.js';
export type { DistVerifyReport, DistVerifyEntry } from './verify.js';
