/**
 * The zone model (formats.md §1-4, §6): discovery of modules, profiles, zones and corridors by id,
 * and the schema + semantic checks of `msez validate`.
 */
export { loadWorkspace, loadZoneFile, loadDoc, findFiles, relPath, isProblem, corridorFile } from './workspace.js';
export type { Workspace, ModuleInfo, ProfileInfo, ProfileModule, ZoneInfo, CorridorInfo, LoadedDoc, ParameterSpec, Dependency } from './workspace.js';
export { validateSelection, selectPath, inside, paramTypeError, STACK_SPEC_VERSION } from './validate.js';
export type { ValidateSelection, ValidateReport } from './validate.js';
export { formatProblem, sortProblems } from './problems.js';
export type { Problem, ProblemCode, Severity } from './problems.js';
export { satisfies, parseVersionTriple } from './constraint.js';
