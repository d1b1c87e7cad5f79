import type { Resolution } from '@tokenshift/db';
import { resolutionJson, statusJson } from '../catalog-json';
import { isDoneStatus, WorkflowTransition } from './workflow';

/** The fields a transition's screen offers (`expand=transitions.fields`): a resolution for a move to a done status. */
function transitionFields(baseUrl: string, transition: WorkflowTransition, resolutions: Resolution[]) {
  if (!isDoneStatus(transition.status)) return {};
  return {
    resolution: {
      required: false,
      schema: { type: 'resolution', system: 'resolution' },
      name: 'Resolution',
      key: 'resolution',
      operations: ['set'],
      allowedValues: resolutions.map((resolution) => resolutionJson(baseUrl, resolution)),
    },
  };
}

/** Jira's transition representation (`GET …/transitions` and `expand=transitions`); `fields` only when resolutions are given. */
export function transitionJson(baseUrl: string, transition: WorkflowTransition, resolutions?: Resolution[]) {
  return {
    id: transition.id,
    name: transition.name,
    to: statusJson(baseUrl, transition.status),
    hasScreen: isDoneStatus(transition.status),
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    ...(resolutions ? { fields: transitionFields(baseUrl, transition, resolutions) } : {}),
  };
}
