import { isMap, isSeq } from 'yaml';
import type { Edit, FixOptions } from '../edits';
import { addEntries, keyOf, pairOf, type PathStep, type YamlMap } from './yaml-tree';

/** Where a script sits: the path from the document's root, the index of the map holding it, and its key. */
export interface ScriptPlace {
  path: PathStep[];
  index: number;
  key: string;
}

/** Nothing to add: the CI system exports its project variables to every script. */
const EXPORTED: Edit = { start: 0, end: 0, text: '' };
const GITLAB_LISTS = new Set(['script', 'before_script', 'after_script']);
const CIRCLE_EXECUTORS = ['docker', 'machine', 'executor', 'macos'];

const pairKey = (step: PathStep | undefined): string => (step?.pair ? keyOf(step.pair) : '');
const has = (node: unknown, key: string): boolean => isMap(node) && Boolean(pairOf(node as YamlMap, key));

/**
 * The variables a rewritten script reads, where its CI system wants them: GitHub Actions in the job's `env:` (from
 * `secrets`), Azure Pipelines in the step's `env:` (secret variables reach a script only when mapped), Drone in the
 * step's `environment:` (`from_secret`), an Ansible `shell:`/`command:` task in `environment:` (from the
 * controller's). GitLab CI, Bitbucket Pipelines, CircleCI and Travis CI export project variables to every script:
 * nothing to add (an empty edit). Undefined for any other layout: a person gives the job its variables.
 */
export function variablesFor(source: string, place: ScriptPlace, options: FixOptions): Edit | undefined {
  const { path, index, key } = place;
  const names = options.bearer ? [options.tokenVar] : [options.emailVar, options.tokenVar];
  const holder = path[index]?.node as YamlMap;
  const root = path[0]?.node;
  const inList = isSeq(path[index - 1]?.node);
  const inSteps = inList && pairKey(path[index - 1]) === 'steps';
  const job = pairKey(path[1]) === 'jobs' ? path[2]?.node : undefined;
  if (key === 'run' && inSteps && has(job, 'runs-on')) {
    const provides = (map: unknown): boolean => names.every((name) => has(pairOf(map as YamlMap, 'env')?.value, name));
    if ([root, job, holder].some((map) => isMap(map) && provides(map))) return EXPORTED;
    return addEntries(source, job as YamlMap, 'env', names.map((name) => [name, `\${{ secrets.${name} }}`]));
  }
  if (CIRCLE_EXECUTORS.some((executor) => has(job, executor)) && (key === 'command' || key === 'run')) return EXPORTED;
  if (key === 'commands' && inSteps && has(holder, 'image')) return addEntries(source, holder, 'environment', names.map((name) => [name, `{ from_secret: ${name} }`]));
  if (key === 'script' && inSteps) return has(root, 'pipelines') ? EXPORTED : addEntries(source, holder, 'env', names.map((name) => [name, `$(${name})`]));
  if ((key === 'shell' || key === 'command') && inList && has(holder, 'name')) {
    return addEntries(source, holder, 'environment', names.map((name) => [name, `"{{ lookup('env', '${name}') }}"`]));
  }
  const gitlabJob = index === 1 && GITLAB_LISTS.has(key);
  const bitbucketStep = key === 'script' && pairKey(path[index]) === 'step' && has(root, 'pipelines');
  const travis = index === 0 && GITLAB_LISTS.has(key) && (has(root, 'language') || has(root, 'dist') || has(root, 'os'));
  return gitlabJob || bitbucketStep || travis ? EXPORTED : undefined;
}
